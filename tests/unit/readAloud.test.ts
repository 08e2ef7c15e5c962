/** Reading aloud: the sentences a page is read in, and the voice chosen for its language. */
import { afterEach, describe, expect, it } from 'vitest';
import { languageOf, pickVoice, splitSentences, voiceSpeaks, type VoiceLike } from '../../src/domain/readAloud';
import { QUICK_EXIT } from '../../src/client/readAloud';
import { QUICK_EXIT_EVENT } from '../../src/client/quickExit';

const texts = (text: string, language: string) => splitSentences(text, language).map(({ start, end }) => text.slice(start, end));

describe('splitSentences', () => {
  it('splits Khmer after ។ and ?, trimmed', () => {
    const text = 'ទុកលិខិតឆ្លងដែនរបស់អ្នកនៅជាមួយខ្លួន។ កុំប្រគល់វាឱ្យមេខ្យល់ ឬនិយោជក។  តើអ្នកបានទទួលកិច្ចសន្យាឬទេ? ហៅលេខ 1280';
    expect(texts(text, 'km')).toEqual([
      'ទុកលិខិតឆ្លងដែនរបស់អ្នកនៅជាមួយខ្លួន។',
      'កុំប្រគល់វាឱ្យមេខ្យល់ ឬនិយោជក។',
      'តើអ្នកបានទទួលកិច្ចសន្យាឬទេ?',
      'ហៅលេខ 1280',
    ]);
  });

  it('keeps English abbreviations and decimals inside their sentence', () => {
    expect(texts('The ILO (e.g. the U.N. agency) warns. Call 1280! Is it 3.5 km? Yes', 'en')).toEqual([
      'The ILO (e.g. the U.N. agency) warns.', 'Call 1280!', 'Is it 3.5 km?', 'Yes',
    ]);
  });

  it('reads a list number with the sentence it numbers', () => {
    expect(texts('1. Has anyone asked you to pay? 12. Did you get a contract?', 'en')).toEqual(['1. Has anyone asked you to pay?', '12. Did you get a contract?']);
    expect(texts('១. តើអ្នកបានទទួលកិច្ចសន្យាឬទេ?', 'km')).toEqual(['១. តើអ្នកបានទទួលកិច្ចសន្យាឬទេ?']);
  });

  it('drops pieces with nothing to say and gives offsets into the text', () => {
    const text = '  Hello.   …  \n Bye. ';
    const spans = splitSentences(text, 'en');
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual(['Hello.', 'Bye.']);
    expect(spans[0]).toEqual({ start: 2, end: 8 });
  });

  describe('without Intl.Segmenter (older browsers)', () => {
    const original = Intl.Segmenter;
    afterEach(() => { (Intl as { Segmenter?: unknown }).Segmenter = original; });
    it('splits after ។ ៕ . ! ? and keeps the rest', () => {
      (Intl as { Segmenter?: unknown }).Segmenter = undefined;
      expect(texts('ទីមួយ។ ទីពីរ៕ Third one. Fourth? 3.5 stays whole', 'km')).toEqual(['ទីមួយ។', 'ទីពីរ៕', 'Third one.', 'Fourth?', '3.5 stays whole']);
    });
  });
});

describe('pickVoice', () => {
  const voice = (lang: string, name: string, localService = true, isDefault = false): VoiceLike => ({ lang, name, localService, default: isDefault });

  it('finds a voice by the language part of its tag, in any spelling', () => {
    expect(voiceSpeaks(voice('km-KH', 'a'), 'km')).toBe(true);
    expect(voiceSpeaks(voice('km_KH', 'a'), 'km')).toBe(true);
    expect(voiceSpeaks(voice('KM', 'a'), 'km')).toBe(true);
    expect(voiceSpeaks(voice('kn-IN', 'Kannada'), 'km')).toBe(false);
    expect(voiceSpeaks(voice('kmr', 'Kurmanji'), 'km')).toBe(false);
  });

  it('has none when the phone has no voice for the language', () => {
    expect(pickVoice([voice('en-US', 'English'), voice('th-TH', 'Thai')], 'km')).toBeUndefined();
    expect(pickVoice([], 'en')).toBeUndefined();
  });

  it('prefers a voice on the phone to one on the network, then the default', () => {
    const network = voice('en-US', 'Online', false, true);
    const local = voice('en-GB', 'Local');
    const localDefault = voice('en-AU', 'Local default', true, true);
    expect(pickVoice([network, local], 'en')).toBe(local);
    expect(pickVoice([network, local, localDefault], 'en')).toBe(localDefault);
    expect(pickVoice([network], 'en')).toBe(network);
  });

  it('reads the language of a page', () => {
    expect(languageOf('km')).toBe('km');
    expect(languageOf('en-GB')).toBe('en');
  });
});

describe('quick exit', () => {
  it('uses the event the reader listens for', () => {
    expect(QUICK_EXIT).toBe(QUICK_EXIT_EVENT);
  });
});
