/**
 * `npm run review:export`: the reviewers' proposals as a report (Markdown) and
 * a patch against content/ (unified diff: `git apply` or `patch -p1` from the
 * folder that holds content/), and the reviewed-state files of the pages whose
 * every Khmer paragraph is approved (./reviewedState.ts). Pure but for
 * `writeExport`.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type { Partner } from '../../domain/partners';
import { applyProposals, unifiedDiff, type Proposal, type Refusal } from './patch';
import { phnomPenhDay, phnomPenhTime, stateFilePath, stateFileText, parseState, stateMatches, type ReviewedState } from './reviewedState';
import { unitStatus } from './status';
import type { ReviewMark } from './store';
import { loadUnit, type Reader, type Unit } from './units';

export interface ExportInput {
  root: string;
  read: Reader;
  units: Unit[];
  marks: ReviewMark[];
  partners: readonly Partner[];
  now: Date;
  /** Existing state files, relative to the content folder, with their text. */
  existingStates: Map<string, string>;
}

interface Entry extends Proposal { unitTitle: string; kind: string; label?: string; en: string | null; kmNow: string | null; kmThen: string; mark: ReviewMark }

export interface ExportResult {
  report: string;
  patch: string;
  inPatch: number;
  leftOut: number;
  /** State files to write (path → text) and to remove (no longer true of the content). */
  writeStates: Map<string, string>;
  removeStates: string[];
  complete: string[];
}

const REASONS: Record<Refusal | 'old_text', string> = {
  gone: 'the paragraph is no longer on the page (its English changed, or it was removed)',
  changed: 'the Khmer changed after the proposal was made',
  old_text: 'the Khmer changed after the proposal was made',
  not_located: 'the text could not be found in its file: edit by hand',
  breaks_structure: 'the new text would change the page\'s structure (a blank line, a list or heading marker): edit by hand',
};

const quote = (text: string | null) => (text ?? '(none)').split('\n').map((l) => `> ${l}`).join('\n');
const time = (iso: string) => `${phnomPenhTime(iso)} (Phnom Penh)`;

