/**
 * Presenter mode: "Read this slide aloud" in the deck's menu, for the
 * volunteer who wants it. The phone's (or laptop's) own voice for the deck's
 * language reads the slide on screen, sentence by sentence, highlighted on the
 * slide; pressing again, moving to another slide or quick exit stops it.
 * Offered only when there is a voice for the language. Loaded lazily by the
 * deck page; the presenter's own code does not need to know about it.
 */
import { languageOf } from '../domain/readAloud';
import { DEFAULT_LOCALE } from '../domain/locales';
import { collectSentences, createReader, findVoice, type Reader } from './readAloud';

export async function startReadSlide(doc: Document = document): Promise<void> {
  const button = doc.querySelector<HTMLButtonElement>('[data-read-slide]');
  const deck = doc.querySelector<HTMLElement>('.deck');
  if (!button || !deck) return;
  const language = languageOf(doc.documentElement.lang || DEFAULT_LOCALE);
  const voice = await findVoice(language);
  doc.documentElement.dataset.listenVoice = voice ? 'yes' : 'no';
  if (!voice) return; // no voice for the deck's language: the menu does not offer it
  const label = button.textContent ?? '';
  let reader: Reader | undefined;
  let reading: HTMLElement | undefined;

  const render = (r: Reader) => {
    const on = r.state !== 'stopped';
    button.textContent = on ? button.dataset.stopLabel ?? label : label;
    button.setAttribute('aria-pressed', String(on));
    if (!on) reading = undefined;
  };
  const currentSlide = () => [...deck.querySelectorAll<HTMLElement>('.slide')].find((s) => !s.hidden);

  button.addEventListener('click', () => {
    if (reader && reader.state !== 'stopped') { reader.stop(); return; }
    const slide = currentSlide();
    if (!slide) return;
    // The slide's title and points; on the last slide also the hotlines (never the QR code).
    const parts = [...slide.querySelectorAll('.slide-text')];
    reading = slide;
    reader = createReader(collectSentences(parts, language), { voice, onChange: render });
    reader.play();
    button.closest('details')?.removeAttribute('open');
  });
  // Another slide: stop reading the one that has gone.
  new MutationObserver(() => { if (reading?.hidden) reader?.stop(); }).observe(deck, { subtree: true, attributes: true, attributeFilter: ['hidden'] });
  button.hidden = false;
}
