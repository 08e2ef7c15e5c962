/**
 * On the projector the audience should see only the slide: after a few
 * seconds without input, `chrome-hidden` on <html> fades the control row, the
 * quick exit, the offline bar and the mouse pointer (CSS). Any input (a tap, a
 * mouse move, a key) brings them back. The tap that brings them back does not
 * also press the button that appears under the finger.
 */

export const IDLE_MS = 3000;
const HIDDEN = 'chrome-hidden';

interface Options {
  /** Chrome that fades: a click in it right after a waking tap is swallowed. */
  chrome: string;
  /** Kept on screen while this is true (an open menu, keyboard focus in the controls). */
  keepShown: () => boolean;
}

export function startIdleChrome(root: HTMLElement, { chrome, keepShown }: Options): { wake(): void } {
  let timer: number | undefined;
  let lastMouse = { x: Number.NaN, y: Number.NaN };
  let swallowNextClick = false;

  const arm = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(hide, IDLE_MS);
  };
  function hide() {
    if (keepShown()) arm();
    else root.classList.add(HIDDEN);
  }
  const wake = () => {
    root.classList.remove(HIDDEN);
    arm();
  };

  document.addEventListener('pointermove', (event) => {
    // Chromium can send a move without the mouse moving (after a layout change): only a real move counts.
    if (event.pointerType === 'mouse' && event.clientX === lastMouse.x && event.clientY === lastMouse.y) return;
    lastMouse = { x: event.clientX, y: event.clientY };
    wake();
  }, { passive: true });
  document.addEventListener('pointerdown', () => {
    swallowNextClick = root.classList.contains(HIDDEN);
    wake();
  }, { capture: true, passive: true });
  document.addEventListener('click', (event) => {
    const swallow = swallowNextClick && (event.target as Element | null)?.closest?.(chrome);
    swallowNextClick = false;
    if (swallow) { event.preventDefault(); event.stopImmediatePropagation(); }
  }, { capture: true });
  for (const type of ['keydown', 'wheel', 'focusin'] as const) document.addEventListener(type, wake, { capture: true, passive: true });
  arm();
  return { wake };
}
