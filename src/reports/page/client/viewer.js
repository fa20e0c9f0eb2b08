// The picture viewer of one image output: expected, actual and a third view
// (difference, heatmap or mask) side by side, or expected/actual as a slider
// or a blink; synchronised zoom and pan drawn nearest-neighbour on canvases;
// channel toggles; a pixel inspector with every view's values at the pointer;
// mip levels as a strip. It draws from the failure's values, not from the PNGs
// (a file:// page cannot read a PNG's pixels back). Its parts: values.js,
// pictures.js, viewer-controls.js, viewer-draw.js, viewer-facts.js.
'use strict';

class ImageViewer {
  constructor(out) {
    this.out = out;
    this.ch = out.channels.length;
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
      'aria-label': `picture viewer of ${out.asUploaded ? 'input' : 'output'} ${out.name}: arrow keys move the inspected texel, + and - zoom, 0 fits`,
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

  /** ImageData of a view of a level (the current one) for the selected channels. */
  picture(
    view,
    levelIndex = this.state.level,
    channels = this.selected(),
    single = typeof this.state.channel === 'number',
  ) {
    const l = this.out.levels[levelIndex];
    const { image, amplification } = levelPicture(this.out, l, this.levelData(levelIndex), view, channels, single);
    if (amplification !== undefined) this.amplification = amplification;
    return image;
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
    const { toolbar, zoomText } = viewerToolbar(this, this.out);
    this.controls = toolbar;
    this.zoomText = zoomText;
    this.strip = levelStrip(this, this.out);
    this.panels = el('div', { class: 'panels' });
    const compare = compareControls(this);
    this.slider = compare.slider;
    this.blinkButton = compare.blinkButton;
    this.compareControls = compare.row;
    this.inspector = el('div', { class: 'inspector', 'aria-live': 'polite' }, el('p', { class: 'hint' }, INSPECT_HINT));
    this.legend = heatLegend(this.out);
    // An input was not judged: no comparison to choose, no error to scale.
    if (this.out.asUploaded) for (const part of [...this.controls.children].slice(0, 2)) part.hidden = true;
    this.legend.hidden = !!this.out.asUploaded;
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
        ...(this.out.asUploaded ? ['actual'] : ['expected', 'actual', 'diff', 'heatmap', 'mask']).map((role) =>
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
    this.controls.hidden = false;
    this.compareControls.hidden = !!this.out.asUploaded;
    // An input has one picture, as uploaded: nothing to compare it with.
    const views = this.out.asUploaded
      ? ['actual']
      : this.state.mode === 'side'
        ? ['expected', 'actual', 'third']
        : ['compare', 'third'];
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
    const st = this.state;
    const key = `${st.level}/${st.channel}/${st.third}`;
    if (!this.sources || this.sources.key !== key) {
      this.sources = {
        key,
        expected: this.canvasOf('expected'),
        actual: this.canvasOf('actual'),
        third: this.canvasOf(st.third),
      };
    }
    const zoom = fmt(+st.scale.toPrecision(3));
    this.zoomText.textContent = `${zoom}× (${st.scale >= 1 ? 'nearest neighbour' : 'reduced'})`;
    const chName = channelCaption(st, this.out.channels);
    const thirdName = thirdCaption(st.third, this.amplification);
    for (const { view, canvas, caption } of this.canvases) {
      const drawn = drawPanel(canvas, view, l, st, this.sources, thirdName);
      const label = this.out.asUploaded ? 'as uploaded' : drawn;
      caption.textContent = `${label} — ${chName}`;
      canvas.setAttribute('aria-label', `${label}, ${levelName(l)}, ${l.width}×${l.height}, ${chName}`);
    }
  }

  inspect() {
    const at = this.state.pinned || this.state.hover;
    const l = this.out.levels[this.state.level];
    this.inspector.replaceChildren(
      ...inspectorView(this.out, l, this.levelData(this.state.level), at, this.state.pinned),
    );
  }

  renderLevelInfo() {
    this.levelInfo.replaceChildren(...levelInfoView(this.out, this.out.levels[this.state.level]));
  }
}
