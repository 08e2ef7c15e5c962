/** What the server's routes share: created once at start (src/server/main.ts), passed to Astro as `locals`. */
import type { Db } from './db/connect';
import type { Directory } from '../domain/routing';
import type { RateLimiter } from './rateLimit';
import type { DeliveryWorker } from './delivery/worker';
import type { ChannelConfig } from './delivery/channels';

export interface Services {
  store: Db;
  directory: Directory;
  intakeLimiter: RateLimiter;
  worker?: DeliveryWorker;
  channels: ChannelConfig;
}