export function buildExport(input: ExportInput): ExportResult {
  const orgName = (id: string) => input.partners.find((p) => p.id === id)?.name.en ?? id;
  const entries: Entry[] = [];
  const leftOutOld: { entry: Entry; reason: string }[] = [];
  const writeStates = new Map<string, string>();
  const complete: string[] = [];
  const validStates = new Set<string>();
  for (const unit of input.units) {
    const { summary, statuses } = unitStatus(unit, input.marks);
    const unitTitle = `${unit.id} — ${unit.title.km}${unit.title.en ? ` (${unit.title.en})` : ''}`;
    for (const p of unit.paragraphs) {
      const status = statuses.get(p.id)!;
      if (status.state === 'proposed') {
        entries.push({ unit: unit.id, paragraphId: p.id, kmHash: p.kmHash, text: status.latest!.proposal ?? '', unitTitle, kind: p.kind, label: p.label, en: p.en, kmNow: p.km, kmThen: status.latest!.km_text, mark: status.latest! });
      }
    }
    // Proposals whose paragraph changed or went since: the latest judgement of that paragraph id is a proposal of other text.
    const latestById = new Map<string, ReviewMark>();
    for (const m of input.marks) if (m.unit === unit.id) latestById.set(m.paragraph_id, m);
    for (const [id, mark] of latestById) {
      const p = unit.paragraphs.find((q) => q.id === id);
      if (mark.verdict !== 'proposed' || (p && p.kmHash === mark.km_hash)) continue;
      if (p && statuses.get(id)!.state !== 'open') continue;
      const entry = { unit: unit.id, paragraphId: id, kmHash: mark.km_hash, text: mark.proposal ?? '', unitTitle, kind: p?.kind ?? '?', label: p?.label, en: p?.en ?? null, kmNow: p?.km ?? null, kmThen: mark.km_text, mark };
      leftOutOld.push({ entry, reason: REASONS[p ? 'old_text' : 'gone'] });
    }
    if (summary.complete) {
      const orgs = [...new Set(summary.approvers.map((a) => a.orgId))].sort();
      const state: ReviewedState = {
        unit: unit.id, locale: 'km', reviewedAt: phnomPenhDay(summary.lastApprovalAt!),
        organisations: orgs.map((id) => ({ id, name: input.partners.find((p) => p.id === id)?.name ?? { en: id, km: id } })),
        paragraphs: Object.fromEntries(unit.paragraphs.map((p) => [p.id, p.kmHash])),
      };
      const path = stateFilePath(unit.id);
      validStates.add(path);
      complete.push(unit.id);
      if (input.existingStates.get(path) !== stateFileText(state)) writeStates.set(path, stateFileText(state));
    }
  }
  // A state file stays while it is still true of the content (e.g. approved in another database); else it goes.
  const removeStates = [...input.existingStates.entries()].filter(([path, text]) => {
    if (validStates.has(path)) return false;
    const state = parseState(text);
    const unit = state && loadUnit(state.unit, input.read);
    return !(state && unit && stateFilePath(unit.id) === path && stateMatches(unit, state));
  }).map(([path]) => path);

  const applied = applyProposals(input.read, entries);
  const prefix = basename(input.root);
  const patch = [...applied.files.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([file, [before, after]]) => unifiedDiff(`${prefix}/${file}`, before, after)).join('');
  const order = (e: Entry) => input.units.findIndex((u) => u.id === e.unit);
  const refused = [...applied.refused.map((r) => ({ entry: r.proposal, reason: REASONS[r.reason] })), ...leftOutOld].sort((a, b) => order(a.entry) - order(b.entry));

  const by = (m: ReviewMark) => `${m.email ?? m.user_id} (${orgName(m.org_id)}), ${time(m.at)}`;
  const where = (e: Entry) => `\`${e.paragraphId}\` · ${e.kind}${e.label ? ` · ${e.label}` : ''}`;
  const lines: string[] = [
    `# Review of the Khmer text: export of ${time(input.now.toISOString())}`,
    '',
    `- Proposals in the patch: ${applied.applied.length}${applied.applied.length ? ' (`content.patch`: apply it from the folder that holds `content/`, with `git apply content.patch` or `patch -p1 < content.patch`, then rebuild)' : ''}.`,
    `- Proposals left out: ${refused.length}.`,
    `- Pages with every Khmer paragraph approved: ${complete.length} (their state files are in \`content/reviews/km/\`: commit them; the pages say "reviewed by a native speaker" after the next build).`,
    '',
    'This report names staff by e-mail: keep it among the maintainers; do not commit it.',
    '',
  ];
  const section = (title: string, list: { entry: Entry; reason?: string }[]) => {
    lines.push(`## ${title}`, '');
    if (!list.length) lines.push('None.', '');
    let unit = '';
    for (const { entry: e, reason } of list) {
      if (e.unitTitle !== unit) { unit = e.unitTitle; lines.push(`### ${unit}`, ''); }
      lines.push(`#### ${where(e)}`, '');
      if (reason) lines.push(`Left out: ${reason}.`, '');
      lines.push('English:', '', quote(e.en), '', reason && e.kmNow !== e.kmThen ? 'Khmer when the proposal was made:' : 'Khmer now:', '', quote(reason && e.kmNow !== e.kmThen ? e.kmThen : e.kmNow), '');
      if (reason && e.kmNow !== null && e.kmNow !== e.kmThen) lines.push('Khmer now:', '', quote(e.kmNow), '');
      lines.push('Proposed:', '', quote(e.text), '');
      if (e.mark.note) lines.push(`Note: ${e.mark.note.replace(/\n/g, ' ')}`, '');
      lines.push(`By ${by(e.mark)}.`, '');
    }
  };
  section('Proposals in the patch', applied.applied.map((entry) => ({ entry })));
  section('Proposals left out', refused);
  lines.push('## Pages with every Khmer paragraph approved', '');
  if (!complete.length) lines.push('None.', '');
  for (const id of complete) {
    const unit = input.units.find((u) => u.id === id)!;
    const { summary } = unitStatus(unit, input.marks);
    lines.push(`- ${id}: ${summary.total} paragraphs, approved by ${summary.approvers.map((a) => `${a.email ?? '?'} (${orgName(a.orgId)})`).join(', ')}; last on ${time(summary.lastApprovalAt!)}`);
  }
  if (removeStates.length) lines.push('', `State files removed (the content changed since the approval): ${removeStates.map((p) => `\`content/${p}\``).join(', ')}.`);
  lines.push('');
  return { report: lines.join('\n'), patch, inPatch: applied.applied.length, leftOut: refused.length, writeStates, removeStates, complete };
}

/** Every state file under content/reviews/km/, relative to the content folder. */
export function existingStateFiles(root: string, read: Reader): Map<string, string> {
  const found = new Map<string, string>();
  const dir = join(root, 'reviews/km');
  let files: string[] = [];
  try { files = readdirSync(dir, { recursive: true, encoding: 'utf8' }); } catch { return found; }
  for (const file of files.filter((f) => f.endsWith('.json')).sort()) {
    const path = relative(root, join(dir, file)).split('\\').join('/');
    const text = read(path);
    if (text !== undefined) found.set(path, text);
  }
  return found;
}

export function writeExport(root: string, outDir: string, result: ExportResult): void {
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'report.md'), result.report);
  writeFileSync(join(outDir, 'content.patch'), result.patch);
  for (const [path, text] of result.writeStates) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  for (const path of result.removeStates) rmSync(join(root, path), { force: true });
}
