import { describe, expect, it } from 'vitest';
import { inlineParts, parseDeck } from '../../src/domain/decks';

const deck = `
# Welcome
Icon: handshake

- Work abroad **safely**
- Ask questions

Notes:
Say who you are.
Say why we meet.

Questions:
- Who has family abroad?

---

# Your passport
Icon: passport
- Keep it with you
`;

describe('deck parsing', () => {
  it('reads slides, icons, points, notes and questions', () => {
    const slides = parseDeck(deck);
    expect(slides).toHaveLength(2);
    expect(slides[0]).toEqual({ title: 'Welcome', icon: 'handshake', points: ['Work abroad **safely**', 'Ask questions'], notes: 'Say who you are. Say why we meet.', questions: ['Who has family abroad?'] });
    expect(slides[1]).toMatchObject({ title: 'Your passport', icon: 'passport', points: ['Keep it with you'], notes: '', questions: [] });
  });
  it('refuses a slide without a title and an unknown icon, naming the file', () => {
    expect(() => parseDeck('- no title', 'km/x.md')).toThrow(/km\/x.md: slide 1 has no/);
    expect(() => parseDeck('# T\nIcon: rocket', 'en/y.md')).toThrow(/unknown icon "rocket"/);
  });
  it('splits bold text', () => {
    expect(inlineParts('Work **safely** now')).toEqual([{ text: 'Work ', strong: false }, { text: 'safely', strong: true }, { text: ' now', strong: false }]);
  });
});

import { validateSessionLog } from '../../src/domain/sessionLog';

describe('session log', () => {
  const ok = { id: '3b241101-e2bb-4255-8caf-4136c566a962', locale: 'km', deck: 'safe-migration', province: 'KH-14', date: '2026-11-20', people: 35, under18: 12 };
  it('accepts a session with numbers only', () => {
    expect(validateSessionLog(ok).ok).toBe(true);
  });
  it('refuses impossible numbers and dates, per field', () => {
    const r = validateSessionLog({ ...ok, people: 0, under18: -1, date: '2026-02-30', deck: 'X Y' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.path)).toEqual(['date', 'people', 'under18', 'deck']);
    const more = validateSessionLog({ ...ok, people: 10, under18: 11 });
    expect(more.ok).toBe(false);
    if (!more.ok) expect(more.errors.map((e) => e.path)).toEqual(['under18']);
  });
});
