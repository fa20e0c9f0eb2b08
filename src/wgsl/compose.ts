/**
 * naga_oil-style WGSL composition as source text: the top-level files, then
 * every module they import (resolved against import roots), joined into one
 * WGSL module. A module's own declarations are renamed `item__a__b` (module
 * `a::b`), and every reference to an imported item — `b::item` after
 * `#import a::b`, `item` after `#import a::b::{item}`, `c::item` after
 * `#import a::b as c`, or `a::b::item` written out — becomes that name, so
 * modules never collide with each other or with the kernel. Top-level files
 * keep their names (entry points, bindings). `var<push_constant>` becomes a
 * uniform binding in the first free group (push-constants.ts). Every line
 * keeps its origin (line-map.ts).
 */
import { WgslCompositionError } from './composition-error.ts';
import { DirectiveError, readDirectives, type Directives, type ImportBinding } from './directives.ts';
import { renderPieces, type LineOrigin, type Piece } from './line-map.ts';
import { declaredPath, ImportRoots, readText, shown } from './module-index.ts';
import { mangle } from './mangle.ts';
import { assignPushConstants } from './push-constants.ts';
import type { GroupUse, PushConstant, PushConstantSite } from './push-constants.ts';
import { declarations, nextSig, pathOf, significant, tokenize, type Token } from './tokens.ts';

export { WgslCompositionError } from './composition-error.ts';

/** A WGSL text and the name messages show for it. */
export interface WgslPart {
  readonly file: string;
  readonly code: string;
}

export interface ComposeOptions {
  /** Folders whose `.wgsl` files are importable modules (absolute, or relative to the working directory). */
  readonly importRoots?: readonly string[];
  /** Texts to use instead of the files on disk, by absolute path (an edited copy of a module). */
  readonly overlay?: ReadonlyMap<string, string>;
}

/** A module file read from an import root. */
export interface ModuleSource extends WgslPart {
  readonly path: string;
  readonly module: string;
}

export interface Composition {
  readonly code: string;
  /** Origin of each line of `code`. */
  readonly lines: readonly LineOrigin[];
  /** Composed name -> qualified name (`loadTexel__twinpath__texture` -> `twinpath::texture::loadTexel`). */
  readonly names: ReadonlyMap<string, string>;
  readonly pushConstants: readonly PushConstant[];
  /** The module files read from import roots, in the order they were included. */
  readonly rootModules: readonly ModuleSource[];
}

interface Unit {
  readonly file: string;
  readonly code: string;
  /** The module path, for modules and for top-level files that declare one. */
  readonly module?: string;
  /** Whether its declarations are renamed (modules) or keep their names (top-level files). */
  readonly mangled: boolean;
  readonly directives: Directives;
  readonly tokens: readonly Token[];
  /** Module-scope declarations: name -> offset. */
  readonly decls: ReadonlyMap<string, number>;
}

