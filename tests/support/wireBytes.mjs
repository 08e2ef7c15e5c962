// Bytes on the wire, as Chromium counts them (CDP Network.loadingFinished
// encodedDataLength: compressed body plus headers), for every target of a
// browser: the pages and the service worker apart. Playwright does not give
// the service worker's network to a test, so this speaks CDP itself, over the
// browser's own DevTools port, attached to every target before it runs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import playwrightUtils from 'playwright-core/lib/utilsBundle';
import { CHROMIUM_ARGS, launchPersistent } from './chromium.mjs';

const { ws: WebSocket } = playwrightUtils;

/** Chrome DevTools' "Slow 3G": 400 ms, 400 kbit/s down and up. */
export const SLOW_3G = { latency: 400, downloadThroughput: (400 * 1024) / 8, uploadThroughput: (400 * 1024) / 8 };

/**
 * A persistent phone profile (service workers need one) whose every request is counted.
 * `requests` lists { target: 'page' | 'service_worker' | …, url, bytes, fromServiceWorker, fromCache, at } (`at`: when it finished, Date.now()).
 * `throttle` slows every target's network alike (the service worker's too), e.g. SLOW_3G.
 * @param {Record<string, unknown>} options Playwright context options (viewport, locale, …)
 * @param {{ throttle?: { latency: number, downloadThroughput: number, uploadThroughput: number } }} [more]
 */
export async function launchCounted(options = {}, { throttle } = {}) {
  const profile = mkdtempSync(join(tmpdir(), 'sj-wire-'));
  const context = await launchPersistent(profile, { ...options, args: [...CHROMIUM_ARGS, '--remote-debugging-port=0'] });
  const port = readFileSync(join(profile, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const { webSocketDebuggerUrl } = await (await fetch(`http://127.0.0.1:${port}/json/version`)).json();
  const socket = new WebSocket(webSocketDebuggerUrl, { perMessageDeflate: false });
  await new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); });

  /** @type {{ target: string, url: string, bytes: number, fromServiceWorker: boolean, fromCache: boolean, type?: string, at: number }[]} */
  const requests = [];
  const pending = new Map(); // `${sessionId}:${requestId}` → partial record
  const targetOf = new Map(); // sessionId → target type
  const attached = new Set(); // targetIds counted (a service worker is offered twice: by the browser and by its page)
  let nextId = 1;
  const send = (method, params = {}, sessionId) => {
    const id = nextId++;
    socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return id;
  };
  const autoAttach = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
  let offline = false;
  const conditions = () => ({ offline, latency: 0, downloadThroughput: -1, uploadThroughput: -1, ...(offline ? {} : throttle) });
  socket.on('message', (raw) => {
    const message = JSON.parse(String(raw));
    const { method, params, sessionId } = message;
    if (method === 'Target.attachedToTarget') {
      const child = params.sessionId;
      const { targetId, type } = params.targetInfo;
      if (attached.has(targetId) || type === 'browser_ui' || type === 'browser' || type === 'tab') {
        // Seen already (through its page), or Chromium's own: only let it run.
        send('Runtime.runIfWaitingForDebugger', {}, child);
        return;
      }
      attached.add(targetId);
      targetOf.set(child, type);
      send('Network.enable', {}, child);
      if (throttle || offline) send('Network.emulateNetworkConditions', conditions(), child);
      // Workers of this target (a page's service worker among them) are attached too, paused until counted.
      send('Target.setAutoAttach', autoAttach, child);
      send('Runtime.runIfWaitingForDebugger', {}, child);
    } else if (method === 'Network.requestWillBeSent') {
      if (!/^https?:/.test(params.request.url)) return;
      pending.set(`${sessionId}:${params.requestId}`, { target: targetOf.get(sessionId) ?? '?', url: params.request.url, type: params.type, fromServiceWorker: false, fromCache: false });
    } else if (method === 'Network.responseReceived') {
      const record = pending.get(`${sessionId}:${params.requestId}`);
      if (record) { record.fromServiceWorker = !!params.response.fromServiceWorker; record.fromCache = !!(params.response.fromDiskCache || params.response.fromPrefetchCache); }
    } else if (method === 'Network.loadingFinished') {
      const key = `${sessionId}:${params.requestId}`;
      const record = pending.get(key);
      pending.delete(key);
      if (record) requests.push({ ...record, bytes: params.encodedDataLength, at: Date.now() });
    }
  });
  send('Target.setAutoAttach', autoAttach);
  // Targets already open (the first tab) are attached now.
  send('Target.setDiscoverTargets', { discover: true });
  await new Promise((resolve) => setTimeout(resolve, 200));
  const page = context.pages()[0] ?? (await context.newPage());

  const sum = (list) => list.reduce((n, r) => n + r.bytes, 0);
  return {
    context,
    page,
    requests,
    /** Bytes the network delivered to pages (answers from the service worker or the disk cache are not counted). */
    pageBytes: () => sum(requests.filter((r) => r.target !== 'service_worker' && !r.fromServiceWorker && !r.fromCache)),
    /** Bytes the service worker fetched from the network. */
    workerBytes: () => sum(requests.filter((r) => r.target === 'service_worker' && !r.fromCache)),
    /**
     * No network for every target (the service worker's too), as a phone with no signal; Playwright's
     * own setOffline does not reach targets this connection also watches.
     */
    async setOffline(value) {
      offline = value;
      for (const session of targetOf.keys()) send('Network.emulateNetworkConditions', conditions(), session);
      await new Promise((resolve) => setTimeout(resolve, 100));
    },
    /** Every request that reached the network, from any target. */
    network: () => requests.filter((r) => !r.fromServiceWorker && !r.fromCache),
    async close() {
      socket.close();
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
