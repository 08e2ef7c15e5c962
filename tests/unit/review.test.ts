/**
 * The review of the Khmer text, without a database: paragraph ids that stay put,
 * pairing with the English, proposals written back exactly (or refused), the
 * unified diff, what counts as approved, and the reviewed-state check.
 */
import { describe, expect, it } from 'vitest';
import { loadUnit, alignBlocks, type Reader } from '../../src/server/review/units';
import { markdownBlocks } from '../../src/server/review/markdown';
import { applyProposals, unifiedDiff } from '../../src/server/review/patch';
import { normaliseProposal, paragraphId } from '../../src/server/review/paragraph';
import { jsonStrings, khmerScalars } from '../../src/server/review/scalars';
import { unitStatus } from '../../src/server/review/status';
import { stateMatches, unitOfPath, type ReviewedState } from '../../src/server/review/reviewedState';
import type { ReviewMark } from '../../src/server/review/store';

const front = (title: string, summary: string) => `---\ntitle: "${title}"\nsummary: "${summary}"\ntopic: migration\n---\n`;
const EN = `${front('Before you go', 'Plan with care.')}Intro paragraph.\n\n## Ask first\n\n- What is the job?\n- Who pays?\n\nWrite it down.\n`;
const KM = `${front('មុនពេលចេញដំណើរ', 'រៀបចំផែនការ។')}កថាខណ្ឌណែនាំ។\n\n## សួរជាមុន\n\n- ការងារអ្វី?\n- នរណាបង់?\n\nសរសេរទុក។\n`;

const files = (extra: Record<string, string> = {}): Reader => {
  const all: Record<string, string> = { 'topics/en/x.md': EN, 'topics/km/x.md': KM, ...extra };
  return (file) => all[file];
};

describe('paragraphs of a page', () => {
  it('pairs each Khmer paragraph with its English twin, frontmatter included', () => {
    const unit = loadUnit('topics/x', files())!;
    expect(unit.paragraphs.map((p) => [p.kind, p.en, p.km])).toEqual([
      ['title', 'Before you go', 'មុនពេលចេញដំណើរ'],
      ['summary', 'Plan with care.', 'រៀបចំផែនការ។'],
      ['p', 'Intro paragraph.', 'កថាខណ្ឌណែនាំ។'],
      ['h2', 'Ask first', 'សួរជាមុន'],
      ['item', 'What is the job?', 'ការងារអ្វី?'],
      ['item', 'Who pays?', 'នរណាបង់?'],
      ['p', 'Write it down.', 'សរសេរទុក។'],
    ]);
    expect(new Set(unit.paragraphs.map((p) => p.id)).size).toBe(7);
  });

  it('keeps ids when the Khmer changes or another paragraph is added; a new English text gets a new id', () => {
    const ids = loadUnit('topics/x', files())!.paragraphs.map((p) => p.id);
    const khmerEdited = loadUnit('topics/x', files({ 'topics/km/x.md': KM.replace('សរសេរទុក។', 'សរសេរចម្លើយទុក។') }))!;
    expect(khmerEdited.paragraphs.map((p) => p.id)).toEqual(ids);
    expect(khmerEdited.paragraphs[6]!.kmHash).not.toBe(loadUnit('topics/x', files())!.paragraphs[6]!.kmHash);
    const inserted = loadUnit('topics/x', files({
      'topics/en/x.md': EN.replace('Intro paragraph.\n', 'Intro paragraph.\n\nA new one.\n'),
      'topics/km/x.md': KM.replace('កថាខណ្ឌណែនាំ។\n', 'កថាខណ្ឌណែនាំ។\n\nថ្មី។\n'),
    }))!;
    expect(inserted.paragraphs.map((p) => p.id).filter((id) => ids.includes(id))).toEqual(ids);
    const englishEdited = loadUnit('topics/x', files({ 'topics/en/x.md': EN.replace('Write it down.', 'Write the answers down.') }))!;
    expect(englishEdited.paragraphs[6]!.id).not.toBe(ids[6]);
    expect(englishEdited.paragraphs.slice(0, 6).map((p) => p.id)).toEqual(ids.slice(0, 6));
    // The rule, spelt out: unit | kind | English | repeat count.
    expect(ids[6]).toBe(paragraphId('topics/x', 'p', 'Write it down.', 0));
  });

  it('leaves an extra Khmer paragraph without a twin and keeps the others paired', () => {
    const extra = KM.replace('- នរណាបង់?\n', '- នរណាបង់?\n- បន្ថែម\n');
    const unit = loadUnit('topics/x', files({ 'topics/km/x.md': extra }))!;
    expect(unit.paragraphs.filter((p) => p.en === null).map((p) => p.km)).toEqual(['បន្ថែម']);
    expect(unit.paragraphs.at(-1)!.en).toBe('Write it down.');
  });

  it('reads a deck: slide titles, points, the notes over several lines, the questions', () => {
    const deck = '---\ntitle: "ស្លាយ"\naudience: "អ្នកភូមិ"\n---\n\n# មួយ\nIcon: phone\n\n- ចំណុច\n\nNotes:\nប្រយោគទីមួយ។\nប្រយោគទីពីរ។\n\nQuestions:\n- សំណួរ?\n\n---\n\n# ពីរ\n';
    const blocks = markdownBlocks(deck, { deck: true, fields: ['title', 'audience'] });
    expect(blocks.map((b) => [b.kind, b.text, b.slide])).toEqual([
      ['title', 'ស្លាយ', undefined], ['audience', 'អ្នកភូមិ', undefined],
      ['slide', 'មួយ', 1], ['item', 'ចំណុច', 1], ['notes', 'ប្រយោគទីមួយ។\nប្រយោគទីពីរ។', 1], ['question', 'សំណួរ?', 1], ['slide', 'ពីរ', 2],
    ]);
  });

  it('aligns by kind', () => {
    const b = (kind: string) => ({ kind, text: kind, start: 0, end: 0, encode: 'line' }) as never;
    expect(alignBlocks([b('h2'), b('p'), b('item')], [b('h2'), b('item'), b('p'), b('item')]).map((x) => (x as { kind?: string } | undefined)?.kind)).toEqual(['h2', undefined, 'p', 'item']);
  });
});

