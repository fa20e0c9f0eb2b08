// The pictures of an image output's level: expected and actual drawn from
// their codes, and the third view (|difference|, heatmap of |error| /
// tolerance, mask of refused texels); the heatmap's legend, the error
// histogram, and the checkerboard drawn under transparent texels.
'use strict';

const DONT_CARE = [128, 128, 160];

/** The heatmap's colour of |error| / tolerance. */
function heatColour(ratio) {
  const i = Math.min(255, Math.max(0, Math.round((ratio / SETTINGS.heatRange) * 255))) * 3;
  return [SETTINGS.heatLut[i], SETTINGS.heatLut[i + 1], SETTINGS.heatLut[i + 2]];
}

let checker;
/** A 16-pixel checkerboard pattern, drawn under the pictures so transparent texels show. */
function checkerPattern(ctx) {
  if (!checker) {
    checker = document.createElement('canvas');
    checker.width = checker.height = 16;
    const c = checker.getContext('2d');
    c.fillStyle = '#cfcfcf';
    c.fillRect(0, 0, 16, 16);
    c.fillStyle = '#f4f4f4';
    c.fillRect(0, 0, 8, 8);
    c.fillRect(8, 8, 8, 8);
  }
  return ctx.createPattern(checker, 'repeat');
}

/** The gradient legend of the heatmap, the tolerance marked at its middle. */
function heatLegend(out) {
  const c = el('canvas', { width: 256, height: 12, class: 'legend-bar', 'aria-hidden': 'true' });
  const ctx = c.getContext('2d');
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = heatColour((i / 255) * SETTINGS.heatRange);
    ctx.fillStyle = `rgb(${r},${g},${b})`;
    ctx.fillRect(i, 0, 1, 12);
  }
  const tol = out.tolerance ? `tolerance ${fmt(out.tolerance)} ${out.unit}` : `exact: |error| 1 ${out.unit}`;
  return el(
    'figure',
    { class: 'legend' },
    el('div', { class: 'legend-scale' }, c, el('span', { class: 'tick', style: 'left:50%' })),
    el(
      'figcaption',
      {},
      el('span', {}, '0'),
      el('span', { class: 'mid' }, tol),
      el('span', {}, `≥ ${SETTINGS.heatRange}× tolerance`),
    ),
    el('p', { class: 'note' }, 'the tolerance sits at the middle; what the policy refused is the mask'),
  );
}

/**
 * ImageData of one view of a level: `expected` or `actual` from their codes (one channel as grey, several in
 * their colour slots), or `diff`, `heat` or `mask` from the errors; don't-care texels tinted grey-blue. `data`
 * is the level's values unpacked; `amplification` is how much the |difference| was scaled to be seen.
 */
function levelPicture(out, l, data, view, channels, single) {
  if (view === 'expected' || view === 'actual') {
    const codes = view === 'expected' ? data.exp : data.act;
    return { image: codesPicture(out, l, data, codes, channels, single), amplification: undefined };
  }
  return errorPicture(out, l, data, view, channels);
}

/** Whether every selected channel of texel `i` is one the compare does not care about. */
function dontCareTexel(data, ch, channels, i) {
  return data.dc && channels.every((c) => data.dc[i * ch + c]);
}

function codesPicture(out, l, d, codes, channels, single) {
  const img = new ImageData(l.width, l.height);
  const p = img.data;
  const ch = out.channels.length;
  for (let i = 0; i < l.width * l.height; i++) {
    p[i * 4 + 3] = 255;
    if (single || ch === 1) {
      const v = displayByte(out.element, codes[i * ch + channels[0]]);
      p[i * 4] = p[i * 4 + 1] = p[i * 4 + 2] = v;
    } else for (const c of channels) p[i * 4 + slotOf(out.channels, c)] = displayByte(out.element, codes[i * ch + c]);
    if (dontCareTexel(d, ch, channels, i))
      for (let c = 0; c < 3; c++) p[i * 4 + c] = (p[i * 4 + c] + DONT_CARE[c]) >> 1;
  }
  return img;
}

function errorPicture(out, l, d, view, channels) {
  const img = new ImageData(l.width, l.height);
  const p = img.data;
  const n = l.width * l.height;
  const ch = out.channels.length;
  let largest = 0;
  const diff = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let ratio = 0;
    let refused = false;
    let delta = 0;
    for (const c of channels) {
      const k = i * ch + c;
      ratio = Math.max(ratio, Math.abs(d.err[k]) / (out.tolerance || 1));
      refused = refused || d.ref[k] === 1;
      delta = Math.max(delta, Math.abs(displayByte(out.element, d.exp[k]) - displayByte(out.element, d.act[k])));
    }
    diff[i] = delta;
    largest = Math.max(largest, delta);
    let rgb;
    if (dontCareTexel(d, ch, channels, i)) rgb = DONT_CARE;
    else if (view === 'heat') rgb = heatColour(ratio);
    else if (view === 'mask') rgb = refused ? [230, 30, 30] : [20, 150, 60];
    else rgb = null;
    if (rgb) p.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
    else p[i * 4 + 3] = 255;
  }
  if (view !== 'diff') return { image: img, amplification: undefined };
  const amp = largest ? Math.max(1, Math.floor(255 / largest)) : 1;
  for (let i = 0; i < n; i++) {
    if (dontCareTexel(d, ch, channels, i)) continue;
    const v = Math.min(255, diff[i] * amp);
    p[i * 4] = p[i * 4 + 1] = p[i * 4 + 2] = v;
  }
  return { image: img, amplification: amp };
}

/** Bars of |error| / tolerance, one per bin. */
function histogramView(h, out, what) {
  const max = Math.max(1, ...h);
  const edges = SETTINGS.edges;
  const label = (k) => (k < edges.length ? `< ${edges[k]}` : `≥ ${edges[edges.length - 1]}`) + ' tol';
  return el(
    'figure',
    { class: 'hist' },
    el('figcaption', {}, `${what} by |error| / tolerance${out.tolerance ? '' : ' (exact: |error| itself)'}`),
    ...h.map((n, k) =>
      el(
        'div',
        { class: 'hrow' + (k >= edges.indexOf(1) + 1 ? ' over' : '') },
        el('span', { class: 'hl' }, label(k)),
        el('span', { class: 'hb' }, el('span', { style: `width:${(100 * n) / max}%` })),
        el('span', { class: 'hn' }, String(n)),
      ),
    ),
  );
}
