// A failure's values as the page reads and prints them: codes unpacked from
// base64, decoded by element kind (the same rule as the report's writer),
// shown as hex, as a display byte, or as a number the way the report prints it.
'use strict';

/** A typed array of base64 bytes. */
function fromBase64(s, Type) {
  const bin = atob(s || '');
  const u = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
  return new Type(u.buffer);
}

const scratch = new DataView(new ArrayBuffer(4));

/** The value a code stands for (the same rule as src/reports/failure/element-kinds.ts, checked against it by the report test). */
function decodeCode(kind, code) {
  const k = SETTINGS.kinds[kind];
  if (k.decode === 'unorm') return code / k.max;
  if (k.decode === 'uint') return code >>> 0;
  const signed = k.bits ? (code << (32 - k.bits)) >> (32 - k.bits) : 0;
  if (k.decode === 'sint') return signed;
  if (k.decode === 'snorm') return Math.max(-1, signed / k.max);
  if (kind === 'float16') {
    const e = (code >>> 10) & 0x1f;
    const m = code & 0x3ff;
    const v = e === 0 ? m * 2 ** -24 : e === 31 ? (m ? NaN : Infinity) : (1 + m / 1024) * 2 ** (e - 15);
    return code & 0x8000 ? -v : v;
  }
  scratch.setUint32(0, code, true);
  return scratch.getFloat32(0, true);
}

/** `level 1`, or `level 0 layer 2` for one image of a texture level holding several. */
function levelName(l) {
  return l.image ? `level ${l.level} ${l.image.kind} ${l.image.index}` : `level ${l.level}`;
}

/** A code in hex, as wide as its element kind. */
function hexCode(kind, code) {
  return '0x' + (code >>> 0).toString(16).padStart(SETTINGS.kinds[kind].hexDigits, '0');
}

/** A code as a grey level 0–255 to draw: its top byte, or its value clamped to [0, 1] or [0, 255]. */
function displayByte(kind, code) {
  if (kind === 'unorm8') return code;
  if (kind === 'unorm16') return code >>> 8;
  const v = decodeCode(kind, code);
  if (Number.isNaN(v)) return 0;
  const fraction = SETTINGS.kinds[kind].decode === 'float' || SETTINGS.kinds[kind].decode === 'snorm';
  return fraction ? Math.round(Math.min(Math.max(v, 0), 1) * 255) : Math.min(Math.max(v, 0), 255);
}

/**
 * Numbers as the report prints them: every integer a double holds exactly (u32, i32 and their differences, a u64
 * up to 2^53) in full, 2^k for powers of two below 1, else 6 significant digits.
 */
function fmt(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (Number.isSafeInteger(v)) return String(v);
  const l = Math.log2(Math.abs(v));
  if (Number.isInteger(l) && Math.abs(v) < 1) return (v < 0 ? '-' : '') + '2^' + l;
  return String(+v.toPrecision(6));
}

const signed = (v) => (v > 0 ? '+' : '') + fmt(v);

/** The RGBA slot a channel is drawn in: its letter's (r, g, b, a), else its index. */
function slotOf(names, c) {
  const k = 'rgba'.indexOf(names[c] || '');
  return k >= 0 && names[c].length === 1 ? k : c;
}
