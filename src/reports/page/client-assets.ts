/** The page's script and styles, plain files beside this one (client/), read once and inlined. */
import { readFileSync } from 'node:fs';

const read = (name: string) => readFileSync(new URL(`./client/${name}`, import.meta.url), 'utf8');
let cache: { script: string; styles: string } | undefined;

function assets(): { script: string; styles: string } {
  cache ??= { script: ['viewer.js', 'failure-view.js', 'page.js'].map(read).join('\n'), styles: read('styles.css') };
  return cache;
}

/** The page's script: the viewer, the failure view, navigation and filters. */
export const clientScript = () => assets().script.replace(/<\/script/gi, '<\\/script');

/** The page's styles, light and dark. */
export const clientStyles = () => assets().styles;
