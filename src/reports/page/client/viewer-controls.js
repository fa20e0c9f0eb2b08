// The picture viewer's controls: the toolbar (view mode, third picture,
// channels, zoom), the strip of mip levels, and the slider and blink button
// that compare expected with actual in one panel. Each calls back into the
// viewer; the viewer marks which toggle is pressed.
'use strict';

/** A labelled group of controls. */
function controlGroup(label, items) {
  return el(
    'div',
    { class: 'group', role: 'group', 'aria-label': label },
    el('span', { class: 'glabel' }, label),
    ...items,
  );
}

/** A toggle button setting the viewer's `name` to `value` (`data-<name>` says which it is). */
function viewerToggle(viewer, name, value, text, title) {
  return el(
    'button',
    {
      type: 'button',
      class: 'tog',
      ['data-' + name]: String(value),
      'aria-pressed': 'false',
      title,
      onclick: () => viewer.set(name, value),
    },
    text,
  );
}

/** The channel toggles (all, RGB when there is alpha, each alone), or a note for a single channel. */
function channelControls(viewer, channels) {
  const toggle = (...a) => viewerToggle(viewer, ...a);
  if (channels.length <= 1)
    return el('span', { class: 'note' }, `one channel (${channels[0] || 'value'}), drawn as grey`);
  return controlGroup('channels', [
    toggle('channel', 'all', 'all', 'every channel; alpha drawn over a checkerboard'),
    ...(channels.includes('a') ? [toggle('channel', 'rgb', 'RGB', 'colour channels, alpha ignored')] : []),
    ...channels.map((n, c) => toggle('channel', c, n.toUpperCase(), `channel ${n} alone, as grey`)),
  ]);
}

/** The toolbar, and the span that shows the zoom. */
function viewerToolbar(viewer, out) {
  const toggle = (...a) => viewerToggle(viewer, ...a);
  const button = (cls, title, onclick, text) => el('button', { type: 'button', class: cls, title, onclick }, text);
  const zoomText = el('span', { class: 'zoomtext', 'aria-live': 'polite' }, '');
  const toolbar = el(
    'div',
    { class: 'toolbar' },
    controlGroup('view', [
      toggle('mode', 'side', 'side by side'),
      toggle('mode', 'slider', 'slider'),
      toggle('mode', 'blink', 'blink'),
    ]),
    controlGroup('third picture', [
      toggle('third', 'diff', '|difference|'),
      toggle('third', 'heat', 'heatmap'),
      toggle('third', 'mask', 'mask'),
    ]),
    channelControls(viewer, out.channels),
    controlGroup('zoom', [
      button('zoom-out', 'zoom out (-)', () => viewer.zoom(1 / 1.5), '−'),
      button('zoom-fit', 'fit (0)', () => viewer.fit(), 'fit'),
      button('zoom-in', 'zoom in (+)', () => viewer.zoom(1.5), '+'),
      zoomText,
    ]),
  );
  return { toolbar, zoomText };
}

/**
 * The strip of mip levels: a heatmap thumbnail (an input's own picture), size and refused count each; a click
 * selects the level.
 */
function levelStrip(viewer, out) {
  const strip = el('div', { class: 'strip', role: 'group', 'aria-label': 'mip levels' });
  out.levels.forEach((l, i) => {
    const thumb = el('canvas', { width: l.width, height: l.height, 'aria-hidden': 'true' });
    const s = Math.max(1, Math.floor(40 / Math.max(l.width, l.height)));
    thumb.style.width = Math.min(40, l.width * s) + 'px';
    thumb.style.height = Math.min(40, l.height * s) + 'px';
    // An input's thumbnail is itself; an output's, its heatmap.
    const view = out.asUploaded ? 'actual' : 'heat';
    if (l.data) thumb.getContext('2d').putImageData(viewer.picture(view, i, [...Array(viewer.ch).keys()], false), 0, 0);
    const b = el(
      'button',
      {
        type: 'button',
        class: 'lvl' + (l.refusedTexels ? ' bad' : ''),
        'data-level': String(i),
        'aria-pressed': 'false',
        onclick: () => viewer.selectLevel(i),
      },
      thumb,
      el(
        'span',
        {},
        levelName(l),
        el('br'),
        `${l.width}×${l.height}`,
        ...(out.asUploaded ? [] : [el('br'), `${l.refusedTexels} refused`]),
      ),
    );
    strip.append(b);
  });
  return strip;
}

/** The slider (expected left of it, actual right) and the blink button, in one row. */
function compareControls(viewer) {
  const slider = el('input', {
    type: 'range',
    min: '0',
    max: '100',
    value: '50',
    class: 'slider',
    'aria-label': 'slider: expected on the left, actual on the right',
    oninput: () => {
      viewer.state.slider = +slider.value;
      viewer.draw();
    },
  });
  const blinkButton = el(
    'button',
    { type: 'button', class: 'blink', onclick: () => viewer.blink() },
    'showing actual: swap (b)',
  );
  return { row: el('div', { class: 'compare-controls' }, slider, blinkButton), slider, blinkButton };
}
