// The picture viewer of one image output: expected, actual and a third view
// (difference, heatmap or mask) side by side, or expected/actual as a slider
// or a blink; synchronised zoom and pan drawn nearest-neighbour on canvases;
// channel toggles; a pixel inspector with every view's values at the pointer;
// mip levels as a strip. It draws from the failure's values, not from the PNGs
// (a file:// page cannot read a PNG's pixels back).
'use strict';

const SETTINGS = JSON.parse(document.getElementById('settings').textContent);
const PANEL = 360;
const DONT_CARE = [128, 128, 160];

/** el('button', {class: 'x', onclick: f}, 'text', child) */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) e.append(c);
  return e;
}

/** A table's head: one row of column headers. */
function headRow(labels) {
  return el('thead', {}, el('tr', {}, ...labels.map((t) => el('th', { scope: 'col' }, t))));
}

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

function hexCode(kind, code) {
  return '0x' + (code >>> 0).toString(16).padStart(SETTINGS.kinds[kind].hexDigits, '0');
}

function displayByte(kind, code) {
  if (kind === 'unorm8') return code;
  if (kind === 'unorm16') return code >>> 8;
  const v = decodeCode(kind, code);
  if (Number.isNaN(v)) return 0;
  const fraction = SETTINGS.kinds[kind].decode === 'float' || SETTINGS.kinds[kind].decode === 'snorm';
  return fraction ? Math.round(Math.min(Math.max(v, 0), 1) * 255) : Math.min(Math.max(v, 0), 255);
}

/** Numbers as the report prints them: integers below 1e9 as they are, 2^k for powers of two below 1, else 6 digits. */
function fmt(v) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return String(v);
  if (Number.isInteger(v) && Math.abs(v) < 1e9) return String(v);
  const l = Math.log2(Math.abs(v));
  if (Number.isInteger(l) && Math.abs(v) < 1) return (v < 0 ? '-' : '') + '2^' + l;
  return String(+v.toPrecision(6));
}

const signed = (v) => (v > 0 ? '+' : '') + fmt(v);

function slotOf(names, c) {
  const k = 'rgba'.indexOf(names[c] || '');
  return k >= 0 && names[c].length === 1 ? k : c;
}

function heatColour(ratio) {
  const i = Math.min(255, Math.max(0, Math.round((ratio / SETTINGS.heatRange) * 255))) * 3;
  return [SETTINGS.heatLut[i], SETTINGS.heatLut[i + 1], SETTINGS.heatLut[i + 2]];
}

let checker;
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

class ImageViewer {
  constructor(out) {
    this.out = out;
    this.ch = out.channels.length;
    this.kind = out.element;
    const firstBad = out.levels.findIndex((l) => l.refusedTexels > 0);
    this.state = {
      level: Math.max(0, firstBad),
      channel: 'all',
      mode: 'side',
      third: 'diff',
      scale: 1,
      ox: 0,
      oy: 0,
      hover: null,
      pinned: null,
      blink: 'actual',
      slider: 50,
    };
    this.cache = new Map();
    this.root = el('div', {
      class: 'viewer',
      tabindex: '0',
      'aria-label': `picture viewer of output ${out.name}: arrow keys move the inspected texel, + and - zoom, 0 fits`,
    });
    this.build();
    this.selectLevel(this.state.level);
    this.refresh();
  }

  levelData(i) {
    const l = this.out.levels[i];
    if (!l.data) return null;
    if (!this.cache.has(i)) {
      const d = l.data;
      this.cache.set(i, {
        exp: fromBase64(d.expected, Uint32Array),
        act: fromBase64(d.actual, Uint32Array),
        err: fromBase64(d.errors, Float32Array),
        ref: fromBase64(d.refused, Uint8Array),
        dc: d.dontCare ? fromBase64(d.dontCare, Uint8Array) : null,
      });
    }
    return this.cache.get(i);
  }

  /** Channel indices the current toggle selects: all, the colour ones (rgb), or one. */
  selected() {
    const all = [...Array(this.ch).keys()];
    if (this.state.channel === 'all') return all;
    if (this.state.channel === 'rgb') return all.filter((c) => slotOf(this.out.channels, c) < 3);
    return [this.state.channel];
  }

