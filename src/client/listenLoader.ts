/**
 * Part of every page's one script (PageChrome.astro), so it costs no request
 * of its own: where the page has a Listen control, a recording or a Share
 * button, their module (listen.ts) is loaded after `load`, and nothing of it
 * counts in the JavaScript a page needs before it is there.
 */
export function loadListenAfterLoad(doc: Document = document): void {
  if (!doc.querySelector('[data-listen], [data-recording], [data-share]')) return;
  const start = () => void import('./listen').then((m) => m.initListen(doc));
  if (doc.readyState === 'complete') start();
  else window.addEventListener('load', start, { once: true });
}

loadListenAfterLoad();
