// The facts the picture viewer shows beside its pictures: the inspector (every
// channel's expected, actual, delta, error and verdict at one texel) and the
// level's facts (refused texels, per-channel statistics, histogram, pictures).
'use strict';

const INSPECT_HINT = 'point at a picture to read every view at that texel; click to pin; arrow keys move';

/** The inspector's contents for texel `at` of level `l` (its values `d`), or the hint when there is none. */
function inspectorView(out, l, d, at, pinned) {
  if (!at || !d) return [el('p', { class: 'hint' }, INSPECT_HINT)];
  const ch = out.channels.length;
  const i = at.y * l.width + at.x;
  const rows = out.channels.map((name, c) => {
    const k = i * ch + c;
    const e = decodeCode(out.element, d.exp[k]);
    const a = decodeCode(out.element, d.act[k]);
    const dc = d.dc && d.dc[k];
    const verdict = dc ? "don't care" : d.ref[k] ? 'refused' : 'accepted';
    const ratio = Math.abs(d.err[k]) / (out.tolerance || 1);
    return el(
      'tr',
      { class: dc ? 'dc' : d.ref[k] ? 'bad' : '' },
      el('th', { scope: 'row' }, name || 'value'),
      el('td', {}, `${hexCode(out.element, d.exp[k])} (${fmt(e)})`),
      el('td', {}, `${hexCode(out.element, d.act[k])} (${fmt(a)})`),
      el('td', { class: 'n' }, signed(a - e)),
      el('td', { class: 'n' }, `${signed(d.err[k])} ${out.unit}`),
      el('td', { class: 'n' }, fmt(+ratio.toPrecision(3))),
      el('td', {}, verdict),
    );
  });
  const heat = Math.max(...out.channels.map((_, c) => Math.abs(d.err[i * ch + c]) / (out.tolerance || 1)));
  return [
    el(
      'p',
      { class: 'where' },
      `${levelName(l)} (${at.x}, ${at.y})${pinned ? ' — pinned' : ''}; ` +
        `heatmap ${fmt(+heat.toPrecision(3))} × tolerance`,
    ),
    el(
      'table',
      { class: 'num' },
      headRow(['channel', 'expected', 'actual', 'delta', `error (${out.unit})`, '|error| / tol', 'verdict']),
      el('tbody', {}, ...rows),
    ),
  ];
}

/** Per channel: refused count, max and mean |error|, RMSE and bias. */
function channelStatsTable(l, out) {
  return el(
    'table',
    { class: 'num' },
    headRow(['channel', 'refused', `max |err| (${out.unit})`, 'mean |err|', 'RMSE', 'bias']),
    el(
      'tbody',
      {},
      ...l.channelStats.map((s) =>
        el(
          'tr',
          { class: s.mismatches ? 'bad' : '' },
          el('th', { scope: 'row' }, s.channel || 'value'),
          el('td', { class: 'n' }, String(s.mismatches)),
          el('td', { class: 'n' }, fmt(s.maxAbs)),
          el('td', { class: 'n' }, fmt(s.meanAbs)),
          el('td', { class: 'n' }, fmt(s.rmse)),
          el('td', { class: 'n' }, signed(s.bias)),
        ),
      ),
    ),
  );
}

/** A level's facts: size, refused texels, where, don't-care texels, hints, statistics, histogram, its pictures. */
function levelInfoView(out, l) {
  // An input was not judged: its size and its picture as written are all there is to say.
  if (out.asUploaded)
    return [
      el('p', {}, `${levelName(l)}: ${l.width}×${l.height}, as uploaded`),
      el('p', { class: 'files' }, 'picture: ', el('a', { href: l.files.actual }, 'as uploaded')),
    ];
  const facts = [
    `${levelName(l)}: ${l.width}×${l.height}`,
    `${l.refusedTexels} texel${l.refusedTexels === 1 ? '' : 's'} refused (${fmt(+l.refusedPercent.toPrecision(3))}%)`,
  ];
  if (l.bbox) facts.push(`inside (${l.bbox.x0}, ${l.bbox.y0})–(${l.bbox.x1}, ${l.bbox.y1})`);
  if (l.dontCareTexels) facts.push(`${l.dontCareTexels} don't-care texels (drawn grey-blue, not compared)`);
  facts.push(`pixelmatch: ${l.pixelmatchCount} px differ`);
  const files = el(
    'p',
    { class: 'files' },
    'pictures: ',
    ...Object.entries(l.files).flatMap(([role, f], k) => [k ? ' · ' : '', el('a', { href: f }, role)]),
  );
  return [
    el('p', {}, facts.join(' · ')),
    ...l.hints.map((t) => el('p', { class: 'hint-flag' }, t)),
    channelStatsTable(l, out),
    histogramView(l.histogram, out, 'texels'),
    files,
  ];
}
