/**
 * Presenter decks: Markdown after the frontmatter, slides separated by a line
 * `---`; each slide a `# Title`, an optional `Icon: name`, short bullets, then
 * optional `Notes:` (for the volunteer) and `Questions:` (for the room).
 */
export const DECK_ICONS = ['passport', 'contract', 'money', 'warning', 'phone', 'family', 'child', 'school', 'work', 'home', 'bus', 'handshake', 'question', 'shield', 'document', 'chat'] as const;
export type DeckIcon = (typeof DECK_ICONS)[number];

export interface Slide {
  title: string;
  icon?: DeckIcon;
  /** Plain lines: bullets (without the "- ") or paragraphs. */
  points: string[];
  notes: string;
  questions: string[];
}

export function parseDeck(markdown: string, file = 'deck'): Slide[] {
  const parts = markdown.split(/^---\s*$/m).map((p) => p.trim()).filter(Boolean);
  return parts.map((part, i) => {
    const lines = part.split('\n');
    const titleLine = lines.findIndex((l) => /^#\s+/.test(l));
    if (titleLine < 0) throw new Error(`${file}: slide ${i + 1} has no "# Title"`);
    let section: 'points' | 'notes' | 'questions' = 'points';
    const slide: Slide = { title: lines[titleLine]!.replace(/^#\s+/, '').trim(), points: [], notes: '', questions: [] };
    for (const raw of lines.slice(titleLine + 1)) {
      const line = raw.trim();
      if (!line) continue;
      const icon = /^Icon:\s*(\S+)$/i.exec(line);
      if (icon) {
        if (!(DECK_ICONS as readonly string[]).includes(icon[1]!)) throw new Error(`${file}: slide ${i + 1}: unknown icon "${icon[1]}"`);
        slide.icon = icon[1] as DeckIcon;
        continue;
      }
      if (/^Notes:\s*$/i.test(line)) { section = 'notes'; continue; }
      if (/^Questions:\s*$/i.test(line)) { section = 'questions'; continue; }
      const item = line.replace(/^[-*]\s+/, '');
      if (section === 'points') slide.points.push(item);
      else if (section === 'notes') slide.notes = slide.notes ? `${slide.notes} ${item}` : item;
      else slide.questions.push(item);
    }
    return slide;
  });
}

/** `**bold**` in a slide line, as HTML-safe pieces. */
export function inlineParts(text: string): { text: string; strong: boolean }[] {
  return text.split(/(\*\*[^*]+\*\*)/).filter(Boolean).map((t) => (t.startsWith('**') ? { text: t.slice(2, -2), strong: true } : { text: t, strong: false }));
}
