/**
 * Structured logs: one JSON line per event, with ids, references and outcomes.
 * Never a phone number, a name or a message: callers pass only what is listed here.
 */
export interface LogFields {
  id?: string;
  reference?: string;
  partner?: string;
  job?: number;
  channel?: string;
  status?: number | string;
  outcome?: string;
  attempts?: number;
  error?: string;
  /** Quoted in a 500 answer, so a report can be matched with its log line. */
  error_id?: string;
  /** The route's pattern (never the URL as sent: it may hold an id or a reference). */
  route?: string;
  ms?: number;
  [key: `n_${string}`]: number;
}

let silent = false;
/** Set once at start from LOG_LEVEL (src/config.ts). */
export function configureLog(level: 'info' | 'silent'): void {
  silent = level === 'silent';
}

export function log(event: string, fields: LogFields = {}): void {
  if (silent) return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}
