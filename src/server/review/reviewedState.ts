/**
 * The reviewed-state files: `content/reviews/km/<collection>/<slug>.json`,
 * written by `npm run review:export` for a page whose every Khmer paragraph is
 * approved, and committed by the maintainer. The build reads them (the
 * ReviewNote component) and shows "reviewed by a native speaker" only while
 * every paragraph of the page still has the Khmer text that was approved: the
 * file lists each paragraph's id and the hash of its approved text, and a page
 * edited since falls back to the draft notice by itself.
 * The files name organisations, never people.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { folderReader, loadUnit, type Unit } from './units';

export interface ReviewedState {
  unit: string;
  locale: 'km';
  /** The day (Phnom Penh) of the last approval that completed the page: YYYY-MM-DD. */
  reviewedAt: string;
  organisations: { id: string; name: { en: string; km: string } }[];
  /** Paragraph id → hash of the approved Khmer text. */
  paragraphs: Record<string, string>;
}

export const stateFilePath = (unitId: string) => `reviews/km/${unitId}.json`;

/** YYYY-MM-DD in Phnom Penh (UTC+7, no daylight saving). */
export const phnomPenhDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);
/** YYYY-MM-DD HH:MM in Phnom Penh, for the maintainers' tools. */
export const phnomPenhTime = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');

/** The file's text: stable key order, one paragraph a line, so that a diff of two exports reads well. */
export function stateFileText(state: ReviewedState): string {
  const ordered = { unit: state.unit, locale: state.locale, reviewedAt: state.reviewedAt, organisations: state.organisations, paragraphs: Object.fromEntries(Object.entries(state.paragraphs).sort(([a], [b]) => a.localeCompare(b))) };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export function parseState(text: string): ReviewedState | undefined {
  try {
    const data = JSON.parse(text) as ReviewedState;
    if (typeof data.unit !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(data.reviewedAt) || !data.paragraphs || typeof data.paragraphs !== 'object' || !Array.isArray(data.organisations)) return undefined;
    return data;
  } catch {
    return undefined;
  }
}

/** True when the state covers the unit exactly as it is now: every paragraph, each with its approved text. */
export function stateMatches(unit: Unit, state: ReviewedState): boolean {
  return state.unit === unit.id && unit.paragraphs.length > 0 && unit.paragraphs.every((p) => state.paragraphs[p.id] === p.kmHash);
}

/**
 * The page a site address shows, as a review unit: `/km/<subject>/<slug>/` an
 * article, `/km/checks/<slug>/` a self-check, `/km/<slug>/` a page (about,
 * staying safe). Undefined for anything else.
 */
export function unitOfPath(pathname: string): string | undefined {
  const parts = pathname.split('/').filter(Boolean);
  if (parts.length === 3 && parts[1] === 'checks') return `selfchecks/${parts[2]}`;
  if (parts.length === 3) return `topics/${parts[2]}`;
  if (parts.length === 2) return `pages/${parts[1]}`;
  return undefined;
}

/** For the build: the review of the page at this address, if its state file still matches the content. */
export function reviewedPage(root: string, pathname: string): ReviewedState | undefined {
  const unitId = unitOfPath(pathname);
  if (!unitId) return undefined;
  const path = join(root, stateFilePath(unitId));
  if (!existsSync(path)) return undefined;
  const state = parseState(readFileSync(path, 'utf8'));
  const unit = loadUnit(unitId, folderReader(root));
  return state && unit && stateMatches(unit, state) ? state : undefined;
}
