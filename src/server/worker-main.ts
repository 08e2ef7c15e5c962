/** `npm run worker`: the scheduler alone (delivery, escalation, purge); run several for more throughput (see README). */
import { startScheduler } from './scheduler';
import { startUp } from './start';
import { log } from './log';

const { config, store, directory } = await startUp();
const scheduler = startScheduler({ store, directory, config });
log('worker.started', { outcome: store.dialect });
const stop = async () => { await scheduler.stop(); await store.close(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
