// Drawing the picture viewer's panels: a level's pictures scaled
// nearest-neighbour at the viewer's zoom and pan over a checkerboard,
// expected/actual split by the slider or swapped by blink, a texel grid when
// zoomed in, and the inspected texel marked.
'use strict';

const PANEL = 360;

/** What a panel shows, as its caption says it. */
function thirdCaption(third, amplification) {
  return {
    diff: `|difference| ×${amplification || 1}`,
    heat: 'heatmap of |error| / tolerance',
    mask: 'mask: red refused, green accepted',
  }[third];
}

/** The channels a viewer's state draws, as captions name them. */
function channelCaption(st, channels) {
  if (st.channel === 'all') return channels.length > 1 ? 'all channels' : `channel ${channels[0] || 'value'}`;
  return st.channel === 'rgb' ? 'colour, alpha ignored' : `channel ${channels[st.channel]}`;
}

/**
 * Draws one panel (`expected`, `actual`, `third` or `compare`) of level `l` from the source canvases, at the state's
 * zoom and pan; returns its label.
 */
function drawPanel(canvas, view, l, st, sources, thirdName) {
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
    drawSlider(ctx, st, sources, w, h);
    label = `expected | actual at ${st.slider}%`;
  } else if (view === 'compare') {
    ctx.drawImage(sources[st.blink], st.ox, st.oy, w, h);
    label = `${st.blink} (blink)`;
  } else {
    ctx.drawImage(sources[view], st.ox, st.oy, w, h);
    label = view === 'third' ? thirdName : view;
  }
  if (st.scale >= 12) drawGrid(ctx, l, st, dpr);
  drawMark(ctx, st);
  return label;
}

/** Expected left of the slider's cut, actual right of it, the cut in yellow. */
function drawSlider(ctx, st, sources, w, h) {
  ctx.drawImage(sources.expected, st.ox, st.oy, w, h);
  const cut = (PANEL * st.slider) / 100;
  ctx.save();
  ctx.beginPath();
  ctx.rect(cut, 0, PANEL - cut, PANEL);
  ctx.clip();
  ctx.fillStyle = checkerPattern(ctx);
  ctx.fillRect(cut, 0, PANEL - cut, PANEL);
  ctx.drawImage(sources.actual, st.ox, st.oy, w, h);
  ctx.restore();
  ctx.fillStyle = '#ff0';
  ctx.fillRect(cut - 1, 0, 2, PANEL);
}

/** Lines between texels, once they are large enough to tell apart. */
function drawGrid(ctx, l, st, dpr) {
  const w = l.width * st.scale;
  const h = l.height * st.scale;
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

/** A box around the pinned texel (cyan) or the one under the pointer (white). */
function drawMark(ctx, st) {
  const mark = st.pinned || st.hover;
  if (!mark) return;
  ctx.strokeStyle = st.pinned ? '#00e5ff' : '#ffffff';
  ctx.lineWidth = 2;
  ctx.strokeRect(
    st.ox + mark.x * st.scale - 1,
    st.oy + mark.y * st.scale - 1,
    Math.max(3, st.scale) + 2,
    Math.max(3, st.scale) + 2,
  );
}
