/** What a route answers, and how it is written: JSON, never cached. */
import type { ServerResponse } from 'node:http';

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** A route's answer that is a page: Astro renders `page` (an on-demand route) with these `locals`. */
export interface PageRender {
  page: string;
  status: number;
  locals: Record<string, unknown>;
}

export const reply = (status: number, body?: unknown, headers?: Record<string, string>): Reply => ({ status, body, headers });

export function sendReply(res: ServerResponse, { status, body, headers = {} }: Reply): void {
  if (res.headersSent) return;
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(body === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8' }),
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
