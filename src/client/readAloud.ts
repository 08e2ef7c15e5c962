/**
 * The reader behind "Listen" (articles, self-checks) and "Read this slide
 * aloud" (presenter): the phone's own speech engine (`speechSynthesis`) reads
 * the given elements sentence by sentence in the page's language, each
 * sentence highlighted while it is read (the CSS Custom Highlight API where
 * the browser has it, else its paragraph is marked). Pause and Back stop the
 * engine and start the sentence again, which Android's engines do more
 * reliably than pause()/resume(). Nothing is sent anywhere by this code.
 */
import { pickVoice, splitSentences, type VoiceLike } from '../domain/readAloud';

/** Fired by quick exit (src/client/quickExit.ts, QUICK_EXIT_EVENT): every reader stops at once. */
export const QUICK_EXIT = 'sj:quick-exit';
const HIGHLIGHT = 'sj-listen';
const BLOCK_CLASS = 'listen-reading';
/** Blocks a sentence cannot run across. */
const BLOCKS = 'p, li, h1, h2, h3, h4, h5, h6, dt, dd, blockquote, figcaption, td, th, legend, label, summary, div, section, article, aside';
/** Never read: controls, hidden text, the reader's own buttons. */
const SKIP = '[data-listen-skip], [hidden], [aria-hidden="true"], script, style, noscript, button, select, textarea, svg, .sr-only, .no-listen';

export type ReaderState = 'playing' | 'paused' | 'stopped';

export interface Sentence {
  text: string;
  range: Range;
  block: Element;
}

export interface Reader {
  readonly state: ReaderState;
  readonly index: number;
  readonly count: number;
  play(): void;
  pause(): void;
  /** Back one sentence (or to the start of the first). */
  back(): void;
  setRate(rate: number): void;
  stop(): void;
}

export interface ReaderOptions {
  voice: SpeechSynthesisVoice;
  rate?: number;
  onChange?: (reader: Reader) => void;
}

const synth = (): SpeechSynthesis | undefined => ('speechSynthesis' in window ? window.speechSynthesis : undefined);

const voiceFor = (engine: SpeechSynthesis, language: string) =>
  pickVoice(engine.getVoices() as unknown as (SpeechSynthesisVoice & VoiceLike)[], language);

/**
 * The voice for `language`, undefined when the phone has none: at once when
 * the engine's list is there, else after its `voiceschanged` (Chrome fills
 * the list late), else after `waitMs`.
 */
export function findVoice(language: string, waitMs = 2500): Promise<SpeechSynthesisVoice | undefined> {
  const engine = synth();
  if (!engine || typeof SpeechSynthesisUtterance === 'undefined') return Promise.resolve(undefined);
  if (engine.getVoices().length) return Promise.resolve(voiceFor(engine, language));
  return new Promise((resolve) => {
    const done = () => {
      engine.removeEventListener('voiceschanged', done);
      clearTimeout(timer);
      resolve(voiceFor(engine, language));
    };
    const timer = setTimeout(done, waitMs);
    engine.addEventListener('voiceschanged', done);
  });
}

/** Calls `found` once if a voice for `language` arrives later (a voice installed, a slow engine). */
export function whenVoiceArrives(language: string, found: (voice: SpeechSynthesisVoice) => void): void {
  const engine = synth();
  if (!engine) return;
  const check = () => {
    const voice = voiceFor(engine, language);
    if (!voice) return;
    engine.removeEventListener('voiceschanged', check);
    found(voice);
  };
  engine.addEventListener('voiceschanged', check);
}

/** The sentences of `roots`, in document order, each with the DOM range it covers. */
export function collectSentences(roots: readonly Element[], language: string): Sentence[] {
  const sentences: Sentence[] = [];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => (node.parentElement?.closest(SKIP) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
    });
    // Text nodes grouped by the block they sit in; a sentence never crosses blocks.
    let group: { block: Element; nodes: { node: Text; start: number }[]; text: string } | undefined;
    const flush = () => {
      if (!group) return;
      const { block, nodes, text } = group;
      const at = (offset: number, end: boolean) => {
        let i = nodes.length - 1;
        while (i > 0 && (end ? nodes[i]!.start >= offset : nodes[i]!.start > offset)) i -= 1;
        return { node: nodes[i]!.node, offset: offset - nodes[i]!.start };
      };
      for (const span of splitSentences(text, language)) {
        const range = document.createRange();
        const from = at(span.start, false);
        const to = at(span.end, true);
        range.setStart(from.node, from.offset);
        range.setEnd(to.node, to.offset);
        sentences.push({ text: text.slice(span.start, span.end).replace(/\s+/g, ' '), range, block });
      }
      group = undefined;
    };
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const block = node.parentElement?.closest(BLOCKS) ?? root;
      if (group && group.block !== block) flush();
      group ??= { block, nodes: [], text: '' };
      group.nodes.push({ node, start: group.text.length });
      group.text += node.data;
    }
    flush();
  }
  return sentences;
}

