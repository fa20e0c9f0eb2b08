// A failure's detail, drawn from its failure.js when opened: the bindings'
// protection and the inputs the case changed, then per output (every output
// of the case, each with its verdict) its judgement, the refused values (each
// once: the worst, then the first), the picture viewer of an image or the
// tables of a typed buffer, the error histogram, and canary memory maps; then
// every input of the case as uploaded, in the same viewer.
'use strict';

/** A buffer's coordinates with its channel axis by name: (2, 2, b). */
function bufferAt(at, out) {
  const named = out.axes[out.axes.length - 1] === 'channel' && out.channels.length;
  return (named ? [...at.slice(0, -1), out.channels[at[at.length - 1]]] : at).join(', ');
}

/** A listed value's expected and actual numbers, decoded from its codes (JSON keeps no NaN or infinity). */
function decoded(v, out) {
  return [decodeCode(out.element, Number(v.expectedHex)), decodeCode(out.element, Number(v.actualHex))];
}

/** Expected, actual and delta cells of a listed value. */
function valueCells(v, out) {
  const [e, a] = decoded(v, out);
  return [
    el('td', {}, `${v.expectedHex} (${fmt(e)})`),
    el('td', {}, `${v.actualHex} (${fmt(a)})`),
    el('td', { class: 'n' }, signed(a - e)),
  ];
}

/** An error in its unit; JSON turns an infinite one into null. */
const errorText = (e) => (e === null ? 'not finite' : signed(e));

function coords(v, out) {
  const at = out.kind === 'image' ? v.at.join(', ') : bufferAt(v.at, out);
  return out.kind === 'image' ? `level ${v.level} (${at})` : out.axes.length === 1 ? `[${at}]` : `(${at})`;
}

function valuesTable(out) {
  const named = out.channels.length > 1;
  const head = [
    out.kind === 'image' ? 'where' : out.axes.length === 1 ? 'index' : `(${out.axes.join(', ')})`,
    ...(named && out.kind === 'image' ? ['channel'] : []),
    'expected',
    'actual',
    'delta',
    `error (${out.unit})`,
    'note',
  ];
  const row = (v) =>
    el(
      'tr',
      {},
      el('td', {}, coords(v, out)),
      ...(named && out.kind === 'image' ? [el('td', {}, v.channel)] : []),
      ...valueCells(v, out),
      el('td', { class: 'n' }, errorText(v.error)),
      el('td', { class: 'note' }, v.note || ''),
    );
  const section = (title, list) =>
    list.length
      ? [
          el('tr', { class: 'group' }, el('th', { colspan: String(head.length), scope: 'colgroup' }, title)),
          ...list.map(row),
        ]
      : [];
  if (!out.worst.length && !out.first.length) return el('p', { class: 'note' }, 'no value was refused in this output');
  return el(
    'table',
    { class: 'num values' },
    el('caption', {}, 'refused values, each listed once'),
    headRow(head),
    el(
      'tbody',
      {},
      ...section('worst by |error|', out.worst),
      ...section('first in storage order, besides those', out.first),
    ),
  );
}

function bufferTables(out) {
  const head = [
    'index',
    ...(out.axes.length > 1 ? [`(${out.axes.join(', ')})`] : []),
    'expected',
    'actual',
    'delta',
    `error (${out.unit})`,
    'verdict',
  ];
  return out.windows.map((w) =>
    el(
      'table',
      { class: 'num window' },
      el(
        'caption',
        {},
        `around element ${w.center}` +
          (out.axes.length > 1 ? ` (${bufferAt(w.rows.find((r) => r.index === w.center).at, out)})` : ''),
      ),
      headRow(head),
      el(
        'tbody',
        {},
        ...w.rows.map((r) =>
          el(
            'tr',
            {
              class: [r.index === w.center ? 'center' : '', r.dontCare ? 'dc' : r.refused ? 'bad' : '']
                .join(' ')
                .trim(),
            },
            el('td', { class: 'n' }, String(r.index)),
            ...(out.axes.length > 1 ? [el('td', {}, bufferAt(r.at, out))] : []),
            ...valueCells(r, out),
            el('td', { class: 'n' }, errorText(r.error)),
            el('td', {}, r.dontCare ? "don't care" : r.refused ? 'refused' : 'accepted'),
          ),
        ),
      ),
    ),
  );
}

