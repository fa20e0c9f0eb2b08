// What every part of the page's script builds with: the page's settings (the
// element kinds, heatmap and histogram scales the report was written with) and
// elements made from tag, attributes and children.
'use strict';

const SETTINGS = JSON.parse(document.getElementById('settings').textContent);

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
