/** `npm run purge`: the retention purge now (the scheduler also runs it daily). RETENTION_DAYS, MAX_AGE_DAYS as in the README. */
import { maintenanceConfigOf, purgeExpired } from './partner/maintenance';
import { startUp } from './start';

const { config, store } = await startUp();
try {
  const maintenance = maintenanceConfigOf(config);
  const n = await purgeExpired(store, maintenance);
  process.stdout.write(`purged ${n} request(s): closed over ${maintenance.retentionDays} days, or older than ${maintenance.maxAgeDays} days; anonymous counts kept\n`);
} finally {
  await store.close();
}
