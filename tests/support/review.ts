/**
 * Driving the review of the Khmer text as a reviewer would, against a running
 * server whose CONTENT_DIR is a test's copy of content/: the forms of
 * /partner/review/<unit>/, and `npm run review:export` / `review:status`.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { folderReader, loadUnit, type Unit } from '../../src/server/review/units';
import { projectRoot } from './content';

export function reviewSite(server: { url: string }, contentDir: string, env: () => Record<string, string>, distDir = process.env.TEST_DIST_DIR || 'dist') {
  const unit = (id: string): Unit => {
    const found = loadUnit(id, folderReader(contentDir));
    if (!found) throw new Error(`no unit ${id} in ${contentDir}`);
    return found;
  };
  const pageOf = (unitId: string) => `${server.url}/partner/review/${unitId}/`;
  return {
    unit,
    pageOf,
    page: (cookie: string | undefined, path: string) => fetch(`${server.url}${path}`, { headers: cookie ? { Cookie: cookie } : {}, redirect: 'manual' }),
    /** "Correct" for one paragraph, as the page's form sends it. */
    approve(cookie: string | undefined, unitId: string, paragraphId: string, seen: string) {
      return fetch(pageOf(unitId), {
        method: 'POST', redirect: 'manual',
        headers: { ...(cookie ? { Cookie: cookie } : {}), Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ paragraph: paragraphId, seen, action: 'approve' }),
      });
    },
    /** A proposal, as the page's multipart form sends it (with its length: the partner policy wants one). */
    async propose(cookie: string | undefined, unitId: string, paragraphId: string, seen: string, text: string, note = '') {
      const form = new FormData();
      for (const [k, v] of Object.entries({ paragraph: paragraphId, seen, action: 'propose', text, note })) form.append(k, v);
      const request = new Request(pageOf(unitId), { method: 'POST', body: form });
      return fetch(pageOf(unitId), {
        method: 'POST', redirect: 'manual',
        headers: { ...(cookie ? { Cookie: cookie } : {}), Origin: server.url, 'Content-Type': request.headers.get('content-type')! },
        body: await request.arrayBuffer(),
      });
    },
    /** "Correct" for every paragraph of a unit (a few at a time, as several reviewers would). */
    async approveAll(cookie: string, unitId: string) {
      const queue = [...unit(unitId).paragraphs];
      const worker = async () => {
        for (let p = queue.shift(); p; p = queue.shift()) {
          const response = await this.approve(cookie, unitId, p.id, p.kmHash);
          if (response.status !== 303) throw new Error(`approving ${unitId}#${p.id}: ${response.status}`);
        }
      };
      await Promise.all([worker(), worker(), worker(), worker()]);
    },
    cli(args: string[]) {
      return promisify(execFile)(process.execPath, [`${distDir}/server/review-cli.mjs`, ...args], { cwd: projectRoot, env: { ...process.env, ...env(), CONTENT_DIR: contentDir, LOG_LEVEL: 'silent' } });
    },
  };
}
