/**
 * "Download the guide to share" (footer, presenter's menu): Chromium does not
 * pass a download through the service worker, so with no network the plain
 * link would fail. With JavaScript the file is fetched (the service worker
 * answers from the saved pages) and saved from memory under its name; if even
 * that fails, the guide opens as a page, which the browser can share or save.
 * Part of every page's one script (PageChrome.astro): a few hundred bytes.
 */
export async function downloadGuide(link: HTMLAnchorElement): Promise<void> {
  try {
    const response = await fetch(link.href, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(String(response.status));
    const url = URL.createObjectURL(await response.blob());
    const save = document.createElement('a');
    save.href = url;
    save.download = link.getAttribute('download') || 'guide.html';
    document.body.append(save);
    save.click();
    save.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch {
    window.location.assign(link.href);
  }
}

document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-guide-download]');
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  void downloadGuide(link);
});
