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
  ms?: number;
  [key: `n_${string}`]: number;
}

export function log(event: string, fields: LogFields = {}): void {
  if (process.env.LOG_LEVEL === 'silent') return;
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...fields })}\n`);
}
