/**
 * wgpu's `var<push_constant> pc: T;`, which WebGPU does not have, rewritten
 * to `@group(G) @binding(B) var<uniform> pc: T;`: G is the first bind group
 * index no declared binding uses, B counts the push constants from 0. The
 * rewrite stays on the declaration's line, so positions still map back.
 */
import { mangle } from './mangle.ts';
import type { Piece } from './line-map.ts';

/** What a push constant became: bind the case's values to `group`/`binding` as a uniform buffer. */
export interface PushConstant {
  /** The variable as written. */
  readonly name: string;
  /** The variable in the composed WGSL (a module's is renamed). */
  readonly variable: string;
  readonly group: number;
  readonly binding: number;
  /** Its type as written (`Params`, `tone::Params`). */
  readonly type: string;
  /** Its type in the composed WGSL (a module's struct is renamed). */
  readonly wgslType: string;
  /** Where it is declared: `file:line`. */
  readonly declaredAt: string;
}

/** A `var<push_constant>` found while composing: token indices into its unit's pieces. */
export interface PushConstantSite {
  readonly declaredAt: string;
  readonly name: string;
  /** The module whose declarations are renamed, if the site is in one. */
  readonly module: string | undefined;
  readonly varToken: number;
  readonly spaceToken: number;
  /** Token range [start, end) of the type. */
  readonly typeTokens: readonly [number, number];
  readonly typeText: string;
  readonly pieces: Piece[];
}

/** A `@group(...)` attribute: its literal index, or undefined when it is an expression. */
export interface GroupUse {
  readonly group: number | undefined;
  readonly at: string;
}

/**
 * Picks the free group, rewrites each site's pieces, and returns what was
 * rewritten. Throws when a group index is not a literal (no free group can
 * be chosen safely): `k.wgsl:4:8: @group(...) is not a literal, so no free
 * group can be chosen for var<push_constant> pc. Fix: write the index as a number.`
 */
export function assignPushConstants(sites: readonly PushConstantSite[], groups: readonly GroupUse[]): PushConstant[] {
  if (!sites.length) return [];
  const unknown = groups.find((g) => g.group === undefined);
  if (unknown) {
    throw new Error(
      `${unknown.at}: @group(...) is not a literal, so no free group can be chosen ` +
        `for var<push_constant> ${sites[0]!.name}. ` +
        'Fix: write the index as a number.',
    );
  }
  const used = new Set(groups.map((g) => g.group));
  let group = 0;
  while (used.has(group)) group++;
  return sites.map((s, binding) => {
    const text = `@group(${group}) @binding(${binding}) var`;
    s.pieces[s.varToken] = { text, srcLength: s.pieces[s.varToken]!.srcLength, edited: true };
    s.pieces[s.spaceToken] = { text: 'uniform', srcLength: s.pieces[s.spaceToken]!.srcLength, edited: true };
    const wgslType = s.pieces
      .slice(s.typeTokens[0], s.typeTokens[1])
      .map((p) => p.text)
      .join('')
      .trim();
    const variable = s.module ? mangle(s.module, s.name) : s.name;
    return { name: s.name, variable, group, binding, type: s.typeText, wgslType, declaredAt: s.declaredAt };
  });
}
