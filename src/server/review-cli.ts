/**
 * npm run review:export [-- --out DIR]
 *   The reviewers' proposals: DIR/report.md and DIR/content.patch (default data/review-export/;
 *   apply the patch from the folder that holds content/), and the reviewed-state files
 *   content/reviews/km/<collection>/<slug>.json of the pages whose every Khmer paragraph is
 *   approved (commit them; the next build shows those pages as reviewed).
 * npm run review:status [-- --json]
 *   Per page: the share of Khmer paragraphs approved, proposals waiting, by whom and when.
 * Both read the database and the content folder of the usual variables (README, "Configuration").
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { contentRoot } from '../data/directory';
import { startUp } from './start';
import { marksOf } from './review/store';
import { folderReader, listUnits, loadUnit, type Unit } from './review/units';
import { buildExport, existingStateFiles, writeExport } from './review/export';
import { unitStatus } from './review/status';
import { phnomPenhTime } from './review/reviewedState';

// `npm run review:status | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') process.exit(0); throw error; });

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { out: { type: 'string' }, json: { type: 'boolean' } }, strict: true });
if (command !== 'export' && command !== 'status') {
  process.stderr.write('review: commands: export [--out DIR] | status [--json]\n');
  process.exit(1);
}

const { config, store, directory } = await startUp();
try {
  const root = contentRoot(config.CONTENT_DIR);
  const read = folderReader(root);
  const units = listUnits(root).map((u) => loadUnit(u.id, read)).filter((u): u is Unit => !!u);
  const marks = await marksOf(store);
  if (command === 'export') {
    const outDir = resolve(values.out ?? 'data/review-export');
    const result = buildExport({ root, read, units, marks, partners: directory.partners, now: new Date(), existingStates: existingStateFiles(root, read) });
    writeExport(root, outDir, result);
    process.stdout.write([
      `review: ${result.inPatch} proposal(s) in ${outDir}/content.patch, ${result.leftOut} left out (see ${outDir}/report.md)`,
      `review: ${result.complete.length} page(s) with every Khmer paragraph approved; state files written: ${result.writeStates.size}, removed: ${result.removeStates.length} (in ${root}/reviews/km/)`,
      '',
    ].join('\n'));
  } else {
    const orgName = (id: string) => directory.partners.find((p) => p.id === id)?.name.en ?? id;
    const rows = units.map((unit) => ({ unit, ...unitStatus(unit, marks).summary }));
    if (values.json) {
      process.stdout.write(`${JSON.stringify(rows.map(({ unit, ...s }) => ({ unit: unit.id, title: unit.title, ...s })), null, 2)}\n`);
    } else {
      const width = Math.max(...rows.map((r) => r.unit.id.length), 4);
      process.stdout.write(`${'page'.padEnd(width)}  approved          proposals  last approval (Phnom Penh)  by\n`);
      for (const r of rows) {
        const share = r.total ? Math.floor((r.approved / r.total) * 100) : 0;
        const who = r.approvers.map((a) => `${a.email ?? '?'} (${orgName(a.orgId)})`).join(', ');
        process.stdout.write(`${r.unit.id.padEnd(width)}  ${`${r.approved}/${r.total}`.padStart(7)} ${`${share}%`.padStart(4)}${r.complete ? ' ✓' : '  '}   ${String(r.proposed).padStart(9)}  ${(r.lastApprovalAt ? phnomPenhTime(r.lastApprovalAt) : '-').padEnd(26)}  ${who || '-'}\n`);
      }
      const total = rows.reduce((n, r) => n + r.total, 0);
      const approved = rows.reduce((n, r) => n + r.approved, 0);
      process.stdout.write(`\n${rows.filter((r) => r.complete).length} of ${rows.length} pages fully approved; ${approved} of ${total} paragraphs (${total ? Math.floor((approved / total) * 100) : 0}%); ${rows.reduce((n, r) => n + r.proposed, 0)} proposal(s) waiting\n`);
    }
  }
} finally {
  await store.close();
}
