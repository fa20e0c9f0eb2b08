/**
 * Element shapes: how a flat buffer's element index maps to a location a
 * person reads. `[n]` is a list (`[17]`), `[h, w]` a single-channel image
 * (`(x,y)`), `[h, w, c]` an image with channels (`(x,y) g`), `[d, h, w, c]`
 * a volume (`(x,y,z) g`). Dimensions are outermost first, row-major, as
 * `array<f32>` holding `pixels[(y * w + x) * 3 + c]` is laid out.
 */

export interface ElementShape {
  /** Extents, outermost first: `[h, w, 3]` for RGB f32 at 12 bytes a pixel. */
  readonly dims: readonly number[];
  /**
   * Names of the innermost dimension's entries when it is a channel
   * dimension, in memory order: `['b', 'g', 'r', 'a']` for BGRA. Defaults to
   * r, g, b(, a) for a rank-3 or rank-4 shape whose last extent is 2, 3 or 4.
   */
  readonly channels?: readonly string[];
}

export interface ElementLocation {
  /** The flat element index. */
  readonly index: number;
  /** Coordinates per dimension, outermost first. */
  readonly coords: readonly number[];
  readonly x?: number;
  readonly y?: number;
  readonly z?: number;
  /** The channel's name, only where the shape has a channel dimension. */
  readonly channel?: string;
}

/** A shape: given, or `[length]` when none was. */
export function shapeOf(length: number, shape?: ElementShape | readonly number[]): ElementShape {
  if (!shape) return { dims: [length] };
  return 'dims' in shape ? shape : { dims: shape as readonly number[] };
}

/** The channel names of a shape's innermost dimension, or undefined when it has none. */
export function channelNames(shape: ElementShape): readonly string[] | undefined {
  if (shape.channels) return shape.channels;
  const last = shape.dims.at(-1)!;
  return (shape.dims.length === 3 || shape.dims.length === 4) && last >= 2 && last <= 4
    ? ['r', 'g', 'b', 'a'].slice(0, last)
    : undefined;
}

/** Elements a shape holds. */
export function shapeSize(shape: ElementShape): number {
  return shape.dims.reduce((a, b) => a * b, 1);
}

/**
 * Throws unless `shape` holds exactly `length` elements and its channel names
 * fit: `shape [2, 2, 3] holds 12 elements, the data 9` /
 * `shape [2, 2, 3]: 4 channel names (b, g, r, a) for an innermost extent of 3`.
 */
export function checkShape(shape: ElementShape, length: number): void {
  const d = shape.dims;
  if (d.length === 0 || d.some((n) => !Number.isInteger(n) || n < 0))
    throw new Error(`shape [${d.join(', ')}]: extents must be non-negative integers, at least one`);
  if (shapeSize(shape) !== length)
    throw new Error(`shape [${d.join(', ')}] holds ${shapeSize(shape)} elements, the data ${length}`);
  if (shape.channels && (d.length < 2 || shape.channels.length !== d.at(-1))) {
    throw new Error(
      `shape [${d.join(', ')}]: ${shape.channels.length} channel names (${shape.channels.join(', ')}) ` +
        `for an innermost extent of ${d.at(-1)}`,
    );
  }
}

/** Where element `index` sits in `shape`. */
export function elementLocation(shape: ElementShape, index: number): ElementLocation {
  const coords = new Array<number>(shape.dims.length);
  let rest = index;
  for (let i = shape.dims.length - 1; i >= 0; i--) {
    const n = shape.dims[i]!;
    coords[i] = rest % n;
    rest = Math.floor(rest / n);
  }
  const names = channelNames(shape);
  const spatial = names ? coords.slice(0, -1) : coords;
  const channel = names ? { channel: names[coords.at(-1)!]! } : {};
  if (spatial.length > 3 || (spatial.length === 1 && !names) || spatial.length === 0)
    return { index, coords, ...channel };
  const [a, b, c] = spatial;
  const xyz = spatial.length === 1 ? { x: a! } : spatial.length === 2 ? { x: b!, y: a! } : { x: c!, y: b!, z: a! };
  return { index, coords, ...xyz, ...channel };
}

/**
 * The index, then the location the shape gives it:
 * `[17] (2,1) g`, `[5] (1,1)`, `[7] (2) g` (pixels in a list), `[3]`, `[40] [1,2,3,4,0]`.
 */
export function renderLocation(l: ElementLocation): string {
  const head = `[${l.index}]`;
  const xyz = [l.x, l.y, l.z].filter((v) => v !== undefined);
  if (xyz.length > 0) return `${head} (${xyz.join(',')})${l.channel ? ` ${l.channel}` : ''}`;
  if (l.coords.length > 1) return `${head} [${l.coords.join(',')}]${l.channel ? ` ${l.channel}` : ''}`;
  return `${head}${l.channel ? ` ${l.channel}` : ''}`;
}