describe('self-checks and interface strings', () => {
  const yamlSource = '# comment km: "no"\nreviewed: { status: draft, date: 2026-11-26 }\nquestions:\n  - id: "fee"\n    question:\n      en: "Pay first?"\n      km: "បង់មុន?"\ngroups:\n  - id: "docs"\n    title: { en: "Documents", km: "ឯកសារ" }\n';
  it('finds every km: value of a YAML file with its place', () => {
    const found = khmerScalars(yamlSource);
    expect(found.map((s) => s && yamlSource.slice(s.start, s.end))).toEqual(['"បង់មុន?"', '"ឯកសារ"']);
    const unit = loadUnit('selfchecks/q', (f) => (f === 'selfchecks/q.yaml' ? yamlSource : undefined))!;
    expect(unit.paragraphs.map((p) => [p.label, p.en, p.km])).toEqual([['questions.fee.question', 'Pay first?', 'បង់មុន?'], ['groups.docs.title', 'Documents', 'ឯកសារ']]);
  });

  it('finds every string of a JSON file, even several on one line', () => {
    const source = '{\n  "a": {"x": "ក", "y": "ខ {{n}}"},\n  "b": "គ\\"ឃ"\n}\n';
    expect(jsonStrings(source).map((s) => [s.path.join('.'), s.value, source.slice(s.start, s.end)])).toEqual([
      ['a.x', 'ក', '"ក"'], ['a.y', 'ខ {{n}}', '"ខ {{n}}"'], ['b', 'គ"ឃ', '"គ\\"ឃ"'],
    ]);
  });
});