function highlight(sentence: Sentence | undefined): void {
  const registry = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS?.highlights;
  const Highlight = (globalThis as { Highlight?: new (...ranges: Range[]) => unknown }).Highlight;
  document.querySelectorAll(`.${BLOCK_CLASS}`).forEach((el) => el.classList.remove(BLOCK_CLASS));
  if (registry && Highlight) {
    if (sentence) registry.set(HIGHLIGHT, new Highlight(sentence.range));
    else registry.delete(HIGHLIGHT);
  } else if (sentence) {
    sentence.block.classList.add(BLOCK_CLASS);
  }
  if (!sentence) return;
  const box = sentence.range.getBoundingClientRect();
  // Keep it in view: below the quick-exit bar, above the reading controls at the bottom.
  const bottomBar = parseFloat(getComputedStyle(document.documentElement).getPropertyValue('--listen-bar-height')) || 0;
  if (box.top < 80 || box.bottom > window.innerHeight - bottomBar - 16) {
    const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    window.scrollTo({ top: window.scrollY + box.top - window.innerHeight / 3, behavior: reduce ? 'auto' : 'smooth' });
  }
}

/** Readers alive on this page: quick exit and leaving the page stop them all. */
const readers = new Set<Reader>();
function stopAll() { for (const r of readers) r.stop(); synth()?.cancel(); }
let listening = false;
function listenForExit() {
  if (listening) return;
  listening = true;
  window.addEventListener(QUICK_EXIT, stopAll);
  window.addEventListener('pagehide', stopAll);
}

export function createReader(sentences: readonly Sentence[], { voice, rate = 1, onChange }: ReaderOptions): Reader {
  const engine = synth();
  let state: ReaderState = 'stopped';
  let index = 0;
  let speed = rate;
  /** The utterance being spoken: events from any other (cancelled) one are ignored. */
  let current: SpeechSynthesisUtterance | undefined;
  let startTimer: ReturnType<typeof setTimeout> | undefined;

  const changed = () => onChange?.(reader);
  const silence = () => {
    clearTimeout(startTimer);
    current = undefined;
    engine?.cancel();
  };

  function speak(i: number) {
    const sentence = sentences[i];
    if (!engine || !sentence) { finish(); return; }
    index = i;
    highlight(sentence);
    const utterance = new SpeechSynthesisUtterance(sentence.text);
    utterance.voice = voice;
    utterance.lang = voice.lang;
    utterance.rate = speed;
    utterance.onend = () => {
      if (current !== utterance || state !== 'playing') return;
      if (index + 1 < sentences.length) { speak(index + 1); changed(); } else finish();
    };
    utterance.onerror = (event) => {
      if (current !== utterance) return;
      if (event.error === 'interrupted' || event.error === 'canceled') return;
      finish();
    };
    current = utterance;
    engine.speak(utterance);
  }

  /** Cancel what is being said, then say sentence i (a moment later: some engines drop a speak() right after cancel()). */
  function restartAt(i: number) {
    const wasSpeaking = current !== undefined;
    silence();
    state = 'playing';
    index = Math.max(0, Math.min(i, sentences.length - 1));
    highlight(sentences[index]);
    if (wasSpeaking) startTimer = setTimeout(() => { if (state === 'playing') speak(index); }, 60);
    else speak(index);
    changed();
  }

  function finish() {
    silence();
    state = 'stopped';
    index = 0;
    highlight(undefined);
    readers.delete(reader);
    changed();
  }

  const reader: Reader = {
    get state() { return state; },
    get index() { return index; },
    get count() { return sentences.length; },
    play() {
      if (!sentences.length) return;
      readers.add(reader);
      listenForExit();
      restartAt(state === 'stopped' ? 0 : index);
    },
    pause() {
      if (state !== 'playing') return;
      silence();
      state = 'paused';
      changed();
    },
    back() {
      if (state === 'stopped') return;
      if (state === 'playing') { restartAt(index - 1); return; }
      // Paused: move the place back without a sound; Continue reads from there.
      index = Math.max(0, index - 1);
      highlight(sentences[index]);
      changed();
    },
    setRate(value: number) {
      speed = value;
      if (state === 'playing') restartAt(index);
    },
    stop() {
      if (state !== 'stopped') finish();
    },
  };
  return reader;
}
