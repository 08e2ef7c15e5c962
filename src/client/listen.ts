/**
 * The "Listen" control of articles and self-checks (src/components/Listen.astro),
 * loaded after the page's `load` event so it costs nothing before it. It is
 * shown only when the phone has a voice for the page's language; where it has
 * none, a short note says how to add one, until the person closes it (once
 * closed, never again on this phone). Pages with a recording also get their
 * "save for offline listening" button from here (recordings.ts), and articles
 * their Share button (share.ts).
 */
import { SPEEDS, languageOf } from '../domain/readAloud';
import { collectSentences, createReader, findVoice, whenVoiceArrives, type Reader } from './readAloud';
import { initRecordings } from './recordings';
import { initShare } from './share';

/** What this module keeps on the phone: the chosen speed and a closed note. */
const PREFS_KEY = 'sj-listen';
interface Prefs { rate?: number; noteClosed?: boolean }
function readPrefs(): Prefs {
  try { return JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}') as Prefs; } catch { return {}; }
}
function writePrefs(change: Prefs): void {
  try { localStorage.setItem(PREFS_KEY, JSON.stringify({ ...readPrefs(), ...change })); } catch { /* storage may be off */ }
}

export async function initListen(doc: Document = document): Promise<void> {
  // Small enough to come with this module: one request after `load`, none before.
  if (doc.querySelector('[data-recording]')) void initRecordings(doc);
  if (doc.querySelector('[data-share]')) initShare(doc);
  const controls = [...doc.querySelectorAll<HTMLElement>('[data-listen]')];
  if (!controls.length) return;
  const language = languageOf(doc.documentElement.lang);
  const voice = await findVoice(language);
  // What the page found, for its styles and the tests: a voice, or none.
  doc.documentElement.dataset.listenVoice = voice ? 'yes' : 'no';
  const notes = [...doc.querySelectorAll<HTMLElement>('[data-listen-note]')];
  if (!voice) {
    // A voice that comes later (the engine was slow, or one was just installed) brings the control.
    whenVoiceArrives(language, (late) => {
      doc.documentElement.dataset.listenVoice = 'yes';
      notes.forEach((note) => { note.hidden = true; });
      for (const control of controls) bindControl(control, late, language);
    });
    // No voice for this language: the note on adding one, unless closed before. Without
    // speechSynthesis at all (some in-app browsers) a voice would not help: nothing is shown.
    if (!('speechSynthesis' in window) || readPrefs().noteClosed) return;
    for (const note of notes) {
      note.hidden = false;
      note.querySelector('[data-listen-note-close]')?.addEventListener('click', () => {
        writePrefs({ noteClosed: true });
        note.hidden = true;
        // Focus would otherwise fall to the top of the page.
        (note.closest('main') as HTMLElement | null)?.focus({ preventScroll: true });
      });
    }
    return;
  }
  for (const control of controls) bindControl(control, voice, language);
}

function bindControl(control: HTMLElement, voice: SpeechSynthesisVoice, language: string): void {
  const $ = <T extends HTMLElement>(selector: string) => control.querySelector<T>(selector)!;
  const start = $('[data-listen-start]');
  const panel = $('[data-listen-controls]');
  const pause = $('[data-listen-pause]');
  const back = $('[data-listen-back]');
  const stop = $('[data-listen-stop]');
  const speeds = [...control.querySelectorAll<HTMLButtonElement>('[data-rate]')];
  const saved = readPrefs().rate;
  let rate: number = SPEEDS.find((s) => s === saved) ?? 1;
  let reader: Reader | undefined;

  const root = document.documentElement;
  // While reading, the controls are fixed at the bottom: the offline bar moves up above them (Listen.astro's CSS).
  const barHeight = new ResizeObserver(() => root.style.setProperty('--listen-bar-height', `${panel.offsetHeight}px`));
  const render = (r: Reader) => {
    const active = r.state !== 'stopped';
    control.classList.toggle('is-active', active);
    root.classList.toggle('listening', active);
    start.hidden = active;
    panel.hidden = !active;
    if (active) barHeight.observe(panel);
    else barHeight.disconnect();
    pause.dataset.state = r.state;
    pause.querySelector('[data-label]')!.textContent = (r.state === 'paused' ? pause.dataset.resume : pause.dataset.pause) ?? '';
    back.toggleAttribute('disabled', r.index === 0 && r.state === 'playing');
    if (!active && panel.contains(document.activeElement)) start.focus();
  };
  const showRate = () => speeds.forEach((b) => b.setAttribute('aria-pressed', String(Number(b.dataset.rate) === rate)));

  start.addEventListener('click', () => {
    const roots = [...document.querySelectorAll(control.dataset.listenRead ?? 'main')];
    reader?.stop();
    reader = createReader(collectSentences(roots, language), { voice, rate, onChange: render });
    reader.play();
    pause.focus();
  });
  pause.addEventListener('click', () => { if (reader?.state === 'playing') reader.pause(); else reader?.play(); });
  back.addEventListener('click', () => reader?.back());
  stop.addEventListener('click', () => reader?.stop());
  for (const button of speeds) {
    button.addEventListener('click', () => {
      rate = Number(button.dataset.rate);
      writePrefs({ rate });
      showRate();
      reader?.setRate(rate);
    });
  }
  showRate();
  control.hidden = false;
}
