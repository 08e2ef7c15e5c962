#!/usr/bin/env node
// npm test: makes sure Debian's Chromium is there, builds the site, checks the
// content and the types, then runs every vitest project (unit, integration, reliability, e2e)
// in two streams, and ends with one "N passed, N failed" line. Exits non-zero when anything fails.
import { spawn, spawnSync } from 'node:child_process';
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

/**
 * Two streams at once, one per core (vitest alone runs one file at a time on a 2-core machine):
 * the browser tests, one file at a time; beside them the unit, integration and reliability
 * tests, then the 1,000-page search build (minutes of CPU in a child process). Each stream's
 * output is printed whole when it ends, so a failure reads as one block.
 */
const SCALE_TEST = 'tests/e2e/searchScale.test.ts';
const streams = [
  { name: 'browser', steps: [['--project', 'e2e', '--exclude', SCALE_TEST]] },
  { name: 'server', steps: [['--project', 'unit', '--project', 'integration', '--project', 'reliability'], ['--project', 'e2e', SCALE_TEST]] },
];

function vitestStep(args, report) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (c) => { output += c; });
    child.stderr.on('data', (c) => { output += c; });
    child.on('close', (code) => resolve({ code: code ?? 1, output, report }));
  });
}

const started = Date.now();
const results = (await Promise.all(streams.map(async ({ name, steps }) => {
  const done = [];
  for (const [i, args] of steps.entries()) {
    const result = await vitestStep(args, `${root}.tmp/vitest-${name}-${i}.json`);
    console.log(`\n===== vitest ${args.join(' ')} (${Math.round((Date.now() - started) / 1000)} s) =====\n${result.output}`);
    done.push(result);
  }
  return done;
}))).flat();

let passed = 0, failed = 0, skipped = 0;
for (const { report, code } of results) {
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests; failed += json.numFailedTests; skipped += json.numPendingTests + (json.numTodoTests ?? 0);
    if (code !== 0 && json.numFailedTests === 0) failed += 1; // a suite that failed to load, an unhandled error
  } catch {
    failed += 1;
  }
}
if (!contentOk) failed += 1;
if (!typesOk) failed += 1;
console.log(`\ncheck:content ${contentOk ? 'passed' : 'FAILED'}; check:types ${typesOk ? 'passed' : 'FAILED'}; tests ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(results.some((r) => r.code !== 0) || !contentOk || !typesOk || failed > 0 ? 1 : 0);
