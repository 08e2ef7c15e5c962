/**
 * Presenting a deck: arrow keys, Page Up/Down, Space (what presentation
 * clickers send), Home/End, a finger drag sideways and buttons; the slide
 * number in the hash (a reload keeps the place); each slide's type fitted to
 * the space it has (slideFit.ts); controls that fade when idle
 * (idleChrome.ts); notes in a panel of their own, and only in the presenter
 * view while one is open (a second window kept in step with
 * BroadcastChannel); `Q` to the QR slide and back; the screen kept awake; the
 * QR code of the site drawn here, offline.
 */
import { drawQrCodes, siteAddress } from './qr';
import { fillPlaceholders, type PlaceholderValues } from '../i18n/placeholders';
import { localDigits } from '../i18n/format';
import { DEFAULT_LOCALE, isLocale } from '../domain/locales';
import { fitSlide, forgetFits } from './slideFit';
import { startIdleChrome } from './idleChrome';

/** A finger drag this far sideways (px) moves a slide, however slowly it is made. */
const SWIPE_PX = 50;
/**
 * The presenter view says it is open this often (ms), and when it closes. The
 * audience window forgets it only after missing several (a background
 * window's timers may run once a minute).
 */
const HEARTBEAT_MS = 20_000;
const PRESENTER_GONE_MS = 75_000;

interface Message {
  slide?: number;
  /** The slide `Q` returns to from the QR slide; null: none. */
  qrReturn?: number | null;
  presenter?: 'here' | 'gone';
  hello?: boolean;
}