/** Where a lost canary byte lies; in a typed buffer's guard band, also the element slot it would be. */
function canaryWhere(v, c) {
  if (v.region !== 'guard') return `level ${v.level} row ${v.row} ${v.region} byte ${v.rowByte}`;
  if (!c.elements) return `guard band byte ${v.rowByte}`;
  const slot = c.elements.count + Math.floor(v.rowByte / c.elements.bytes);
  return `guard band byte ${v.rowByte}: element [${slot}], past the ${c.elements.count} elements of the data`;
}

function canaryView(c) {
  const where = (v) => canaryWhere(v, c);
  return el(
    'div',
    { class: 'canary' },
    el('h4', {}, `canary: ${c.corruptBytes} bytes outside the output lost their pattern`),
    el(
      'div',
      { class: 'pics' },
      ...c.pictures.map((p) => {
        const s = Math.max(2, Math.floor(256 / Math.max(p.width, p.height)));
        return el(
          'figure',
          {},
          el('img', {
            src: p.file,
            alt: `canary memory map, level ${p.level}`,
            loading: 'lazy',
            width: String(p.width * s),
            height: String(p.height * s),
            class: 'png',
          }),
          el(
            'figcaption',
            {},
            c.elements
              ? 'buffer memory, 4 bytes per pixel, 64 a row: '
              : `level ${p.level} memory, 4 bytes per pixel: `,
            el('span', { class: 'sw grey' }),
            c.elements ? ' data ' : ' texels ',
            ...(c.elements ? [] : [el('span', { class: 'sw light' }), ' padding ']),
            el('span', { class: 'sw blue' }),
            ' guard band ',
            el('span', { class: 'sw red' }),
            ' lost canary',
          ),
        );
      }),
    ),
    el(
      'ul',
      {},
      ...c.violations.map((v) =>
        el(
          'li',
          {},
          `${where(v)} (buffer offset ${v.byteOffset}): ${v.bytes} bytes, expected ${v.expected}, got ${v.actual}`,
        ),
      ),
    ),
  );
}

function outputView(out, f) {
  const refused = `${out.mismatches} of ${out.compared} values refused`;
  const kind =
    out.kind === 'image'
      ? `image ${out.format}`
      : `buffer ${out.format}${out.shape ? ` shape [${out.shape.join(', ')}]` : ` of ${out.count}`}`;
  const several = f.outputs.length > 1;
  const first = out.name === f.failedOutput && several ? el('span', { class: 'badge st-fail' }, 'failed first') : '';
  const verdict =
    several && out.outcome
      ? el('span', { class: `badge ${out.outcome === 'pass' ? 'st-pass' : 'st-fail'}` }, out.outcome)
      : '';
  const box = el(
    'section',
    { class: 'output', 'data-output': out.name, 'data-kind': out.kind, 'aria-label': `output ${out.name}` },
    el(
      'h3',
      {},
      `output ${out.name}`,
      ' ',
      verdict,
      ' ',
      first,
      el(
        'span',
        { class: 'sub' },
        ` ${kind} — policy ${out.policy}, tolerance ${fmt(out.tolerance)} ${out.unit} — ${refused}`,
      ),
    ),
  );
  if (out.kind === 'image') box.append(el('p', { class: 'mapping' }, `display: ${out.mapping}`));
  if (out.canary) box.append(canaryView(out.canary));
  box.append(valuesTable(out));
  if (out.kind === 'image') {
    const v = new ImageViewer(out);
    box.append(v.root);
    box.viewer = v;
  } else {
    if (out.dontCareElements)
      box.append(el('p', { class: 'note' }, `${out.dontCareElements} don't-care elements, not compared`));
    box.append(...bufferTables(out), histogramView(out.histogram, out, 'elements'));
  }
  return box;
}

/** Each guarded binding's protection, what it means, and why the others have none. */
function protectionView(protection) {
  const { meaning, unguarded } = SETTINGS.protection;
  const names = Object.keys(protection);
  return el(
    'div',
    { class: 'protection' },
    el('h4', {}, "protection: where each binding's guard band lay"),
    names.length
      ? el(
          'table',
          { class: 'num' },
          headRow(['binding', 'protection', 'what a stray write does']),
          el(
            'tbody',
            {},
            ...names.map((n) =>
              el('tr', {}, el('td', {}, n), el('td', {}, protection[n]), el('td', {}, meaning[protection[n]] || '')),
            ),
          ),
        )
      : el('p', {}, 'no binding of this case had a guard band.'),
    el('p', { class: 'note' }, unguarded),
  );
}

