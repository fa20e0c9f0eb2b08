/**
 * naga_oil's composition directives, read from a WGSL file:
 * `#define_import_path a::b` names the module a file is;
 * `#import a::b`, `#import a::b as c`, `#import a::b::{x, y as z, c::{d}}`
 * (lists nest, a trailing `;` is allowed) bind local names to module paths.
 * Each directive is blanked in the text (spaces, newlines kept), so every
 * other character keeps its line and column.
 */

/** One name an `#import` binds: `z` for `a::b::y as z`, `b` for `a::b`. */
export interface ImportBinding {
  readonly name: string;
  /** The full path the name stands for: `a::b::y`. */
  readonly path: string;
  /** Offset in the file where the directive's path begins (for messages). */
  readonly offset: number;
}

export interface Directives {
  readonly definePath?: { readonly path: string; readonly offset: number };
  readonly imports: readonly ImportBinding[];
  /** The text with every directive replaced by spaces. */
  readonly body: string;
}

/** A directive that does not parse, at an offset of its file; the caller adds file:line:col. */
export class DirectiveError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

/** A recursive-descent reader of one `#import` directive's text. */
class ImportReader {
  private i = 0;
  readonly bindings: ImportBinding[] = [];

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  private space(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i]!)) this.i++;
  }

  private fail(what: string): never {
    const rest = this.text.slice(this.i, this.i + 12);
    const found = rest ? JSON.stringify(rest) : 'the end of the directive';
    throw new DirectiveError(`#import: expected ${what}, found ${found}`, this.base + this.i);
  }

  private name(): string {
    this.space();
    NAME.lastIndex = this.i;
    const m = NAME.exec(this.text);
    if (!m) {
      if (this.text[this.i] === '"') {
        this.fail('a module path (quoted paths are not supported; name the module with #define_import_path)');
      }
      this.fail('a name');
    }
    this.i += m[0].length;
    return m[0];
  }

  private eat(s: string): boolean {
    this.space();
    if (!this.text.startsWith(s, this.i)) return false;
    this.i += s.length;
    return true;
  }

  /** `tree (, tree)*` with an optional trailing comma before `close`. */
  private list(prefix: readonly string[], close: string | undefined, start?: number): void {
    for (;;) {
      this.tree(prefix, start);
      if (!this.eat(',')) return;
      this.space();
      if (close !== undefined && this.text.startsWith(close, this.i)) return;
    }
  }

  /** One import tree; `start` is where the outermost path began (what messages point at). */
  private tree(prefix: readonly string[], outer?: number): void {
    this.space();
    const start = outer ?? this.base + this.i;
    const path = [...prefix, this.name()];
    for (;;) {
      if (!this.eat('::')) break;
      if (this.eat('{')) {
        this.list(path, '}', start);
        if (!this.eat('}')) this.fail("',' or '}'");
        return;
      }
      path.push(this.name());
    }
    const alias = this.eat('as') ? this.name() : path[path.length - 1]!;
    this.bindings.push({ name: alias, path: path.join('::'), offset: start });
  }

  read(): ImportBinding[] {
    this.list([], undefined);
    this.eat(';');
    this.space();
    if (this.i < this.text.length) this.fail("',' or the end of the directive");
    return this.bindings;
  }
}

/** Characters of `s` as spaces, newlines kept. */
const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Where a directive's text ends: the end of the line where its braces balance. Throws for a `{` never closed. */
function directiveEnd(text: string, at: number): number {
  const open: number[] = [];
  let i = at;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '{') open.push(i);
    else if (c === '}') open.pop();
    else if (c === '\n' && !open.length) break;
  }
  if (open.length) throw new DirectiveError("#import: this '{' is never closed", open[0]!);
  return i;
}

/**
 * Reads and blanks the directives of a file. Throws DirectiveError (at an
 * offset, which the composer turns into file:line:col) for a malformed one,
 * a second `#define_import_path`, or a directive twinpath does not implement:
 * `#import: this '{' is never closed`,
 * `#ifdef is not supported: twinpath composes with #import and #define_import_path only`.
 */
export function readDirectives(text: string): Directives {
  const imports: ImportBinding[] = [];
  let definePath: Directives['definePath'];
  const parts: string[] = [];
  let done = 0;
  const directive = /^[ \t]*#([A-Za-z_]+)/gm;
  for (let m = directive.exec(text); m; m = directive.exec(text)) {
    const at = m.index + m[0].indexOf('#');
    const end = directiveEnd(text, at);
    const argsAt = at + 1 + m[1]!.length;
    const args = text.slice(argsAt, end);
    if (m[1] === 'import') {
      imports.push(...new ImportReader(args, argsAt).read());
    } else if (m[1] === 'define_import_path') {
      if (definePath) throw new DirectiveError('a second #define_import_path (a file is one module)', at);
      const path = args.trim().replace(/;$/, '').trim();
      if (!/^[A-Za-z_][A-Za-z0-9_]*(::[A-Za-z_][A-Za-z0-9_]*)*$/.test(path)) {
        const what = `#define_import_path: ${JSON.stringify(path)} is not a module path such as my_lib::color`;
        throw new DirectiveError(what, argsAt);
      }
      definePath = { path, offset: argsAt + args.indexOf(path) };
    } else {
      const what = `#${m[1]} is not supported: twinpath composes with #import and #define_import_path only`;
      throw new DirectiveError(what, at);
    }
    parts.push(text.slice(done, at), blank(text.slice(at, end)));
    done = end;
    directive.lastIndex = end;
  }
  parts.push(text.slice(done));
  return { imports, body: parts.join(''), ...(definePath ? { definePath } : {}) };
}
