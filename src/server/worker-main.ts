/** `npm run worker`: the delivery worker alone (run several for more throughput; see README). */
import { openDatabase } from './db/connect';
import { loadDirectory } from './directory';
import { channelConfigFromEnv } from './delivery/channels';
import { startDeliveryWorker } from './delivery/worker';
import { log } from './log';

const store = await openDatabase();
const worker = startDeliveryWorker({ store, directory: loadDirectory(), channels: channelConfigFromEnv() });
log('worker.started', { outcome: store.dialect });
const stop = async () => { await worker.stop(); await store.close(); process.exit(0); };
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
