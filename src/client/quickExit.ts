/**
 * Quick exit: the link works without JavaScript. With it, the link and
 * Shift×3 cover the page at once, tell screen readers, and leave with
 * location.replace so Back does not return here.
 */
import { createShiftTrigger } from '../domain/shiftTrigger';

/** Other modules (an unsent form draft) listen for this to clear what must not stay. */
export const QUICK_EXIT_EVENT = 'sj:quick-exit';

export function initQuickExit(doc: Document = document): void {
  const link = doc.querySelector<HTMLAnchorElement>('[data-quick-exit]');
  if (!link) return;
  const cover = doc.getElementById('exit-cover');
  const status = doc.getElementById('exit-status');

  const leave = () => {
    cover?.removeAttribute('hidden');
    if (status) status.textContent = status.dataset.leaving ?? '';
    doc.title = '';
    window.dispatchEvent(new CustomEvent(QUICK_EXIT_EVENT));
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
