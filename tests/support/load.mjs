// A small, bounded HTTP loader for loopback only: keep-alive connections, each
// from its own loopback source address (127.0.0.2, 127.0.0.3, …), as the
// server tells clients apart by address. Used by bench/ and the reliability tests.
import http from 'node:http';
import { randomUUID } from 'node:crypto';

/** @param {number} [i] @returns {Record<string, unknown> & { id: string }} */
export function validIntake(i = 0) {
  const phone = `012 ${String(100 + (i % 900)).padStart(3, '0')} ${String(100 + ((i * 7) % 900)).padStart(3, '0')}`;
  return { id: randomUUID(), locale: i % 2 ? 'en' : 'km', topic: ['migration', 'trafficking', 'child_labour', 'exploitation', 'other'][i % 5], province: `KH-${(i % 25) + 1}`, under18: i % 3 === 0, phone, consent: true };
}

/**
 * POST JSON; resolves { status, body, ms } or { error } (never throws).
 * @param {string} url
 * @param {unknown} body
 * @param {{ agent?: import('node:http').Agent, headers?: Record<string, string>, timeoutMs?: number }} [options]
 * @returns {Promise<{ status?: number, headers?: import('node:http').IncomingHttpHeaders, body?: string, error?: string, ms: number }>}
 */
export function postJson(url, body, { agent, headers = {}, timeoutMs = 10000 } = {}) {
  const payload = typeof body === 'string' ? body : JSON.stringify(body);
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(url, { method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers }, timeout: timeoutMs }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data, ms: performance.now() - started }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (error) => resolve({ error: error.message, ms: performance.now() - started }));
    req.end(payload);
  });
}

export function agentFrom(n) {
  return new http.Agent({ keepAlive: true, maxSockets: 1, localAddress: `127.0.0.${2 + (n % 250)}` });
}

/** `connections` clients sending back to back for `seconds`. */
export async function sustained(url, { connections = 16, seconds = 10, body = validIntake } = {}) {
  const deadline = performance.now() + seconds * 1000;
  const results = [];
  let n = 0;
  await Promise.all(Array.from({ length: connections }, async (_, c) => {
    const agent = agentFrom(c);
    while (performance.now() < deadline) results.push(await postJson(url, body(n++), { agent }));
    agent.destroy();
  }));
  return summarize(results, seconds);
}

/** A fixed rate (requests per second) for `seconds`, spread over many clients. */
export async function fixedRate(url, { rate = 100, seconds = 10, clients = 50, body = validIntake } = {}) {
  const agents = Array.from({ length: clients }, (_, i) => agentFrom(i));
  const pending = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(postJson(url, body(i), { agent: agents[i % clients] }));
  }
  const results = await Promise.all(pending);
  agents.forEach((a) => a.destroy());
  return summarize(results, seconds);
}

function pct(sorted, p) { return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : NaN; }

export function summarize(results, seconds) {
  const ok = results.filter((r) => r.status >= 200 && r.status < 300);
  const ms = ok.map((r) => r.ms).sort((a, b) => a - b);
  const byStatus = {};
  for (const r of results) byStatus[r.status ?? r.error] = (byStatus[r.status ?? r.error] ?? 0) + 1;
  return { requests: results.length, ok: ok.length, rps: Number((ok.length / seconds).toFixed(1)), p50: +pct(ms, 0.5).toFixed(2), p95: +pct(ms, 0.95).toFixed(2), p99: +pct(ms, 0.99).toFixed(2), byStatus };
}