function lineCol(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

class Composer {
  private readonly units = new Map<string, Unit>();
  private readonly order: Unit[] = [];
  private readonly stack: string[] = [];
  private readonly names = new Map<string, string>();
  private readonly sites: PushConstantSite[] = [];
  private readonly groups: GroupUse[] = [];
  private readonly pieces = new Map<Unit, Piece[]>();
  private readonly roots: ImportRoots;
  readonly rootModules: ModuleSource[] = [];

  constructor(private readonly options: ComposeOptions) {
    this.roots = new ImportRoots(options.importRoots ?? [], (f) => this.read(f));
  }

  private read(file: string): string {
    return this.options.overlay?.get(file) ?? readText(file);
  }

  private at(u: Unit | WgslPart, offset: number): string {
    const { line, column } = lineCol(u.code, offset);
    return `${u.file}:${line}:${column}`;
  }

  private parse(file: string, code: string, module: string | undefined, mangled: boolean): Unit {
    let directives: Directives;
    try {
      directives = readDirectives(code);
    } catch (e) {
      if (!(e instanceof DirectiveError)) throw e;
      throw new WgslCompositionError(`${this.at({ file, code }, e.offset)}: ${e.message}`);
    }
    const tokens = tokenize(directives.body);
    return { file, code, mangled, directives, tokens, decls: declarations(tokens), ...(module ? { module } : {}) };
  }

  /** Adds the top-level files; they keep their names and come last, in order. */
  top(parts: readonly WgslPart[]): void {
    const tops = parts.map((p) => this.parse(p.file, p.code, declaredPath(p.code), false));
    for (const u of tops) {
      if (u.module) this.units.set(u.module, u);
    }
    for (const u of tops) this.process(u);
  }

  private isModule(path: string): boolean {
    return this.units.has(path) || this.roots.locate(path) !== undefined;
  }

  /** The unit of module `path`, composed (its imports first); `from` names the referring site for messages. */
  private require(path: string, from: string): Unit {
    if (this.stack.includes(path)) {
      const cycle = [...this.stack.slice(this.stack.indexOf(path)), path].join(' -> ');
      throw new WgslCompositionError(
        `${from}: import cycle ${cycle}. Fix: move what both modules need into a third module they both import.`,
      );
    }
    const known = this.units.get(path);
    if (known) return known;
    const abs = this.roots.locate(path);
    if (!abs) throw new WgslCompositionError(`${from}: no module ${path}`);
    const u = this.parse(shown(abs), this.read(abs), path, true);
    this.units.set(path, u);
    this.process(u);
    this.rootModules.push({ file: u.file, code: u.code, path: abs, module: path });
    return u;
  }

  /**
   * An #import that is neither a module nor an item of one. The fix names the
   * module the file means: the whole path where the file writes `name::…`,
   * else the path's parent (`#import a::b::{x}` imports item x of a::b).
   */
  private unresolved(b: ImportBinding, u: Unit): never {
    const parent = b.path.includes('::') ? b.path.slice(0, b.path.lastIndexOf('::')) : undefined;
    const qualifies = u.tokens.some((t) => t.kind === 'ident' && pathOf(t).startsWith(`${b.name}::`));
    const module = qualifies || !parent ? b.path : parent;
    throw new WgslCompositionError(
      `${this.at(u, b.offset)}: cannot resolve #import ${b.path}: ` +
        `no module ${b.path}${parent ? ` (nor ${parent})` : ''}\n` +
        `  import roots searched: ${this.roots.describe()}\n` +
        `  Fix: put a file that starts with \`#define_import_path ${module}\` ` +
        `(or ${module.split('::').join('/')}.wgsl) ` +
        "under an import root, or add its folder to the import roots (a kernel's importRoots, layout's --root).",
    );
  }

  /** Module `module` must declare `item`; returns its composed name. */
  private item(module: string, item: string, from: string, self?: Unit): string {
    const target = self?.module === module ? self : this.require(module, from);
    if (!target.decls.has(item)) {
      const declared = [...target.decls.keys()].join(', ') || 'nothing';
      throw new WgslCompositionError(
        `${from}: module ${module} (${target.file}) has no declaration ${item}; it declares: ${declared}`,
      );
    }
    if (!target.mangled) return item;
    const name = mangle(module, item);
    const qualified = `${module}::${item}`;
    const before = this.names.get(name);
    if (before !== undefined && before !== qualified) {
      throw new WgslCompositionError(`${from}: ${qualified} and ${before} are both named ${name}. Fix: rename one`);
    }
    this.names.set(name, qualified);
    return name;
  }

  /** Checks every #import of a unit and returns its bindings by local name. */
  private bindings(u: Unit): Map<string, ImportBinding> {
    const byName = new Map<string, ImportBinding>();
    for (const b of u.directives.imports) {
      const first = byName.get(b.name);
      const at = this.at(u, b.offset);
      if (first && first.path !== b.path) {
        throw new WgslCompositionError(
          `${at}: ${b.name} is imported twice: as ${first.path} (${this.at(u, first.offset)}) and as ${b.path}. ` +
            'Fix: import one of them `as` another name.',
        );
      }
      const declared = u.decls.get(b.name);
      if (declared !== undefined) {
        throw new WgslCompositionError(
          `${at}: ${b.name} is imported from ${b.path} and declared at ${this.at(u, declared)}. ` +
            'Fix: rename one, or import it `as` another name.',
        );
      }
      byName.set(b.name, b);
      if (this.isModule(b.path)) this.require(b.path, at);
      else {
        const cut = b.path.lastIndexOf('::');
        if (cut < 0 || !this.isModule(b.path.slice(0, cut))) this.unresolved(b, u);
        this.item(b.path.slice(0, cut), b.path.slice(cut + 2), at);
      }
    }
    return byName;
  }

  /** Rewrites one unit's references and declarations into pieces, after every module it needs. */
  private process(u: Unit): void {
    if (u.module) this.stack.push(u.module);
    const imports = this.bindings(u);
    const pieces: Piece[] = [];
    const tokens = u.tokens;
    let depth = 0;
    let structBody: number | undefined;
    let pendingStruct = false;
    let prev: Token | undefined;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const next = tokens[nextSig(tokens, i)];
      let text = t.text;
      if (t.text === '{') {
        depth++;
        if (pendingStruct) structBody = depth;
        pendingStruct = false;
      } else if (t.text === '}') {
        if (depth === structBody) structBody = undefined;
        depth--;
      } else if (t.text === '#') {
        const what = "a '#' outside a directive: naga_oil's #{DEF} substitution is not supported";
        throw new WgslCompositionError(`${this.at(u, t.offset)}: ${what}`);
      } else if (t.kind === 'ident') {
        if (depth === 0 && (t.text === 'virtual' || t.text === 'override') && next?.text === 'fn') {
          const what = `naga_oil's ${t.text} fn (function overriding) is not supported`;
          throw new WgslCompositionError(`${this.at(u, t.offset)}: ${what}`);
        }
        if (depth === 0 && t.text === 'struct') pendingStruct = true;
        if (prev?.text === '@' && t.text === 'group') this.recordGroup(u, tokens, i);
        if (depth === 0 && t.text === 'var' && next?.text === '<') this.recordPushConstant(u, tokens, i, pieces);
        const member = structBody !== undefined && depth === structBody && next?.text === ':';
        if (prev?.text !== '.' && prev?.text !== '@' && !member) text = this.reference(u, t, imports);
      }
      if (significant(t)) prev = t;
      pieces.push({ text, srcLength: t.text.length, edited: text !== t.text });
    }
    this.pieces.set(u, pieces);
    this.order.push(u);
    if (u.module) this.stack.pop();
  }

  /** The composed spelling of an identifier token of unit `u`. */
  private reference(u: Unit, t: Token, imports: ReadonlyMap<string, ImportBinding>): string {
    const path = pathOf(t);
    const segments = path.split('::');
    const binding = imports.get(segments[0]!);
    if (!binding && segments.length === 1) {
      if (!u.mangled || !u.decls.has(path)) return t.text;
      const name = mangle(u.module!, path);
      this.names.set(name, `${u.module}::${path}`);
      return name;
    }
    const full = [binding?.path ?? segments[0]!, ...segments.slice(1)].join('::');
    if (binding && segments.length === 1 && this.isModule(full)) return t.text;
    const cut = full.lastIndexOf('::');
    const from = this.at(u, t.offset);
    const module = full.slice(0, cut);
    if (module !== u.module && !this.isModule(module)) {
      throw new WgslCompositionError(
        `${from}: ${path} names module ${module}, which is neither imported nor under an import root\n` +
          `  import roots searched: ${this.roots.describe()}\n` +
          `  Fix: \`#import ${module}\` from a file under an import root, or correct the path.`,
      );
    }
    return this.item(module, full.slice(cut + 2), from, u);
  }

  private recordGroup(u: Unit, tokens: readonly Token[], i: number): void {
    const open = nextSig(tokens, i);
    const arg = tokens[nextSig(tokens, open)];
    const literal = arg?.kind === 'number' && /^\d+[iu]?$/.test(arg.text) ? Number.parseInt(arg.text, 10) : undefined;
    this.groups.push({ group: literal, at: this.at(u, arg?.offset ?? tokens[i]!.offset) });
  }

  /** `var<push_constant> name: T;` at token `i` (`var`): recorded, rewritten once the free group is known. */
  private recordPushConstant(u: Unit, tokens: readonly Token[], i: number, pieces: Piece[]): void {
    const space = nextSig(tokens, nextSig(tokens, i));
    if (tokens[space]?.text !== 'push_constant') return;
    const nameAt = nextSig(tokens, nextSig(tokens, space));
    const name = tokens[nameAt];
    const at = this.at(u, tokens[i]!.offset);
    if (name?.kind !== 'ident') throw new WgslCompositionError(`${at}: var<push_constant> needs a name`);
    const colon = nextSig(tokens, nameAt);
    if (tokens[colon]?.text !== ':') {
      throw new WgslCompositionError(`${at}: var<push_constant> ${name.text} needs a type`);
    }
    let end = colon;
    while (end < tokens.length && tokens[end]!.text !== ';') end++;
    this.sites.push({
      declaredAt: `${u.file}:${lineCol(u.code, tokens[i]!.offset).line}`,
      name: name.text,
      module: u.mangled ? u.module : undefined,
      varToken: i,
      spaceToken: space,
      typeTokens: [colon + 1, end],
      typeText: tokens
        .slice(colon + 1, end)
        .map((x) => x.text)
        .join('')
        .trim(),
      pieces,
    });
  }

  /** Renders every unit, imports first, with the origin of each line. */
  finish(): Composition {
    let pushConstants: PushConstant[];
    try {
      pushConstants = assignPushConstants(this.sites, this.groups);
    } catch (e) {
      throw new WgslCompositionError((e as Error).message);
    }
    const lines: LineOrigin[] = [];
    const texts: string[] = [];
    for (const u of this.order) {
      const rendered = renderPieces(u.file, this.pieces.get(u)!);
      texts.push(rendered.text);
      lines.push(...rendered.lines);
    }
    return { code: texts.join(''), lines, names: this.names, pushConstants, rootModules: this.rootModules };
  }
}

/**
 * Composes top-level WGSL parts with the modules they import. Throws
 * {@link WgslCompositionError} naming the file:line:col, the module path,
 * the roots searched and the fix.
 */
export function composeWgsl(parts: readonly WgslPart[], options: ComposeOptions = {}): Composition {
  const c = new Composer(options);
  c.top(parts);
  return c.finish();
}
