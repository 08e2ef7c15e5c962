/**
 * What the service worker's own fetches cost on the wire, so the person is told
 * the bytes actually transferred, not the build's guess. The body is what the
 * browser received (Resource Timing's `encodedBodySize`: compressed); on
 * HTTP/1.1 the header block is rebuilt from the response's own headers, since
 * `transferSize` adds a fixed 300 bytes for it and ours are ~1 KB (the CSP). A
 * response from the HTTP cache costs nothing; a revalidation (304) costs its
 * headers. Kept free of Workbox so it can be tested in Node.
 */

export interface TimingLike {
  name: string;
  startTime: number;
  transferSize: number;
  encodedBodySize: number;
  nextHopProtocol?: string;
}
export interface ResponseLike {
  status: number;
  statusText: string;
  headers: Iterable<[string, string]>;
}

const utf8 = new TextEncoder();

/** `HTTP/1.1 200 OK`, every `name: value` line and the blank line, as sent. */
export function headerBytes(response: ResponseLike): number {
  let n = utf8.encode(`HTTP/1.1 ${response.status} ${response.statusText}\r\n`).length + 2;
  for (const [name, value] of response.headers) n += utf8.encode(`${name}: ${value}\r\n`).length;
  return n;
}

export function wireBytes(response: ResponseLike, timing?: TimingLike): number {
  if (!timing) {
    // No timing (an old browser): the body's length as sent, and the headers.
    let length = 0;
    for (const [name, value] of response.headers) if (name.toLowerCase() === 'content-length') length = Number(value) || 0;
    return length + headerBytes(response);
  }
  if (timing.transferSize === 0) return 0; // from the HTTP cache: nothing downloaded
  // HTTP/2 and 3 compress headers: the browser's own figure is the better one there.
  if (timing.nextHopProtocol && timing.nextHopProtocol !== 'http/1.1') return timing.transferSize;
  // Revalidated (304): the body came from the HTTP cache.
  if (timing.transferSize < timing.encodedBodySize) return headerBytes(response);
  return timing.encodedBodySize + headerBytes(response);
}

interface PerformanceLike {
  now(): number;
  clearResourceTimings?(): void;
}
type ObserverFactory = (callback: (entries: TimingLike[]) => void) => void;

/**
 * Resource Timing entries of this worker's fetches, as they arrive. `timingOf`
 * finds the entry of a fetch of `url` started at or after `since` (a fetch's
 * entry is added when its body is complete, which may be a moment after the
 * code that read it goes on).
 */
export function timingLedger(perf: PerformanceLike, observe: ObserverFactory) {
  const entries: TimingLike[] = [];
  const waiters: { url: string; since: number; resolve: (t: TimingLike | undefined) => void }[] = [];
  const takeFor = (url: string, since: number) => {
    const i = entries.findIndex((e) => e.name === url && e.startTime >= since - 1);
    return i < 0 ? undefined : entries.splice(i, 1)[0];
  };
  observe((list) => {
    entries.push(...list);
    perf.clearResourceTimings?.(); // the buffer (250 entries) never fills: the observer has them
    for (const waiter of [...waiters]) {
      const hit = takeFor(waiter.url, waiter.since);
      if (hit) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(hit); }
    }
    if (entries.length > 500) entries.splice(0, entries.length - 500); // the page's own requests through the worker
  });
  return {
    timingOf(url: string, since: number, waitMs = 3000): Promise<TimingLike | undefined> {
      const hit = takeFor(url, since);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => {
        const waiter = { url, since, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) { waiters.splice(i, 1); resolve(undefined); }
        }, waitMs);
      });
    },
  };
}
