// Navigation and filters: j/n and k/p (and the prev/next buttons) walk the
// failures the filters leave visible; a row's link opens its failure; a
// failure's data is loaded (a script tag: file:// pages cannot fetch JSON)
// the first time it is opened.
'use strict';

const failures = [...document.querySelectorAll('details.failure')];
const pending = new Map();
let current = -1;

/** Called by each failures/<id>/failure.js. */
window.twinpathFailure = (f) => {
  const detail = pending.get(f.id);
  if (!detail) return;
  pending.delete(f.id);
  renderFailure(detail, f);
};

function load(section) {
  const detail = section.querySelector('.detail');
  if (!detail || detail.dataset.loaded || pending.has(detail.dataset.id)) return;
  pending.set(detail.dataset.id, detail);
  const s = document.createElement('script');
  s.src = detail.dataset.script;
  s.onerror = () => {
    pending.delete(detail.dataset.id);
    detail.dataset.loaded = 'error';
    detail.replaceChildren(
      el(
        'p',
        { class: 'error' },
        `could not load ${detail.dataset.script}: the file is missing — ` +
          'keep the report folder whole (index.html with failures/)',
      ),
    );
  };
  document.head.append(s);
}

function visibleFailures() {
  return failures.filter((f) => !f.hidden);
}

function announce() {
  const vis = visibleFailures();
  const where = document.getElementById('where');
  const k = vis.indexOf(failures[current]);
  where.textContent =
    k >= 0
      ? `failure ${k + 1} of ${vis.length}: ${failures[current].querySelector('summary b').textContent}`
      : `${vis.length} failure${vis.length === 1 ? '' : 's'} shown`;
  document.getElementById('prev').disabled = !vis.length;
  document.getElementById('next').disabled = !vis.length;
}

function open(section, scroll = true) {
  if (!section) return;
  section.hidden = false;
  section.open = true;
  current = failures.indexOf(section);
  for (const f of failures) f.classList.toggle('current', f === section);
  load(section);
  if (history.replaceState) history.replaceState(null, '', '#' + section.id);
  if (scroll) section.scrollIntoView({ block: 'start' });
  section.querySelector('summary').focus({ preventScroll: true });
  announce();
}

function step(d) {
  const vis = visibleFailures();
  if (!vis.length) return;
  const k = vis.indexOf(failures[current]);
  open(vis[k < 0 ? (d > 0 ? 0 : vis.length - 1) : (k + d + vis.length) % vis.length]);
}

function filter() {
  const text = document.getElementById('fk').value.trim().toLowerCase();
  const status = document.getElementById('fs').value;
  const keep = (e) => (!text || e.dataset.text.includes(text)) && (!status || e.dataset.status === status);
  const rows = [...document.querySelectorAll('tr.row')];
  for (const r of rows) r.hidden = !keep(r);
  for (const f of failures) f.hidden = !keep(f);
  for (const b of document.querySelectorAll('[data-filter-status]'))
    b.setAttribute('aria-pressed', String(b.dataset.filterStatus === status));
  document.getElementById('shown').textContent = `${rows.filter((r) => !r.hidden).length} of ${rows.length} rows`;
  announce();
}

document.getElementById('fk').addEventListener('input', filter);
document.getElementById('fs').addEventListener('change', filter);
for (const b of document.querySelectorAll('[data-filter-status]')) {
  b.addEventListener('click', () => {
    const s = document.getElementById('fs');
    s.value = s.value === b.dataset.filterStatus ? '' : b.dataset.filterStatus;
    filter();
  });
}
document.getElementById('prev').addEventListener('click', () => step(-1));
document.getElementById('next').addEventListener('click', () => step(1));
for (const a of document.querySelectorAll('a[data-open]')) {
  a.addEventListener('click', (e) => {
    e.preventDefault();
    open(document.getElementById(a.dataset.open));
  });
}
for (const f of failures) f.addEventListener('toggle', () => f.open && load(f));
for (const b of document.querySelectorAll('button.copy')) {
  b.addEventListener('click', () => {
    const t = b.parentElement.querySelector('code').textContent;
    if (navigator.clipboard)
      navigator.clipboard.writeText(t).then(
        () => {
          b.textContent = 'copied';
        },
        () => {
          b.textContent = 'select and copy';
        },
      );
  });
}
document.addEventListener('keydown', (e) => {
  if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|SELECT|TEXTAREA)$/.test(e.target.tagName)) return;
  if (e.key === 'j' || e.key === 'n') step(1);
  else if (e.key === 'k' || e.key === 'p') step(-1);
  else if (e.key === '/') document.getElementById('fk').focus();
  else return;
  e.preventDefault();
});
filter();
const target = location.hash && document.getElementById(location.hash.slice(1));
if (target && failures.includes(target)) open(target);
