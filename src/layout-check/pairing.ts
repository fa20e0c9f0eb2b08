/**
 * Which TS field is which WGSL field: by name first, then, of those left, by offset (a field renamed on one side,
 * a padding field called `_pad0` in TS and `pad` in WGSL); what is left is only on one side. Pairing by position
 * instead would make one missing field shift every row after it.
 */

/** A struct member as either side lays it out. */
export interface LaidField {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** How a row's TS and WGSL fields were paired, or which side alone has it. */
export type Pairing = 'name' | 'renamed' | 'ts-only' | 'wgsl-only';

/** One pair, by index into each side's members. */
export interface FieldPair {
  readonly pairing: Pairing;
  readonly ts?: number;
  readonly wgsl?: number;
}

/**
 * Pairs two member lists: by equal name, then each TS field left with the WGSL field left at the same offset, the
 * rest alone; in offset order (at one offset, a field only one side has first, then TS order).
 */
export function pairFields(ts: readonly LaidField[], wgsl: readonly LaidField[]): FieldPair[] {
  const wgslLeft = new Set(wgsl.keys());
  const pairs: FieldPair[] = [];
  const tsLeft: number[] = [];
  ts.forEach((t, i) => {
    const w = wgsl.findIndex((f, k) => wgslLeft.has(k) && f.name === t.name);
    if (w < 0) return tsLeft.push(i);
    wgslLeft.delete(w);
    pairs.push({ pairing: 'name', ts: i, wgsl: w });
  });
  for (const i of tsLeft) {
    const w = [...wgslLeft].find((k) => wgsl[k]!.offset === ts[i]!.offset);
    if (w === undefined) {
      pairs.push({ pairing: 'ts-only', ts: i });
      continue;
    }
    wgslLeft.delete(w);
    pairs.push({ pairing: 'renamed', ts: i, wgsl: w });
  }
  for (const w of wgslLeft) pairs.push({ pairing: 'wgsl-only', wgsl: w });
  const offsetOf = (p: FieldPair) => (p.ts === undefined ? wgsl[p.wgsl!]!.offset : ts[p.ts]!.offset);
  // At one offset a field only one side has comes first: it is what moved the paired fields after it.
  const alone = (p: FieldPair) => (p.pairing === 'ts-only' || p.pairing === 'wgsl-only' ? 0 : 1);
  const order = (p: FieldPair) => (p.ts === undefined ? ts.length + p.wgsl! : p.ts);
  return pairs.sort((a, b) => offsetOf(a) - offsetOf(b) || alone(a) - alone(b) || order(a) - order(b));
}

/**
 * The WGSL struct a TS declaration most likely means, where its name is not in the source: the one sharing most
 * field names with it (at least one), or the only struct there is.
 */
export function likelyStruct(
  tsFields: readonly string[],
  structs: ReadonlyArray<{ readonly name: string; readonly fields: readonly string[] }>,
): string | undefined {
  if (structs.length === 1) return structs[0]!.name;
  const shared = structs.map((s) => s.fields.filter((f) => tsFields.includes(f)).length);
  const best = Math.max(0, ...shared);
  return best > 0 ? structs[shared.indexOf(best)]!.name : undefined;
}