/** The element a changed run starts in: `[3]`, `guard band (past 4 elements)`, or — for untyped data. */
function inputElement(r, c) {
  if (r.element === undefined) return '—';
  return r.element < c.elements.count ? `[${r.element}]` : `guard band (past ${c.elements.count} elements)`;
}

/** The inputs the case wrote into: each changed run of bytes, located (a surface input's texel and channel). */
function inputChangesView(changes) {
  return el(
    'div',
    { class: 'inputs-changed' },
    el('h4', {}, 'inputs the case wrote into (they must stay as uploaded)'),
    ...changes.map((c) =>
      el(
        'table',
        { class: 'num' },
        el('caption', {}, `input ${c.label}: ${c.changedBytes} of ${c.bufferBytes} bytes changed`),
        headRow(['buffer offset', 'where', 'element', 'texel (x, y) channel', 'bytes', 'uploaded', 'after']),
        el(
          'tbody',
          {},
          ...c.runs.map((r) =>
            el(
              'tr',
              { class: 'bad' },
              el('td', { class: 'n' }, String(r.offset)),
              el('td', {}, r.where),
              el('td', {}, inputElement(r, c)),
              el('td', {}, r.texel ? `level ${r.texel.level} (${r.texel.x}, ${r.texel.y}) ${r.texel.channel}` : '—'),
              el('td', { class: 'n' }, String(r.bytes)),
              el('td', {}, r.uploaded),
              el('td', {}, r.after),
            ),
          ),
        ),
      ),
    ),
    el('p', { class: 'note' }, 'the outputs were not judged: the case failed on its inputs first'),
  );
}

/** A buffer input's first elements, decoded: index, coordinates where it has a shape, code and value. */
function uploadedTable(inp) {
  const rows = inp.windows.flatMap((w) => w.rows);
  const head = ['index', ...(inp.axes.length > 1 ? [`(${inp.axes.join(', ')})`] : []), 'code', 'value'];
  return el(
    'table',
    { class: 'num window' },
    el('caption', {}, `its first ${rows.length} of ${inp.count} elements`),
    headRow(head),
    el(
      'tbody',
      {},
      ...rows.map((r) =>
        el(
          'tr',
          {},
          el('td', { class: 'n' }, String(r.index)),
          ...(inp.axes.length > 1 ? [el('td', {}, bufferAt(r.at, inp))] : []),
          el('td', {}, r.actualHex),
          el('td', { class: 'n' }, fmt(decodeCode(inp.element, Number(r.actualHex)))),
        ),
      ),
    ),
  );
}

/** One input of the case as uploaded: an image in the outputs' viewer, or a buffer's first elements. */
function inputView(inp) {
  const kind =
    inp.kind === 'image'
      ? `image ${inp.format}`
      : `buffer ${inp.format}${inp.shape ? ` shape [${inp.shape.join(', ')}]` : ` of ${inp.count}`}`;
  const box = el(
    'section',
    { class: 'input', 'data-input': inp.name, 'data-kind': inp.kind, 'aria-label': `input ${inp.name}` },
    el('h3', {}, `input ${inp.name}`, el('span', { class: 'sub' }, ` ${kind} — as uploaded`)),
  );
  if (inp.kind === 'image') {
    box.append(el('p', { class: 'mapping' }, `display: ${inp.mapping}`));
    const v = new ImageViewer(inp);
    box.append(v.root);
    box.viewer = v;
  } else box.append(uploadedTable(inp));
  return box;
}

/** Every input of the case, as uploaded, under one heading. */
function inputsView(inputs) {
  return el(
    'div',
    { class: 'inputs' },
    el('h4', {}, `inputs of the case, as uploaded (${inputs.length})`),
    ...inputs.map(inputView),
  );
}

/** Fills a failure's placeholder from its data. */
function renderFailure(detail, f) {
  detail.replaceChildren(
    ...(f.inputChanges ? [inputChangesView(f.inputChanges)] : []),
    ...f.outputs.map((o) => outputView(o, f)),
    ...(f.inputs && f.inputs.length ? [inputsView(f.inputs)] : []),
    ...(f.protection ? [protectionView(f.protection)] : []),
  );
  detail.dataset.loaded = 'true';
}
