/** `npm run purge`: the retention purge now (the worker also runs it daily). RETENTION_DAYS, MAX_AGE_DAYS as in the README. */
import { openDatabase } from './db/connect';
import { maintenanceFromEnv, purgeExpired } from './partner/maintenance';

const store = await openDatabase();
try {
  const config = maintenanceFromEnv();
  const n = await purgeExpired(store, config);
  process.stdout.write(`purged ${n} request(s): closed over ${config.retentionDays} days, or older than ${config.maxAgeDays} days; anonymous counts kept\n`);
} finally {
  await store.close();
}