describe('proposals written back, and the diff', () => {
  const unit = loadUnit('topics/x', files())!;
  const p = (i: number) => unit.paragraphs[i]!;
  const proposal = (i: number, text: string) => ({ unit: 'topics/x', paragraphId: p(i).id, kmHash: p(i).kmHash, text: normaliseProposal(text, p(i).kind) });

  it('replaces exactly the paragraph (title, heading, list item, paragraph), leaving the rest byte for byte', () => {
    const result = applyProposals(files(), [proposal(0, 'ចំណងជើង "ថ្មី"'), proposal(3, 'សួរមុនសិន'), proposal(5, 'អ្នកណា\nបង់?'), proposal(6, 'សរសេរ\n\nចម្លើយទុក។')]);
    expect(result.refused).toEqual([]);
    const [before, after] = result.files.get('topics/km/x.md')!;
    expect(before).toBe(KM);
    expect(after).toBe(KM.replace('"មុនពេលចេញដំណើរ"', '"ចំណងជើង \\"ថ្មី\\""').replace('## សួរជាមុន', '## សួរមុនសិន').replace('- នរណាបង់?', '- អ្នកណា បង់?').replace('សរសេរទុក។', 'សរសេរ\nចម្លើយទុក។'));
    const changed = loadUnit('topics/x', (f) => (f === 'topics/km/x.md' ? after : files()(f)))!;
    expect(changed.paragraphs[0]!.km).toBe('ចំណងជើង "ថ្មី"');
  });

  it('refuses a proposal that would change the structure, or one made on other text', () => {
    const result = applyProposals(files(), [proposal(2, '## ចំណងជើង'), { ...proposal(6, 'ថ្មី'), kmHash: 'other' }]);
    expect(result.refused.map((r) => r.reason)).toEqual(['breaks_structure', 'changed']);
    expect(result.files.size).toBe(0);
  });

  it('writes a unified diff with context, and marks a last line without a newline', () => {
    const before = 'a\nb\nc\nd\ne\nf\ng\nh\n';
    expect(unifiedDiff('content/f.md', before, before.replace('e\n', 'E\n'))).toBe('diff --git a/content/f.md b/content/f.md\n--- a/content/f.md\n+++ b/content/f.md\n@@ -2,7 +2,7 @@\n b\n c\n d\n-e\n+E\n f\n g\n h\n');
    expect(unifiedDiff('f', 'x\ny', 'x\nz')).toBe('diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n x\n-y\n\\ No newline at end of file\n+z\n\\ No newline at end of file\n');
    expect(unifiedDiff('f', 'same\n', 'same\n')).toBe('');
  });
});

describe('what counts as approved', () => {
  const unit = loadUnit('topics/x', files())!;
  const mark = (i: number, verdict: 'approved' | 'proposed', kmHash = unit.paragraphs[i]!.kmHash, id = i): ReviewMark => ({
    id, unit: 'topics/x', paragraph_id: unit.paragraphs[i]!.id, km_hash: kmHash, km_text: '', verdict, proposal: verdict === 'proposed' ? 'ថ្មី' : null, note: null, user_id: 'u1', org_id: 'sample-coast', at: `2026-12-0${1 + (id % 8)}T03:00:00.000Z`, email: 'r@example.org',
  });

  it('the latest judgement of the current text counts; one of earlier text says "changed since"', () => {
    const all = unit.paragraphs.map((_, i) => mark(i, 'approved'));
    expect(unitStatus(unit, all).summary).toMatchObject({ total: 7, approved: 7, complete: true });
    const proposedAfter = [...all, mark(2, 'proposed', undefined, 20)];
    expect(unitStatus(unit, proposedAfter).summary).toMatchObject({ approved: 6, proposed: 1, complete: false });
    const edited = loadUnit('topics/x', files({ 'topics/km/x.md': KM.replace('សរសេរទុក។', 'សរសេរចម្លើយទុក។') }))!;
    const { summary, statuses } = unitStatus(edited, all);
    expect(summary).toMatchObject({ approved: 6, complete: false });
    expect(statuses.get(edited.paragraphs[6]!.id)).toMatchObject({ state: 'open', approvedBefore: { verdict: 'approved' } });
  });

  it('a reviewed-state file holds only while every paragraph has its approved text', () => {
    const state: ReviewedState = { unit: 'topics/x', locale: 'km', reviewedAt: '2026-12-03', organisations: [], paragraphs: Object.fromEntries(unit.paragraphs.map((p) => [p.id, p.kmHash])) };
    expect(stateMatches(unit, state)).toBe(true);
    expect(stateMatches(loadUnit('topics/x', files({ 'topics/km/x.md': KM.replace('ការងារអ្វី?', 'ការងារអ្វីខ្លះ?') }))!, state)).toBe(false);
    expect(stateMatches(loadUnit('topics/x', files({ 'topics/km/x.md': `${KM}\nថ្មី។\n` }))!, state)).toBe(false);
  });

  it('knows a page by its address', () => {
    expect(unitOfPath('/km/safe-migration/before-you-go/')).toBe('topics/before-you-go');
    expect(unitOfPath('/en/checks/job-offer/')).toBe('selfchecks/job-offer');
    expect(unitOfPath('/km/about/')).toBe('pages/about');
    expect(unitOfPath('/km/')).toBeUndefined();
  });
});
