#!/usr/bin/env node
// npm test: makes sure Debian's Chromium is there, builds the site, checks the
// content and the types, then runs every vitest project (unit, integration, e2e) and ends
// with one "N passed, N failed" line. Exits non-zero when anything fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

function run(cmd, args, opts = {}) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return result.status ?? 1;
}

if (!existsSync(chromium)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    console.log('Chromium is missing: installing Debian\'s chromium and fonts-khmeros…');
    if (run('apt-get', ['update', '-qq']) !== 0 ||
        run('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-khmeros'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }) !== 0) {
      console.error('Could not install chromium with apt-get.');
      process.exit(1);
    }
  } else {
    console.error(`No Chromium at ${chromium}: install it with "sudo apt-get install -y chromium fonts-khmeros" (or set CHROMIUM_PATH), then run npm test again.`);
    process.exit(1);
  }
}

if (run('npm', ['run', 'build']) !== 0) process.exit(1);
const contentOk = run('npm', ['run', 'check:content']) === 0;
const typesOk = run('npm', ['run', 'check:types']) === 0;

mkdirSync(`${root}.tmp`, { recursive: true });
const report = `${root}.tmp/vitest.json`;
const vitest = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]);

let passed = 0, failed = 0, skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests; failed = json.numFailedTests; skipped = json.numPendingTests + (json.numTodoTests ?? 0);
} catch {
  failed += 1;
}
if (!contentOk) failed += 1;
if (!typesOk) failed += 1;
console.log(`\ncheck:content ${contentOk ? 'passed' : 'FAILED'}; check:types ${typesOk ? 'passed' : 'FAILED'}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(vitest !== 0 || !contentOk || !typesOk || failed > 0 ? 1 : 0);
