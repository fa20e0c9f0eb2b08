/**
 * Where each line of composed WGSL came from: its file and line, and the
 * spans composition rewrote on it (a mangled name, a push-constant binding),
 * so a column of the composed code maps back to the column the author wrote.
 */

/** A span of one composed line that differs from its source: columns are 0-based. */
export interface LineEdit {
  readonly out: number;
  readonly outLength: number;
  readonly src: number;
  readonly srcLength: number;
}

export interface LineOrigin {
  readonly file: string;
  /** 1-based line in `file`. */
  readonly line: number;
  readonly edits: readonly LineEdit[];
}

export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  /** 1-based; absent when the position has no column. */
  readonly column?: number;
}

/**
 * The original position of a 1-based line and column of the composed code.
 * A column inside a rewritten span maps to the start of what was written
 * there; a line past the end maps to the last line's file.
 */
export function originOf(lines: readonly LineOrigin[], line: number, column?: number): SourcePosition {
  const o = lines[line - 1];
  if (!o) return { file: lines[lines.length - 1]?.file ?? '<wgsl>', line };
  if (column === undefined) return { file: o.file, line: o.line };
  const c = column - 1;
  let shift = 0;
  for (const e of o.edits) {
    if (c < e.out) break;
    if (c < e.out + e.outLength) return { file: o.file, line: o.line, column: e.src + 1 };
    shift = e.src + e.srcLength - (e.out + e.outLength);
  }
  return { file: o.file, line: o.line, column: c + shift + 1 };
}

/** `file:line:col` (or `file:line`). */
export function formatPosition(p: SourcePosition): string {
  return `${p.file}:${p.line}${p.column === undefined ? '' : `:${p.column}`}`;
}

/** A span of composed text: one source token as composition writes it, and whether it rewrote it. */
export interface Piece {
  readonly text: string;
  readonly srcLength: number;
  readonly edited: boolean;
}

/** The text of one file's pieces, ending in a newline, and the origin of each of its lines. */
export function renderPieces(file: string, pieces: readonly Piece[]): { text: string; lines: LineOrigin[] } {
  const lines: LineOrigin[] = [];
  let line = 1;
  let out = 0;
  let src = 0;
  let edits: LineEdit[] = [];
  let text = '';
  const flush = () => {
    lines.push({ file, line, edits });
    line++;
    out = 0;
    src = 0;
    edits = [];
  };
  for (const p of pieces) {
    text += p.text;
    if (p.edited) {
      edits.push({ out, outLength: p.text.length, src, srcLength: p.srcLength });
      out += p.text.length;
      src += p.srcLength;
      continue;
    }
    const parts = p.text.split('\n');
    parts.forEach((s, k) => {
      if (k > 0) flush();
      out += s.length;
      src += s.length;
    });
  }
  if (!text.endsWith('\n')) {
    text += '\n';
    flush();
  }
  return { text, lines };
}

/**
 * Inserts `length` characters at 0-based column `column` of a composed line:
 * the inserted span maps to the source column that was there, every column
 * after it to where it mapped before. Throws inside a rewritten span, whose
 * columns have no source column of their own:
 * `insertInLine: column 7 of k.wgsl:3 is inside a rewritten span`.
 */
export function insertInLine(origin: LineOrigin, column: number, length: number): LineOrigin {
  let shift = 0;
  const before: LineEdit[] = [];
  const after: LineEdit[] = [];
  for (const e of origin.edits) {
    if (e.out >= column) after.push({ ...e, out: e.out + length });
    else if (column < e.out + e.outLength)
      throw new Error(`insertInLine: column ${column} of ${origin.file}:${origin.line} is inside a rewritten span`);
    else {
      before.push(e);
      shift = e.src + e.srcLength - (e.out + e.outLength);
    }
  }
  const inserted: LineEdit = { out: column, outLength: length, src: column + shift, srcLength: 0 };
  return { ...origin, edits: [...before, inserted, ...after] };
}
