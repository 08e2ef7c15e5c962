/**
 * What every entry point (server, worker, command-line tools) does first: read
 * and check the configuration (a bad value stops here, naming the variable),
 * set up logging, load the partner directory, open and migrate the database.
 */
import { ConfigError, readConfig, type Config } from '../config';
import { contentRoot, loadDirectory } from '../data/directory';
import type { Directory } from '../domain/routing';
import { dbConfigOf, openDatabase, type Db } from './db/connect';
import { configureLog } from './log';

export interface Started {
  config: Config;
  store: Db;
  directory: Directory;
}

export function configOrExit(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
}

export async function startUp(): Promise<Started> {
  const config = configOrExit();
  configureLog(config.LOG_LEVEL);
  const directory = loadDirectory(contentRoot(config.CONTENT_DIR));
  const store = await openDatabase(dbConfigOf(config));
  return { config, store, directory };
}
