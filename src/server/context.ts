/** What the server's routes share: made once at start (./start.ts) and passed down, to Astro as `locals.app`. */
import type { Db } from './db/connect';
import type { Directory } from '../domain/routing';
import type { Config } from '../config';
import type { Limits } from './rateLimit';
import type { Scheduler } from './scheduler';

export interface AppContext {
  config: Config;
  store: Db;
  directory: Directory;
  limits: Limits;
  /** Absent when the worker runs in its own process (RUN_WORKER=0). */
  scheduler?: Pick<Scheduler, 'wake'>;
}
