/** Presenter decks from content/sessions, parsed into slides (a bad deck fails the build, naming the file). */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Locale } from '../domain/locales';
import { parseDeck, type Slide } from '../domain/decks';
import { splitEntryId } from './content';

export interface Deck { slug: string; entry: CollectionEntry<'sessions'>; slides: Slide[] }

export async function decksOf(locale: Locale): Promise<Deck[]> {
  const entries = await getCollection('sessions', (e) => splitEntryId(e.id).locale === locale);
  const order = ['safe-migration', 'trafficking-signs', 'child-labour', 'getting-help'];
  return entries
    .map((entry) => {
      const slug = splitEntryId(entry.id).slug;
      return { slug, entry, slides: parseDeck(entry.body ?? '', `content/sessions/${entry.id}.md`) };
    })
    .sort((a, b) => (order.indexOf(a.slug) + 1 || 99) - (order.indexOf(b.slug) + 1 || 99) || a.slug.localeCompare(b.slug));
}