export function startPresenter(): void {
  const deck = document.querySelector<HTMLElement>('.deck');
  if (!deck) return;
  const root = document.documentElement;
  const slides = [...deck.querySelectorAll<HTMLElement>('.slide')];
  const total = slides.length;
  const strings = JSON.parse(document.getElementById('present-strings')?.textContent ?? '{}') as Record<string, string>;
  const fill = (key: string, values: PlaceholderValues) => fillPlaceholders(strings[key] ?? '', values);
  const $ = <T extends HTMLElement>(s: string) => document.querySelector<T>(s);
  const isPresenterWindow = new URLSearchParams(location.search).get('view') === 'presenter';
  const lang = document.documentElement.lang;
  const digits = (n: number | string) => localDigits(n, isLocale(lang) ? lang : DEFAULT_LOCALE);
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel(`sj-present-${deck.dataset.deck}`) : undefined;
  const post = (message: Message) => channel?.postMessage(message);
  const menu = $<HTMLDetailsElement>('[data-menu]');
  const bar = $('[data-present-bar]');
  const notesPanel = $('[data-notes-panel]');
  let current = 1;
  let notesWanted = false;
  let presenterSeenAt = 0;
  let presenterGoneTimer: number | undefined;
  let qrReturn: number | undefined;
  const startedAt = Date.now();

  const fromHash = () => Math.min(total, Math.max(1, Number(location.hash.slice(1)) || 1));
  const presenterOpen = () => !isPresenterWindow && Date.now() - presenterSeenAt < PRESENTER_GONE_MS;
  const fitCurrent = () => { const slide = slides[current - 1]; if (slide) fitSlide(slide); };
  const copyInto = (target: HTMLElement | null, source: Element | null | undefined) => {
    target?.replaceChildren(...[...(source?.childNodes ?? [])].map((node) => node.cloneNode(true)));
  };

  /** Notes: in the presenter view always (once); here only when asked for and no presenter view is open. */
  function renderNotes() {
    const notes = slides[current - 1]?.querySelector('.notes');
    if (isPresenterWindow) {
      copyInto($('[data-current-notes]'), notes?.querySelector('.notes-text'));
      const questions = $('[data-current-questions]');
      copyInto(questions, notes?.querySelector('.notes-questions ul'));
      const questionsSection = questions?.closest<HTMLElement>('section');
      if (questionsSection) questionsSection.hidden = !questions?.childElementCount;
      const nextTitle = $('[data-next-title]');
      if (nextTitle) nextTitle.textContent = slides[current]?.querySelector('.slide-title')?.textContent ?? strings.end ?? '';
      return;
    }
    const shown = notesWanted && !presenterOpen();
    $('[data-notes]')?.setAttribute('aria-pressed', String(shown));
    if (!notesPanel) return;
    notesPanel.hidden = !(shown && notes);
    copyInto(notesPanel, shown ? notes : undefined);
    notesPanel.scrollTop = 0;
  }

  function show(n: number, { broadcast = true, keepQrReturn = false } = {}) {
    current = Math.min(total, Math.max(1, n));
    if (!keepQrReturn) qrReturn = undefined;
    slides.forEach((slide, i) => { slide.hidden = i + 1 !== current; });
    const counterText = $('[data-counter-text]');
    if (counterText) counterText.textContent = fill('counter', { n: current, total });
    const counterShort = $('[data-counter-short]');
    if (counterShort) counterShort.textContent = `${digits(current)} / ${digits(total)}`;
    if (location.hash !== `#${current}`) history.replaceState(null, '', `${location.pathname}${location.search}#${current}`);
    // The same slide in the other language.
    document.querySelectorAll<HTMLAnchorElement>('.deck-menu [data-lang-switch]').forEach((link) => { link.hash = String(current); });
    renderNotes();
    fitCurrent();
    if (broadcast) post({ slide: current, qrReturn: qrReturn ?? null });
  }

  const next = () => show(current + 1);
  const prev = () => show(current - 1);

  /** `Q`: to the QR slide, and `Q` again back to the slide she was on. */
  function toggleQr() {
    if (current === total && qrReturn !== undefined) {
      const back = qrReturn;
      qrReturn = undefined;
      show(back);
    } else if (current !== total) {
      qrReturn = current;
      show(total, { keepQrReturn: true });
    }
  }

  function toggleNotes() {
    notesWanted = !notesWanted;
    renderNotes();
    fitCurrent();
  }

  async function toggleFullscreen() {
    if (document.fullscreenElement) await document.exitFullscreen().catch(() => {});
    else await document.documentElement.requestFullscreen?.().catch(() => {});
  }

  function closeMenu({ focus = false } = {}) {
    if (!menu?.open) return;
    menu.open = false;
    if (focus) menu.querySelector<HTMLElement>('summary')?.focus();
  }

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) return;
    switch (event.key) {
      case ' ': case 'Enter':
        if (target.closest('button, a, summary')) return; // Space and Enter press the focused control
        event.preventDefault(); next(); break;
      case 'ArrowRight': case 'ArrowDown': case 'PageDown':
        event.preventDefault(); next(); break;
      case 'ArrowLeft': case 'ArrowUp': case 'PageUp': case 'Backspace':
        event.preventDefault(); prev(); break;
      case 'Home': event.preventDefault(); show(1); break;
      case 'End': event.preventDefault(); show(total); break;
      case 'n': case 'N': toggleNotes(); break;
      case 'f': case 'F': void toggleFullscreen(); break;
      case 'q': case 'Q': toggleQr(); break;
      case 'Escape': closeMenu({ focus: true }); break;
    }
  });

  // A sideways finger (or pen) drag of SWIPE_PX, fast or slow. The deck and its
  // slides have touch-action: pan-y pinch-zoom, so the browser does not take a
  // sideways drag for a pan and cancel it; zooming still works.
  let drag: { id: number; x: number; y: number } | undefined;
  deck.addEventListener('pointerdown', (e) => {
    if (e.pointerType !== 'mouse' && e.isPrimary) drag = { id: e.pointerId, x: e.clientX, y: e.clientY };
  });
  deck.addEventListener('pointerup', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    const dx = e.clientX - drag.x;
    const dy = e.clientY - drag.y;
    drag = undefined;
    if (Math.abs(dx) >= SWIPE_PX && Math.abs(dx) > Math.abs(dy)) (dx < 0 ? next : prev)();
  });
  deck.addEventListener('pointercancel', () => { drag = undefined; });

  $('[data-next]')?.addEventListener('click', next);
  $('[data-prev]')?.addEventListener('click', prev);
  $('[data-notes]')?.addEventListener('click', () => { closeMenu(); toggleNotes(); });
  $('[data-fullscreen]')?.addEventListener('click', () => { closeMenu(); void toggleFullscreen(); });
  $('[data-print]')?.addEventListener('click', () => { closeMenu(); window.print(); });
  $('[data-presenter]')?.addEventListener('click', () => {
    closeMenu();
    window.open(`${location.pathname}?view=presenter#${current}`, `sj-presenter-${deck.dataset.deck}`, 'popup,width=1280,height=720');
  });
  document.addEventListener('pointerdown', (e) => { if (menu?.open && !menu.contains(e.target as Node)) closeMenu(); });
  window.addEventListener('hashchange', () => show(fromHash()));

  channel?.addEventListener('message', (event: MessageEvent<Message>) => {
    const message = event.data ?? {};
    if (isPresenterWindow) {
      if (message.hello && !message.presenter) post({ presenter: 'here' });
    } else if (message.presenter === 'here') {
      const wasOpen = presenterOpen();
      presenterSeenAt = Date.now();
      window.clearTimeout(presenterGoneTimer);
      presenterGoneTimer = window.setTimeout(() => { renderNotes(); fitCurrent(); }, PRESENTER_GONE_MS + 100);
      if (message.hello) post({ slide: current, qrReturn: qrReturn ?? null });
      if (!wasOpen) { renderNotes(); fitCurrent(); }
      return;
    } else if (message.presenter === 'gone') {
      presenterSeenAt = 0;
      renderNotes();
      fitCurrent();
      return;
    }
    if (typeof message.slide === 'number') {
      qrReturn = message.qrReturn ?? undefined;
      if (message.slide !== current) show(message.slide, { broadcast: false, keepQrReturn: true });
    }
  });

  if (isPresenterWindow) {
    root.classList.add('presenter-window');
    $('[data-presenter-panel]')!.hidden = false;
    const timer = $('[data-timer]');
    setInterval(() => {
      const s = Math.floor((Date.now() - startedAt) / 1000);
      if (timer) timer.textContent = digits(`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
    }, 1000);
    post({ presenter: 'here', hello: true });
    setInterval(() => post({ presenter: 'here' }), HEARTBEAT_MS);
    window.addEventListener('pagehide', () => post({ presenter: 'gone' }));
  } else {
    // The audience sees only the slide: the controls fade when idle (not in the presenter's own window).
    startIdleChrome(root, {
      chrome: '[data-present-bar], .offline-bar',
      keepShown: () => !!menu?.open || !!bar?.querySelector(':focus-visible'),
    });
    post({ hello: true });
  }

  // The control row's height, for the offline bar to sit just above it.
  if (bar) new ResizeObserver(() => root.style.setProperty('--present-bar-height', `${bar.offsetHeight}px`)).observe(bar);
  // Refit when the space changes (rotation, notes, full screen) and when a font arrives.
  new ResizeObserver(fitCurrent).observe(deck);
  const refit = () => { forgetFits(); fitCurrent(); };
  void document.fonts?.ready.then(refit);
  document.fonts?.addEventListener?.('loadingdone', refit);

  // Keep the screen on while presenting (where the browser allows it).
  // The browser releases the lock when the page is hidden: ask again when it is back.
  type Sentinel = { released: boolean };
  let wakeLock: Sentinel | undefined;
  const keepAwake = async () => {
    try { wakeLock = await (navigator as Navigator & { wakeLock?: { request(t: 'screen'): Promise<Sentinel> } }).wakeLock?.request('screen'); } catch { /* not allowed here */ }
  };
  void keepAwake();
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible' && (!wakeLock || wakeLock.released)) void keepAwake(); });

  // The QR code of the site in the deck's language: SITE_URL when set, else this address.
  void drawQrCodes(siteAddress(deck), (url) => fill('qrLabel', { url })).then(refit);

  show(fromHash(), { broadcast: false });
}