  /** ImageData of a view of the current level for the selected channels. */
  picture(
    view,
    levelIndex = this.state.level,
    channels = this.selected(),
    single = typeof this.state.channel === 'number',
  ) {
    const l = this.out.levels[levelIndex];
    const d = this.levelData(levelIndex);
    const img = new ImageData(l.width, l.height);
    const p = img.data;
    const n = l.width * l.height;
    const ch = this.ch;
    const names = this.out.channels;
    const dcTexel = (i) => d.dc && channels.every((c) => d.dc[i * ch + c]);
    if (view === 'expected' || view === 'actual') {
      const codes = view === 'expected' ? d.exp : d.act;
      for (let i = 0; i < n; i++) {
        p[i * 4 + 3] = 255;
        if (single || ch === 1) {
          const v = displayByte(this.kind, codes[i * ch + channels[0]]);
          p[i * 4] = p[i * 4 + 1] = p[i * 4 + 2] = v;
        } else for (const c of channels) p[i * 4 + slotOf(names, c)] = displayByte(this.kind, codes[i * ch + c]);
        if (dcTexel(i)) for (let c = 0; c < 3; c++) p[i * 4 + c] = (p[i * 4 + c] + DONT_CARE[c]) >> 1;
      }
      return img;
    }
    let largest = 0;
    const diff = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      let ratio = 0;
      let refused = false;
      let delta = 0;
      for (const c of channels) {
        const k = i * ch + c;
        ratio = Math.max(ratio, Math.abs(d.err[k]) / (this.out.tolerance || 1));
        refused = refused || d.ref[k] === 1;
        delta = Math.max(delta, Math.abs(displayByte(this.kind, d.exp[k]) - displayByte(this.kind, d.act[k])));
      }
      diff[i] = delta;
      largest = Math.max(largest, delta);
      let rgb;
      if (dcTexel(i)) rgb = DONT_CARE;
      else if (view === 'heat') rgb = heatColour(ratio);
      else if (view === 'mask') rgb = refused ? [230, 30, 30] : [20, 150, 60];
      else rgb = null;
      if (rgb) p.set([rgb[0], rgb[1], rgb[2], 255], i * 4);
      else p[i * 4 + 3] = 255;
    }
    if (view === 'diff') {
      const amp = largest ? Math.max(1, Math.floor(255 / largest)) : 1;
      this.amplification = amp;
      for (let i = 0; i < n; i++) {
        if (dcTexel(i)) continue;
        const v = Math.min(255, diff[i] * amp);
        p[i * 4] = p[i * 4 + 1] = p[i * 4 + 2] = v;
      }
    }
    return img;
  }

  canvasOf(view) {
    const l = this.out.levels[this.state.level];
    const c = document.createElement('canvas');
    c.width = l.width;
    c.height = l.height;
    c.getContext('2d').putImageData(this.picture(view), 0, 0);
    return c;
  }

  build() {
    const o = this.out;
    const group = (label, items) =>
      el(
        'div',
        { class: 'group', role: 'group', 'aria-label': label },
        el('span', { class: 'glabel' }, label),
        ...items,
      );
    const toggle = (name, value, text, title) =>
      el(
        'button',
        {
          type: 'button',
          class: 'tog',
          ['data-' + name]: String(value),
          'aria-pressed': 'false',
          title,
          onclick: () => this.set(name, value),
        },
        text,
      );
    const channelButtons =
      o.channels.length > 1
        ? group('channels', [
            toggle('channel', 'all', 'all', 'every channel; alpha drawn over a checkerboard'),
            ...(o.channels.includes('a') ? [toggle('channel', 'rgb', 'RGB', 'colour channels, alpha ignored')] : []),
            ...o.channels.map((n, c) => toggle('channel', c, n.toUpperCase(), `channel ${n} alone, as grey`)),
          ])
        : el('span', { class: 'note' }, `one channel (${o.channels[0] || 'value'}), drawn as grey`);
    this.controls = el(
      'div',
      { class: 'toolbar' },
      group('view', [
        toggle('mode', 'side', 'side by side'),
        toggle('mode', 'slider', 'slider'),
        toggle('mode', 'blink', 'blink'),
      ]),
      group('third picture', [
        toggle('third', 'diff', '|difference|'),
        toggle('third', 'heat', 'heatmap'),
        toggle('third', 'mask', 'mask'),
      ]),
      channelButtons,
      group('zoom', [
        el(
          'button',
          { type: 'button', class: 'zoom-out', title: 'zoom out (-)', onclick: () => this.zoom(1 / 1.5) },
          '−',
        ),
        el('button', { type: 'button', class: 'zoom-fit', title: 'fit (0)', onclick: () => this.fit() }, 'fit'),
        el('button', { type: 'button', class: 'zoom-in', title: 'zoom in (+)', onclick: () => this.zoom(1.5) }, '+'),
        (this.zoomText = el('span', { class: 'zoomtext', 'aria-live': 'polite' }, '')),
      ]),
    );
    this.strip = el('div', { class: 'strip', role: 'group', 'aria-label': 'mip levels' });
    o.levels.forEach((l, i) => {
      const thumb = el('canvas', { width: l.width, height: l.height, 'aria-hidden': 'true' });
      const s = Math.max(1, Math.floor(40 / Math.max(l.width, l.height)));
      thumb.style.width = Math.min(40, l.width * s) + 'px';
      thumb.style.height = Math.min(40, l.height * s) + 'px';
      if (l.data) thumb.getContext('2d').putImageData(this.picture('heat', i, [...Array(this.ch).keys()], false), 0, 0);
      const b = el(
        'button',
        {
          type: 'button',
          class: 'lvl' + (l.refusedTexels ? ' bad' : ''),
          'data-level': String(i),
          'aria-pressed': 'false',
          onclick: () => this.selectLevel(i),
        },
        thumb,
        el('span', {}, levelName(l), el('br'), `${l.width}×${l.height}`, el('br'), `${l.refusedTexels} refused`),
      );
      this.strip.append(b);
    });
    this.panels = el('div', { class: 'panels' });
    this.slider = el('input', {
      type: 'range',
      min: '0',
      max: '100',
      value: '50',
      class: 'slider',
      'aria-label': 'slider: expected on the left, actual on the right',
      oninput: () => {
        this.state.slider = +this.slider.value;
        this.draw();
      },
    });
    this.blinkButton = el(
      'button',
      { type: 'button', class: 'blink', onclick: () => this.blink() },
      'showing actual: swap (b)',
    );
    this.compareControls = el('div', { class: 'compare-controls' }, this.slider, this.blinkButton);
    this.inspector = el(
      'div',
      { class: 'inspector', 'aria-live': 'polite' },
      el('p', { class: 'hint' }, 'point at a picture to read every view at that texel; click to pin; arrow keys move'),
    );
    this.legend = heatLegend(o);
    this.levelInfo = el('div', { class: 'levelinfo' });
    this.root.append(
      this.controls,
      this.strip,
      this.panels,
      this.compareControls,
      this.legend,
      this.inspector,
      this.levelInfo,
    );
    this.root.addEventListener('keydown', (e) => this.key(e));
  }

  set(name, value) {
    this.state[name] = value;
    if (name === 'mode') this.layout();
    this.refresh();
  }

  key(e) {
    if (e.target !== this.root && e.target.tagName !== 'CANVAS') return;
    const l = this.out.levels[this.state.level];
    const at = this.state.pinned || this.state.hover || { x: 0, y: 0 };
    const moves = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    if (moves[e.key]) {
      const [dx, dy] = moves[e.key];
      this.state.pinned = {
        x: Math.min(l.width - 1, Math.max(0, at.x + dx)),
        y: Math.min(l.height - 1, Math.max(0, at.y + dy)),
      };
      this.inspect();
      this.draw();
    } else if (e.key === '+' || e.key === '=') this.zoom(1.5);
    else if (e.key === '-') this.zoom(1 / 1.5);
    else if (e.key === '0') this.fit();
    else if (e.key === 'b') this.blink();
    else return;
    e.preventDefault();
    e.stopPropagation();
  }

  blink() {
    this.state.blink = this.state.blink === 'actual' ? 'expected' : 'actual';
    this.blinkButton.textContent = `showing ${this.state.blink}: swap (b)`;
    this.root.dataset.showing = this.state.blink;
    this.draw();
  }

  selectLevel(i) {
    this.state.level = i;
    this.state.pinned = null;
    this.state.hover = null;
    for (const b of this.strip.children) b.setAttribute('aria-pressed', String(+b.dataset.level === i));
    this.layout();
    this.fit();
    this.renderLevelInfo();
    this.inspect();
  }

  layout() {
    const l = this.out.levels[this.state.level];
    this.panels.replaceChildren();
    this.canvases = [];
    if (!l.data) {
      this.panels.append(
        el(
          'p',
          { class: 'note' },
          `${levelName(l)} (${l.width}×${l.height}) is larger than the viewer takes: its pictures as written`,
        ),
        ...['expected', 'actual', 'diff', 'heatmap', 'mask'].map((role) =>
          el(
            'figure',
            {},
            el('img', { src: l.files[role], alt: `${role}, ${levelName(l)}`, loading: 'lazy', class: 'png' }),
            el('figcaption', {}, role),
          ),
        ),
      );
      this.controls.hidden = this.compareControls.hidden = true;
      return;
    }
    this.controls.hidden = this.compareControls.hidden = false;
    const views = this.state.mode === 'side' ? ['expected', 'actual', 'third'] : ['compare', 'third'];
    for (const v of views) {
      const c = el('canvas', { class: 'panel', 'data-view': v, role: 'img' });
      const dpr = window.devicePixelRatio || 1;
      c.width = PANEL * dpr;
      c.height = PANEL * dpr;
      c.style.width = c.style.height = PANEL + 'px';
      this.attach(c);
      const caption = el('figcaption', {});
      this.panels.append(el('figure', { class: 'panelfig' }, c, caption));
      this.canvases.push({ view: v, canvas: c, caption });
    }
    this.slider.hidden = this.state.mode !== 'slider';
    this.blinkButton.hidden = this.state.mode !== 'blink';
  }

  attach(c) {
    let drag = null;
    c.addEventListener(
      'wheel',
      (e) => {
        e.preventDefault();
        const r = c.getBoundingClientRect();
        this.zoom(e.deltaY < 0 ? 1.25 : 1 / 1.25, e.clientX - r.left, e.clientY - r.top);
      },
      { passive: false },
    );
    c.addEventListener('pointerdown', (e) => {
      drag = { x: e.clientX, y: e.clientY, ox: this.state.ox, oy: this.state.oy, moved: false };
      c.setPointerCapture(e.pointerId);
    });
    c.addEventListener('pointermove', (e) => {
      if (drag && e.buttons & 1) {
        const dx = e.clientX - drag.x;
        const dy = e.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;
        this.state.ox = drag.ox + dx;
        this.state.oy = drag.oy + dy;
        this.draw();
        return;
      }
      const t = this.texelAt(c, e);
      const same = t && this.state.hover && t.x === this.state.hover.x && t.y === this.state.hover.y;
      this.state.hover = t;
      if (!same) {
        if (!this.state.pinned) this.inspect();
        this.draw();
      }
    });
    c.addEventListener('pointerup', (e) => {
      if (drag && !drag.moved) {
        const t = this.texelAt(c, e);
        const same = t && this.state.pinned && t.x === this.state.pinned.x && t.y === this.state.pinned.y;
        this.state.pinned = same ? null : t;
        this.inspect();
        this.draw();
      }
      drag = null;
    });
    c.addEventListener('pointerleave', () => {
      this.state.hover = null;
      if (!this.state.pinned) this.inspect();
      this.draw();
    });
  }

  texelAt(c, e) {
    const r = c.getBoundingClientRect();
    const l = this.out.levels[this.state.level];
    const x = Math.floor((e.clientX - r.left - this.state.ox) / this.state.scale);
    const y = Math.floor((e.clientY - r.top - this.state.oy) / this.state.scale);
    return x >= 0 && y >= 0 && x < l.width && y < l.height ? { x, y } : null;
  }

  fit() {
    const l = this.out.levels[this.state.level];
    const s = Math.min(PANEL / l.width, PANEL / l.height);
    this.state.scale = s >= 1 ? Math.floor(s) : s;
    this.state.ox = (PANEL - l.width * this.state.scale) / 2;
    this.state.oy = (PANEL - l.height * this.state.scale) / 2;
    this.draw();
  }

  zoom(f, px = PANEL / 2, py = PANEL / 2) {
    const s = Math.min(512, Math.max(0.05, this.state.scale * f));
    this.state.ox = px - ((px - this.state.ox) * s) / this.state.scale;
    this.state.oy = py - ((py - this.state.oy) * s) / this.state.scale;
    this.state.scale = s;
    this.draw();
  }

  refresh() {
    for (const b of this.root.querySelectorAll('button.tog')) {
      const [name] = Object.keys(b.dataset);
      b.setAttribute('aria-pressed', String(b.dataset[name] === String(this.state[name])));
    }
    this.sources = null;
    this.legend.hidden = this.state.third !== 'heat';
    this.draw();
    this.inspect();
  }

  draw() {
    const l = this.out.levels[this.state.level];
    if (!l.data || !this.canvases) return;
    if (!this.sources || this.sources.key !== `${this.state.level}/${this.state.channel}/${this.state.third}`) {
      this.sources = {
        key: `${this.state.level}/${this.state.channel}/${this.state.third}`,
        expected: this.canvasOf('expected'),
        actual: this.canvasOf('actual'),
        third: this.canvasOf(this.state.third),
      };
    }
    const st = this.state;
    const zoom = fmt(+st.scale.toPrecision(3));
    this.zoomText.textContent = `${zoom}× (${st.scale >= 1 ? 'nearest neighbour' : 'reduced'})`;
    const chName =
      st.channel === 'all'
        ? this.ch > 1
          ? 'all channels'
          : `channel ${this.out.channels[0] || 'value'}`
        : st.channel === 'rgb'
          ? 'colour, alpha ignored'
          : `channel ${this.out.channels[st.channel]}`;
    const thirdName = {
      diff: `|difference| ×${this.amplification || 1}`,
      heat: 'heatmap of |error| / tolerance',
      mask: 'mask: red refused, green accepted',
    }[st.third];
    for (const { view, canvas, caption } of this.canvases) {
      const ctx = canvas.getContext('2d');
      const dpr = canvas.width / PANEL;
      ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
      ctx.fillStyle = checkerPattern(ctx);
      ctx.fillRect(0, 0, PANEL, PANEL);
      ctx.imageSmoothingEnabled = false;
      const w = l.width * st.scale;
      const h = l.height * st.scale;
      let label;
      if (view === 'compare' && st.mode === 'slider') {
        ctx.drawImage(this.sources.expected, st.ox, st.oy, w, h);
        const cut = (PANEL * st.slider) / 100;
        ctx.save();
        ctx.beginPath();
        ctx.rect(cut, 0, PANEL - cut, PANEL);
        ctx.clip();
        ctx.fillStyle = checkerPattern(ctx);
        ctx.fillRect(cut, 0, PANEL - cut, PANEL);
        ctx.drawImage(this.sources.actual, st.ox, st.oy, w, h);
        ctx.restore();
        ctx.fillStyle = '#ff0';
        ctx.fillRect(cut - 1, 0, 2, PANEL);
        label = `expected | actual at ${st.slider}%`;
      } else if (view === 'compare') {
        ctx.drawImage(this.sources[st.blink], st.ox, st.oy, w, h);
        label = `${st.blink} (blink)`;
      } else {
        ctx.drawImage(this.sources[view], st.ox, st.oy, w, h);
        label = view === 'third' ? thirdName : view;
      }
      if (st.scale >= 12) {
        ctx.strokeStyle = 'rgba(128,128,128,0.5)';
        ctx.lineWidth = 1 / dpr;
        ctx.beginPath();
        for (let x = 0; x <= l.width; x++) {
          ctx.moveTo(st.ox + x * st.scale, st.oy);
          ctx.lineTo(st.ox + x * st.scale, st.oy + h);
        }
        for (let y = 0; y <= l.height; y++) {
          ctx.moveTo(st.ox, st.oy + y * st.scale);
          ctx.lineTo(st.ox + w, st.oy + y * st.scale);
        }
        ctx.stroke();
      }
      const mark = st.pinned || st.hover;
      if (mark) {
        ctx.strokeStyle = st.pinned ? '#00e5ff' : '#ffffff';
        ctx.lineWidth = 2;
        ctx.strokeRect(
          st.ox + mark.x * st.scale - 1,
          st.oy + mark.y * st.scale - 1,
          Math.max(3, st.scale) + 2,
          Math.max(3, st.scale) + 2,
        );
      }
      caption.textContent = `${label} — ${chName}`;
      canvas.setAttribute('aria-label', `${label}, ${levelName(l)}, ${l.width}×${l.height}, ${chName}`);
    }
  }

  inspect() {
    const at = this.state.pinned || this.state.hover;
    const l = this.out.levels[this.state.level];
    const d = this.levelData(this.state.level);
    if (!at || !d) {
      this.inspector.replaceChildren(
        el(
          'p',
          { class: 'hint' },
          'point at a picture to read every view at that texel; click to pin; arrow keys move',
        ),
      );
      return;
    }
    const o = this.out;
    const i = at.y * l.width + at.x;
    const rows = o.channels.map((name, c) => {
      const k = i * this.ch + c;
      const e = decodeCode(this.kind, d.exp[k]);
      const a = decodeCode(this.kind, d.act[k]);
      const dc = d.dc && d.dc[k];
      const verdict = dc ? "don't care" : d.ref[k] ? 'refused' : 'accepted';
      const ratio = Math.abs(d.err[k]) / (o.tolerance || 1);
      return el(
        'tr',
        { class: dc ? 'dc' : d.ref[k] ? 'bad' : '' },
        el('th', { scope: 'row' }, name || 'value'),
        el('td', {}, `${hexCode(this.kind, d.exp[k])} (${fmt(e)})`),
        el('td', {}, `${hexCode(this.kind, d.act[k])} (${fmt(a)})`),
        el('td', { class: 'n' }, signed(a - e)),
        el('td', { class: 'n' }, `${signed(d.err[k])} ${o.unit}`),
        el('td', { class: 'n' }, fmt(+ratio.toPrecision(3))),
        el('td', {}, verdict),
      );
    });
    const heat = Math.max(...o.channels.map((_, c) => Math.abs(d.err[i * this.ch + c]) / (o.tolerance || 1)));
    this.inspector.replaceChildren(
      el(
        'p',
        { class: 'where' },
        `${levelName(l)} (${at.x}, ${at.y})${this.state.pinned ? ' — pinned' : ''}; ` +
          `heatmap ${fmt(+heat.toPrecision(3))} × tolerance`,
      ),
      el(
        'table',
        { class: 'num' },
        headRow(['channel', 'expected', 'actual', 'delta', `error (${o.unit})`, '|error| / tol', 'verdict']),
        el('tbody', {}, ...rows),
      ),
    );
  }

  renderLevelInfo() {
    const l = this.out.levels[this.state.level];
    const o = this.out;
    const facts = [
      `${levelName(l)}: ${l.width}×${l.height}`,
      `${l.refusedTexels} texel${l.refusedTexels === 1 ? '' : 's'} refused (${fmt(+l.refusedPercent.toPrecision(3))}%)`,
    ];
    if (l.bbox) facts.push(`inside (${l.bbox.x0}, ${l.bbox.y0})–(${l.bbox.x1}, ${l.bbox.y1})`);
    if (l.dontCareTexels) facts.push(`${l.dontCareTexels} don't-care texels (drawn grey-blue, not compared)`);
    facts.push(`pixelmatch: ${l.pixelmatchCount} px differ`);
    const stats = el(
      'table',
      { class: 'num' },
      headRow(['channel', 'refused', `max |err| (${o.unit})`, 'mean |err|', 'RMSE', 'bias']),
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
    const files = el(
      'p',
      { class: 'files' },
      'pictures: ',
      ...Object.entries(l.files).flatMap(([role, f], k) => [k ? ' · ' : '', el('a', { href: f }, role)]),
    );
    this.levelInfo.replaceChildren(
      el('p', {}, facts.join(' · ')),
      ...l.hints.map((t) => el('p', { class: 'hint-flag' }, t)),
      stats,
      histogramView(l.histogram, o, 'texels'),
      files,
    );
  }
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
