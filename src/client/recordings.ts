/**
 * "Save for listening without internet" under a recording: only when the
 * person asks, into a cache of its own (RECORDINGS_CACHE), never with the
 * language's pages. "Remove from this phone" takes it out again; "Clear
 * everything" removes every cache, this one too.
 */
import { RECORDINGS_CACHE } from '../domain/recordings';

export async function isSaved(url: string): Promise<boolean> {
  // Looking must not create the cache.
  if (!(await caches.has(RECORDINGS_CACHE))) return false;
  return !!(await caches.match(url, { cacheName: RECORDINGS_CACHE }));
}

export async function saveRecording(url: string): Promise<void> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  await (await caches.open(RECORDINGS_CACHE)).put(url, response);
}

export async function removeRecording(url: string): Promise<void> {
  if (await caches.has(RECORDINGS_CACHE)) await (await caches.open(RECORDINGS_CACHE)).delete(url);
}

export async function initRecordings(doc: Document = document): Promise<void> {
  if (!('caches' in window)) return;
  for (const box of doc.querySelectorAll<HTMLElement>('[data-recording]')) {
    const url = box.dataset.src;
    const save = box.querySelector<HTMLButtonElement>('[data-recording-save]');
    const remove = box.querySelector<HTMLButtonElement>('[data-recording-remove]');
    const status = box.querySelector<HTMLElement>('[data-recording-status]');
    if (!url || !save || !remove || !status) continue;
    const show = (saved: boolean, message = '') => {
      save.hidden = saved;
      remove.hidden = !saved;
      status.textContent = message || (saved ? box.dataset.savedText ?? '' : '');
    };
    show(await isSaved(url).catch(() => false));
    save.addEventListener('click', async () => {
      save.disabled = true;
      try {
        await saveRecording(url);
        show(true);
        remove.focus();
      } catch {
        show(false, box.dataset.failedText);
      } finally {
        save.disabled = false;
      }
    });
    remove.addEventListener('click', async () => {
      await removeRecording(url).catch(() => {});
      show(false, box.dataset.removedText);
      save.focus();
    });
  }
}
