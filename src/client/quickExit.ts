/**
 * Quick exit: the link works without JavaScript. With it, the link and
 * Shift×3 cover the page at once, tell screen readers, clear every trace the
 * site made on this phone, and leave with location.replace so Back does not
 * return here. What is synchronous is cleared before leaving (storage, the
 * language cookie); what is not (receipts in the request queue, saved
 * recordings) is finished
 * on the next visit if leaving interrupted it. A request not yet sent is never
 * deleted: it is still sent, silently.
 */
import { createShiftTrigger } from '../domain/shiftTrigger';
import { LOCALE_COOKIE } from '../domain/locales';

/** Set by an exit, removed once the queue's receipts are gone too. */
const FINISH_EXIT_KEY = 'sj-exit';

/** Everything synchronous: checklist ticks, answers, preferences, this tab's state, the language cookie. */
export function clearTracesNow(doc: Document = document): void {
  try { localStorage.clear(); } catch { /* storage off: nothing kept there */ }
  try { sessionStorage.clear(); } catch { /* as above */ }
  doc.cookie = `${LOCALE_COOKIE}=; path=/; max-age=0; samesite=lax`;
  try { localStorage.setItem(FINISH_EXIT_KEY, '1'); } catch { /* the receipts then stay until "clear everything" */ }
}

/** The part that may not finish before the page is gone: receipts of sent requests, recordings she chose to save (they name a subject). */
export async function finishExit(): Promise<void> {
  try { if (localStorage.getItem(FINISH_EXIT_KEY) !== '1') return; } catch { return; }
  const { forgetReceipts } = await import('./queue');
  await forgetReceipts();
  if (typeof caches !== 'undefined') {
    // Loaded here, not at the top: every page's first script stays small.
    const { RECORDINGS_CACHE } = await import('../domain/recordings');
    await caches.delete(RECORDINGS_CACHE);
  }
  localStorage.removeItem(FINISH_EXIT_KEY);
}

/** Anything the page moves focus or scrolls to stops below the sticky exit bar, whatever its height (a Khmer label may wrap). */
function keepClearOfExitBar(doc: Document): void {
  const bar = doc.querySelector<HTMLElement>('.exit-bar');
  if (!bar || typeof ResizeObserver === 'undefined') return;
  const set = () => doc.documentElement.style.setProperty('--exit-bar-height', `${Math.ceil(bar.getBoundingClientRect().height)}px`);
  new ResizeObserver(set).observe(bar);
  set();
}

/** Other modules (an unsent form draft) listen for this to clear what must not stay. */
export const QUICK_EXIT_EVENT = 'sj:quick-exit';

export function initQuickExit(doc: Document = document): void {
  keepClearOfExitBar(doc);
  void finishExit().catch(() => undefined);
  const link = doc.querySelector<HTMLAnchorElement>('[data-quick-exit]');
  if (!link) return;
  const cover = doc.getElementById('exit-cover');
  const status = doc.getElementById('exit-status');

  const leave = () => {
    cover?.removeAttribute('hidden');
    // Silence at once: the phone's reader (Listen, a slide read aloud) and any recording playing.
    window.speechSynthesis?.cancel();
    doc.querySelectorAll('audio, video').forEach((media) => (media as HTMLMediaElement).pause());
    if (status) status.textContent = status.dataset.leaving ?? '';
    doc.title = '';
    window.dispatchEvent(new CustomEvent(QUICK_EXIT_EVENT));
    clearTracesNow(doc);
    void finishExit().catch(() => undefined); // may be cut short by leaving: the next visit finishes it
    window.location.replace(link.href);
  };

  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    leave();
  });

  const trigger = createShiftTrigger();
  doc.addEventListener('keydown', (event) => {
    if (trigger.press(event.key, event.timeStamp, event.repeat)) leave();
  }, { capture: true });
}
