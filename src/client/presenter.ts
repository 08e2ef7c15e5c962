/**
 * Presenting a deck: arrow keys, Page Up/Down, Space (what presentation
 * clickers send), Home/End, swipes and buttons; the slide number in the hash
 * (a reload keeps the place); notes hidden from the audience until asked for;
 * a second-window presenter view (notes, next slide, timer) kept in step with
 * BroadcastChannel; the screen kept awake; the QR code of the site drawn here,
 * offline.
 */
import { drawQrCodes, siteAddress } from './qr';

export function startPresenter(): void {
  const deck = document.querySelector<HTMLElement>('.deck');
  if (!deck) return;
  const slides = [...deck.querySelectorAll<HTMLElement>('.slide')];
  const total = slides.length;
  const strings = JSON.parse(document.getElementById('present-strings')?.textContent ?? '{}') as Record<string, string>;
  const fill = (key: string, values: Record<string, string | number>) => (strings[key] ?? '').replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(values[k] ?? ''));
  const $ = <T extends HTMLElement>(s: string) => document.querySelector<T>(s);
  const isPresenterWindow = new URLSearchParams(location.search).get('view') === 'presenter';
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(`sj-present-${deck.dataset.deck}`) : undefined;
  let current = 1;
  let notesShown = isPresenterWindow;
  const startedAt = Date.now();

  const fromHash = () => Math.min(total, Math.max(1, Number(location.hash.slice(1)) || 1));

  function show(n: number, { broadcast = true } = {}) {
    current = Math.min(total, Math.max(1, n));
    slides.forEach((slide, i) => { slide.hidden = i + 1 !== current; });
    slides[current - 1]?.querySelectorAll<HTMLElement>('.notes').forEach((notes) => { notes.hidden = !notesShown; });
    const counter = $('[data-counter]');
    if (counter) counter.textContent = fill('counter', { n: current, total });
    if (location.hash !== `#${current}`) history.replaceState(null, '', `#${current}`);
    const panel = $('[data-presenter-panel]');
    if (panel && isPresenterWindow) {
      const notes = slides[current - 1]?.querySelector('.notes');
      $('[data-current-notes]')!.innerHTML = notes ? notes.innerHTML : '';
      $('[data-next-title]')!.textContent = slides[current]?.querySelector('.slide-title')?.textContent ?? strings.end ?? '';
    }
    if (broadcast) channel?.postMessage({ slide: current });
  }

  const next = () => show(current + 1);
  const prev = () => show(current - 1);

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    switch (event.key) {
      case 'ArrowRight': case 'ArrowDown': case 'PageDown': case ' ': case 'Enter':
        if (event.key === 'Enter' && target.closest('button, a')) return;
        event.preventDefault(); next(); break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace':
        event.preventDefault(); prev(); break;
      case 'Home': event.preventDefault(); show(1); break;
      case 'End': event.preventDefault(); show(total); break;
      case 'n': case 'N': toggleNotes(); break;
      case 'f': case 'F': void toggleFullscreen(); break;
      case 'q': case 'Q': show(total); break;
    }
  });

  // Swipe left or right on a touch screen.
  let touchX: number | undefined;
  deck.addEventListener('pointerdown', (e) => { if (e.pointerType !== 'mouse') touchX = e.clientX; });
  deck.addEventListener('pointerup', (e) => {
    if (touchX === undefined) return;
    const dx = e.clientX - touchX;
    touchX = undefined;
    if (Math.abs(dx) > 50) (dx < 0 ? next : prev)();
  });

  function toggleNotes() {
    notesShown = !notesShown;
    $('[data-notes]')?.setAttribute('aria-pressed', String(notesShown));
    show(current, { broadcast: false });
  }

  async function toggleFullscreen() {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    else await document.documentElement.requestFullscreen?.().catch(() => {});
  }

  $('[data-next]')?.addEventListener('click', next);
  $('[data-prev]')?.addEventListener('click', prev);
  $('[data-notes]')?.addEventListener('click', toggleNotes);
  $('[data-fullscreen]')?.addEventListener('click', () => void toggleFullscreen());
  $('[data-print]')?.addEventListener('click', () => window.print());
  $('[data-presenter]')?.addEventListener('click', () => {
    window.open(`${location.pathname}?view=presenter#${current}`, `sj-presenter-${deck.dataset.deck}`, 'popup,width=900,height=700');
  });
  window.addEventListener('hashchange', () => show(fromHash()));
  channel?.addEventListener('message', (event: MessageEvent<{ slide?: number }>) => {
    if (typeof event.data?.slide === 'number' && event.data.slide !== current) show(event.data.slide, { broadcast: false });
  });

  if (isPresenterWindow) {
    document.documentElement.classList.add('presenter-window');
    $('[data-presenter-panel]')!.hidden = false;
    const timer = $('[data-timer]');
    setInterval(() => {
      const s = Math.floor((Date.now() - startedAt) / 1000);
      if (timer) timer.textContent = `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
    }, 1000);
  }

  // Keep the screen on while presenting (where the browser allows it).
  let wakeLock: { release(): Promise<void> } | undefined;
  const keepAwake = async () => {
    try { wakeLock = await (navigator as Navigator & { wakeLock?: { request(t: 'screen'): Promise<{ release(): Promise<void> }> } }).wakeLock?.request('screen'); } catch { /* not allowed here */ }
  };
  void keepAwake();
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible' && !wakeLock) void keepAwake(); });

  // The QR code of the site in the deck's language: SITE_URL when set, else this address.
  void drawQrCodes(siteAddress(deck), (url) => fill('qrLabel', { url }));

  show(fromHash(), { broadcast: false });
}
