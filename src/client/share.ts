/**
 * The Share button (src/components/Share.astro): the Web Share API with the
 * page's title and address where the browser has it; otherwise the address
 * is copied to the clipboard; where that is refused too (an old browser, a
 * page not served over HTTPS), the address is shown selected, to copy by hand.
 */

/** The address to share: the canonical one (absolute when the site knows its address), without a #fragment. */
export function shareUrl(doc: Document = document): string {
  const canonical = doc.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  const url = new URL(canonical || doc.location.href);
  url.hash = '';
  return url.href;
}

export function initShare(doc: Document = document): void {
  for (const box of doc.querySelectorAll<HTMLElement>('[data-share]')) {
    const button = box.querySelector<HTMLButtonElement>('[data-share-button]');
    const status = box.querySelector<HTMLElement>('[data-share-status]');
    const fallback = box.querySelector<HTMLElement>('[data-share-fallback]');
    const address = box.querySelector<HTMLInputElement>('[data-share-address]');
    if (!button || !status || !fallback || !address) continue;
    button.addEventListener('click', async () => {
      const url = shareUrl(doc);
      const data = { title: box.dataset.shareTitle ?? doc.title, url };
      status.textContent = '';
      if (typeof navigator.share === 'function' && (!navigator.canShare || navigator.canShare(data))) {
        try {
          await navigator.share(data);
          return;
        } catch (error) {
          if ((error as DOMException)?.name === 'AbortError') return; // the person closed the share sheet
        }
      }
      try {
        await navigator.clipboard.writeText(url);
        status.textContent = status.dataset.copied ?? '';
      } catch {
        address.value = url;
        fallback.hidden = false;
        address.focus();
        address.select();
      }
    });
    box.hidden = false;
  }
}
