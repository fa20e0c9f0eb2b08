/** The page's script and styles, plain files beside this one (client/), read once and inlined. */
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');

/**
 * The script's files, joined into one classic script in this order: each declares its functions at the top level
 * for the files after it (dom.js's settings and `el`, values.js's decoding, the viewer's parts before the viewer).
 */
const SCRIPTS = [
  'dom.js',
  'values.js',
  'pictures.js',
  'viewer-controls.js',
  'viewer-draw.js',
  'viewer-facts.js',
  'viewer.js',
  'failure-view.js',
  'page.js',
];

let cache: { script: string; styles: string } | undefined;

function assets(): { script: string; styles: string } {
  cache ??= { script: SCRIPTS.map(read).join('\n'), styles: read('styles.css') };
  return cache;
}

/** The page's script: the viewer, the failure view, navigation and filters. */
export const clientScript = () => assets().script.replace(/<\/script/gi, '<\\/script');

/** The page's styles, light and dark. */
export const clientStyles = () => assets().styles;
