/**
 * A WGSL tokenizer just fine enough for composition: identifiers (with
 * `a::b::c` paths joined into one token), comments, whitespace, and every
 * other character on its own. Offsets are into the text it was given. Also
 * the scans composition makes of a token stream: the next significant token,
 * the module-scope declarations.
 */

export type TokenKind = 'ident' | 'number' | 'space' | 'comment' | 'other';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly offset: number;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*(?:[ \t]*::[ \t]*[A-Za-z_][A-Za-z0-9_]*)*/y;
const SPACE = /\s+/y;
/** Numeric literals, suffixes included, so `0xffu` or `1e5f` never yield an identifier. */
const HEX = '0[xX][0-9a-fA-F]*(?:\\.[0-9a-fA-F]*)?(?:[pP][+-]?[0-9]+)?';
const DECIMAL = '(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const NUMBER = new RegExp(`(?:${HEX}|${DECIMAL})[fhiu]?`, 'y');

/** End offset of the block comment opening at `at` (WGSL block comments nest); the text's end when unclosed. */
function blockCommentEnd(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

function match(re: RegExp, text: string, at: number): string | undefined {
  re.lastIndex = at;
  return re.exec(text)?.[0];
}

/** Splits WGSL text into tokens; concatenating their texts gives the input back. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    let kind: TokenKind;
    let end: number;
    if (text.startsWith('//', i)) {
      kind = 'comment';
      const nl = text.indexOf('\n', i);
      end = nl < 0 ? text.length : nl;
    } else if (text.startsWith('/*', i)) {
      kind = 'comment';
      end = blockCommentEnd(text, i);
    } else {
      const space = match(SPACE, text, i);
      const ident = space ? undefined : match(IDENT, text, i);
      const number = space || ident ? undefined : match(NUMBER, text, i);
      kind = space ? 'space' : ident ? 'ident' : number ? 'number' : 'other';
      end = i + (space ?? ident ?? number ?? text[i]!).length;
    }
    out.push({ kind, text: text.slice(i, end), offset: i });
    i = end;
  }
  return out;
}

/** `a :: b` as written, `a::b` as meant. */
export function pathOf(token: Token): string {
  return token.text.replace(/[ \t]+/g, '');
}

/** Whether a token means something: neither whitespace nor a comment. */
export const significant = (t: Token | undefined): boolean =>
  t !== undefined && t.kind !== 'space' && t.kind !== 'comment';

/** Index of the next significant token after `i`. */
export function nextSig(tokens: readonly Token[], i: number): number {
  let j = i + 1;
  while (j < tokens.length && !significant(tokens[j])) j++;
  return j;
}

const DECLARING = new Set(['fn', 'struct', 'const', 'override', 'var', 'alias']);

/** Module-scope declarations of a token stream (`fn f`, `struct S`, `var<storage> v`, `const C`, ...): name -> offset. */
export function declarations(tokens: readonly Token[]): Map<string, number> {
  const decls = new Map<string, number>();
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === '{') depth++;
    else if (t.text === '}') depth--;
    else if (depth === 0 && t.kind === 'ident' && DECLARING.has(t.text)) {
      let j = nextSig(tokens, i);
      if (t.text === 'var' && tokens[j]?.text === '<') {
        while (j < tokens.length && tokens[j]!.text !== '>') j++;
        j = nextSig(tokens, j);
      }
      const name = tokens[j];
      if (name?.kind === 'ident' && !decls.has(name.text)) decls.set(name.text, name.offset);
      i = j;
    }
  }
  return decls;
}
