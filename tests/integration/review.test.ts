/**
 * The review of the Khmer text on SQLite and PostgreSQL, against the built
 * server with its own copy of content/: a non-reviewer gets 403 and writes
 * nothing; a reviewer sees every page, approves every paragraph of one
 * (review:status says so, the export writes its state file); a changed
 * paragraph returns to unreviewed; the export's patch applies cleanly
 * (`git apply`, `patch -p1`) to a copy of content/ and gives exactly the
 * proposed Khmer. The rebuild with the state files: review-build.test.ts.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/server.mjs';
import { dbTargets } from '../support/databases';
import { partnerSite } from '../support/partnerSite';
import { contentFixture, editFile } from '../support/content';
import { reviewSite } from '../support/review';
import km from '../../content/ui/km.json';
import { folderReader, listUnits, loadUnit } from '../../src/server/review/units';

const run = promisify(execFile);
const targets = await dbTargets('it_review');
const REVIEWER = 'reviewer@coast.example.org';
const STAFF = 'staff@southeast.example.org';
const html = async (response: Response) => ({ status: response.status, text: await response.text() });

describe.each(targets.map((t) => [t.name, t] as const))('review of the Khmer text on %s', (_, target) => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let content = '';
  let reviewer = '';
  let staff = '';
  const temps: string[] = [];
  const site = () => partnerSite(server, target);
  const review = () => reviewSite(server, content, () => site().env());
  const marks = async () => Number((await site().rows('select count(*) as n from review_marks'))[0].n);

  beforeAll(async () => {
    content = contentFixture();
    temps.push(dirname(content));
    server = await startServer({ env: { ...target.env, CONTENT_DIR: content, RUN_WORKER: '0' } });
    await site().cli(['add-user', '--org', 'sample-coast', '--email', REVIEWER]);
    await site().cli(['add-user', '--org', 'sample-southeast-migration', '--email', STAFF]);
    const granted = await site().cli(['grant-reviewer', '--email', REVIEWER]);
    expect(granted.stdout).toContain('may now review');
    reviewer = (await site().signIn(REVIEWER)).cookie!;
    staff = (await site().signIn(STAFF)).cookie!;
  });

  afterAll(async () => {
    await server?.stop();
    await target.cleanup();
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  it('a non-reviewer gets 403 on the review pages and on every review write, and nothing is written', async () => {
    const r = review();
    const p = r.unit('topics/before-you-go').paragraphs[2]!;
    for (const path of ['/partner/review/', '/partner/review/topics/before-you-go/', '/partner/review/ui/partner/', '/partner/review/ui/partner']) {
      const page = await html(await r.page(staff, path));
      expect(page.status, path).toBe(403);
      expect(page.text, path).not.toContain(p.km); // no Khmer text, no form
    }
    expect((await r.approve(staff, 'topics/before-you-go', p.id, p.kmHash)).status).toBe(403);
    expect((await r.propose(staff, 'topics/before-you-go', p.id, p.kmHash, 'ថ្មី', 'note')).status).toBe(403);
    expect((await fetch(`${server.url}/partner/review/`, { method: 'POST', headers: { Cookie: staff, Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'paragraph=x' })).status).toBe(403);
    // Without a session: the sign-in page; from another site: refused before anything is read.
    expect((await r.page(undefined, '/partner/review/')).headers.get('location')).toBe('/partner/login');
    expect((await fetch(r.pageOf('topics/before-you-go'), { method: 'POST', headers: { Cookie: reviewer, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ paragraph: p.id, seen: p.kmHash, action: 'approve' }) })).status).toBe(403);
    // Another spelling is not a way round: not found, and still nothing shown.
    const cased = await html(await r.page(staff, '/partner/REVIEW/ui/partner/'));
    expect(cased.status).toBe(404);
    expect(cased.text).not.toContain(p.km);
    expect(await marks()).toBe(0);
    // The menu links to the review for reviewers only; a revoked role stops at once, session or not.
    expect((await html(await r.page(staff, '/partner/'))).text).not.toContain('href="/partner/review/"');
    expect((await html(await r.page(reviewer, '/partner/'))).text).toContain('href="/partner/review/"');
    await site().cli(['grant-reviewer', '--email', STAFF]);
    expect((await r.page(staff, '/partner/review/')).status).toBe(200);
    await site().cli(['revoke-reviewer', '--email', STAFF]);
    expect((await r.page(staff, '/partner/review/')).status).toBe(403);
    expect((await r.approve(staff, 'topics/before-you-go', p.id, p.kmHash)).status).toBe(403);
    expect(await marks()).toBe(0);
  });

  it('lists every page, deck, self-check and group of interface strings; a page shows each paragraph in both languages', async () => {
    const r = review();
    const index = await html(await r.page(reviewer, '/partner/review/'));
    expect(index.status).toBe(200);
    const units = listUnits(content);
    expect(units.filter((u) => u.collection === 'topics').length).toBeGreaterThanOrEqual(17);
    expect(new Set(units.map((u) => u.collection))).toEqual(new Set(['topics', 'pages', 'sessions', 'selfchecks', 'ui']));
    for (const u of units) expect(index.text).toContain(`href="/partner/review/${u.id}/"`);
    for (const id of ['topics/before-you-go', 'sessions/getting-help', 'selfchecks/job-offer', 'ui/partner']) {
      const page = await html(await r.page(reviewer, `/partner/review/${id}/`));
      expect(page.status, id).toBe(200);
      const unit = r.unit(id);
      const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
      for (const p of unit.paragraphs) {
        expect(page.text, `${id}#${p.id}`).toContain(`id="p-${p.id}"`);
        expect(page.text, `${id}#${p.id}`).toContain(`name="seen" value="${p.kmHash}"`);
      }
      const plain = unit.paragraphs.find((p) => p.en && !/[*[&<>"']/.test(p.en + p.km))!;
      expect(page.text).toContain(escape(plain.en!));
      expect(page.text).toContain(escape(plain.km));
    }
    expect((await r.page(reviewer, '/partner/review/topics/no-such-page/')).status).toBe(404);
  });

  it('a reviewer approves every paragraph of a page: the page says so, review:status gives 100% by whom, the export writes its state file', async () => {
    const r = review();
    const unit = r.unit('topics/before-you-go');
    await r.approveAll(reviewer, unit.id);
    const page = await html(await r.page(reviewer, `/partner/review/${unit.id}/`));
    expect(page.text).toContain(km.review.complete);
    expect(page.text.match(/class="para approved"/g)?.length).toBe(unit.paragraphs.length);
    expect(Number((await site().rows("select count(*) as n from audit_log where action = 'review:approve'"))[0].n)).toBe(unit.paragraphs.length);

    const status = JSON.parse((await r.cli(['status', '--json'])).stdout) as { unit: string; approved: number; total: number; complete: boolean; approvers: { email: string; orgId: string }[]; lastApprovalAt: string }[];
    const row = status.find((s) => s.unit === unit.id)!;
    expect(row).toMatchObject({ approved: unit.paragraphs.length, total: unit.paragraphs.length, complete: true, approvers: [{ email: REVIEWER, orgId: 'sample-coast' }] });
    expect(Date.now() - Date.parse(row.lastApprovalAt)).toBeLessThan(120_000);
    expect(status.find((s) => s.unit === 'topics/help-abroad')).toMatchObject({ approved: 0, complete: false });
    const text = (await r.cli(['status'])).stdout;
    expect(text).toMatch(new RegExp(`topics/before-you-go\\s+${unit.paragraphs.length}/${unit.paragraphs.length}\\s+100% ✓.*${REVIEWER.replace(/\./g, '\\.')} \\(Sample`));

    const out = mkdtempSync(join(tmpdir(), 'sj-review-out-'));
    temps.push(out);
    expect((await r.cli(['export', '--out', out])).stdout).toContain('1 page(s) with every Khmer paragraph approved');
    const state = JSON.parse(readFileSync(join(content, 'reviews/km/topics/before-you-go.json'), 'utf8'));
    expect(state).toMatchObject({ unit: unit.id, locale: 'km', organisations: [{ id: 'sample-coast' }] });
    expect(state.reviewedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(state.paragraphs).toEqual(Object.fromEntries(unit.paragraphs.map((p) => [p.id, p.kmHash])));
    expect(JSON.stringify(state)).not.toContain(REVIEWER); // the committed file names organisations, not people
  });

  it('a changed paragraph returns to unreviewed (its earlier approval named), a stale form is refused, and the state file goes', async () => {
    const r = review();
    const before = r.unit('topics/before-you-go');
    const edited = before.paragraphs.find((p) => p.kind === 'p')!;
    editFile(join(content, 'topics/km/before-you-go.md'), (text) => text.replace(edited.km, `${edited.km} ថ្មី។`));
    const after = r.unit('topics/before-you-go');
    const changed = after.paragraphs.find((p) => p.id === edited.id)!;
    expect(changed.kmHash).not.toBe(edited.kmHash);

    const page = await html(await r.page(reviewer, `/partner/review/${after.id}/`));
    expect(page.text).toMatch(new RegExp(`<li class="para open" id="p-${edited.id}"`));
    expect(page.text.match(/class="para approved"/g)?.length).toBe(after.paragraphs.length - 1);
    expect(page.text).toContain(km.review.changedSince.split('{{')[0]);
    const onlyOpen = await html(await r.page(reviewer, `/partner/review/${after.id}/?show=open`));
    expect(onlyOpen.text.match(/<li class="para /g)?.length).toBe(1);

    // A form opened before the change carries the old hash: refused, nothing written.
    const rows = await marks();
    expect((await r.approve(reviewer, after.id, edited.id, edited.kmHash)).status).toBe(409);
    expect(await marks()).toBe(rows);

    const status = JSON.parse((await r.cli(['status', '--json'])).stdout) as { unit: string; approved: number; complete: boolean }[];
    expect(status.find((s) => s.unit === after.id)).toMatchObject({ approved: after.paragraphs.length - 1, complete: false });
    const out = mkdtempSync(join(tmpdir(), 'sj-review-out-'));
    temps.push(out);
    expect((await r.cli(['export', '--out', out])).stdout).toContain('removed: 1');
    expect(existsSync(join(content, 'reviews/km/topics/before-you-go.json'))).toBe(false);

    // Approving the new text completes the page again.
    expect((await r.approve(reviewer, after.id, changed.id, changed.kmHash)).status).toBe(303);
    expect(JSON.parse((await r.cli(['status', '--json'])).stdout).find((s: { unit: string }) => s.unit === after.id)).toMatchObject({ complete: true });
  });

  it('exports the proposals as a report and a patch that applies cleanly to a copy of content/, giving exactly the proposed Khmer', async () => {
    const r = review();
    const pick = (unitId: string, test: (p: ReturnType<typeof r.unit>['paragraphs'][number]) => boolean) => ({ unitId, p: r.unit(unitId).paragraphs.find(test)! });
    const wanted = [
      { ...pick('topics/school-and-work', (p) => p.kind === 'title'), text: 'សាលារៀន និងការងារ៖ ការសិក្សាសំខាន់ជាងគេ', note: 'title' },
      { ...pick('topics/school-and-work', (p) => p.kind === 'h2'), text: 'ចំណងជើងរងថ្មី', note: '' },
      { ...pick('topics/school-and-work', (p) => p.kind === 'item'), text: 'ចំណុចថ្មី  ដែល\nមានពីរបន្ទាត់', note: 'one line in a list' },
      { ...pick('topics/school-and-work', (p) => p.kind === 'p' && p.km.length > 80), text: 'ប្រយោគទីមួយ។\nប្រយោគទីពីរ។', note: 'two lines' },
      { ...pick('pages/about', (p) => p.kind === 'summary'), text: 'សេចក្តីសង្ខេប "ថ្មី" និង \\ សញ្ញា', note: '' },
      { ...pick('sessions/getting-help', (p) => p.kind === 'notes'), text: 'កំណត់ចំណាំថ្មី។\nប្រយោគខ្លីៗ។', note: 'shorter sentences' },
      { ...pick('sessions/getting-help', (p) => p.kind === 'question'), text: 'សំណួរថ្មី?', note: '' },
      { ...pick('selfchecks/job-offer', (p) => p.label?.endsWith('.sign') ?? false), text: 'សញ្ញាថ្មី', note: '' },
      { ...pick('selfchecks/before-you-go', (p) => p.label?.endsWith('.title') ?? false), text: 'ចំណងជើងក្រុមថ្មី', note: 'a value in { en, km } on one line' },
      { ...pick('ui/partner', (p) => p.label === 'partner.auditActions.view'), text: 'បានមើលសំណើមួយ', note: 'in an object on one line' },
      { ...pick('ui/partner', (p) => p.label === 'partner.inbox'), text: 'ប្រអប់សំណើ', note: '' },
    ];
    for (const w of wanted) {
      expect(w.p, `${w.unitId}: no paragraph to propose on`).toBeDefined();
      const response = await r.propose(reviewer, w.unitId, w.p.id, w.p.kmHash, w.text, w.note);
      expect(response.status, `${w.unitId}#${w.p.id}`).toBe(303);
    }
    // Left out: one that would make a heading of a paragraph; one whose Khmer changed after it was made.
    const breaking = pick('topics/help-abroad', (p) => p.kind === 'p');
    expect((await r.propose(reviewer, breaking.unitId, breaking.p.id, breaking.p.kmHash, '## មិនមែនកថាខណ្ឌ')).status).toBe(303);
    const overtaken = pick('topics/help-abroad', (p) => p.kind === 'item');
    expect((await r.propose(reviewer, overtaken.unitId, overtaken.p.id, overtaken.p.kmHash, 'ពាក្យថ្មី')).status).toBe(303);
    editFile(join(content, 'topics/km/help-abroad.md'), (text) => text.replace(overtaken.p.km, `${overtaken.p.km}!`));
    // Refused at the form: empty, unchanged.
    expect((await r.propose(reviewer, 'ui/partner', wanted[10]!.p.id, r.unit('ui/partner').paragraphs.find((p) => p.id === wanted[10]!.p.id)!.kmHash, '  ')).status).toBe(422);

    const out = mkdtempSync(join(tmpdir(), 'sj-review-out-'));
    temps.push(out);
    const { stdout } = await r.cli(['export', '--out', out]);
    expect(stdout).toContain(`${wanted.length} proposal(s) in`);
    expect(stdout).toContain('2 left out');
    const patch = readFileSync(join(out, 'content.patch'), 'utf8');
    const report = readFileSync(join(out, 'report.md'), 'utf8');
    for (const w of wanted) {
      expect(report).toContain(w.p.id);
      expect(report).toContain(`> ${w.text.split('\n')[0]!.trim().split(/\s+/)[0]}`);
      if (w.note) expect(report).toContain(`Note: ${w.note}`);
    }
    expect(report).toContain(REVIEWER);
    expect(report).toMatch(/Left out: the new text would change the page's structure/);
    expect(report).toMatch(/Left out: the Khmer changed after the proposal was made/);
    expect(patch).not.toContain('help-abroad');

    // A copy of content/ as it is, in a folder of its own: the patch applies with git and with patch(1).
    const work = mkdtempSync(join(tmpdir(), 'sj-review-apply-'));
    temps.push(work);
    cpSync(content, join(work, 'content'), { recursive: true });
    const original = new Map(listUnits(content).map((u) => [u.id, loadUnit(u.id, folderReader(content))!]));
    writeFileSync(join(work, 'content.patch'), patch);
    await run('git', ['apply', '--check', '--verbose', 'content.patch'], { cwd: work });
    await run('patch', ['-p1', '--dry-run', '--fuzz=0', '-i', 'content.patch'], { cwd: work });
    await run('git', ['apply', 'content.patch'], { cwd: work });
    const applied = folderReader(join(work, 'content'));
    for (const [id, before] of original) {
      const after = loadUnit(id, applied)!;
      expect(after.paragraphs.map((p) => p.id), id).toEqual(before.paragraphs.map((p) => p.id));
      for (const [i, p] of after.paragraphs.entries()) {
        const w = wanted.find((x) => x.unitId === id && x.p.id === p.id);
        const expected = w ? w.text.split('\n').map((l) => l.trim()).filter(Boolean).join(p.kind === 'p' || p.kind === 'notes' ? '\n' : ' ') : before.paragraphs[i]!.km;
        expect(p.km, `${id}#${p.id}`).toBe(expected);
      }
    }
    // Still valid content: the interface strings parse, the self-check keeps its shape.
    expect(JSON.parse(readFileSync(join(work, 'content/ui/km.json'), 'utf8')).partner.auditActions.view).toBe('បានមើលសំណើមួយ');
  });
});
