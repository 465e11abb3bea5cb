import { readConfig, type ServerConfig } from './config';
import type { Db } from './db/open';
import { openAppDb } from './db/app-db';
import { singleton } from './globals';
import { loadSecret } from './learners/secret';

export type AppRuntime = { config: ServerConfig; appDb: Db; secret: Uint8Array };

/** The main thread's process-wide state: configuration, app.db and the signing secret. */
export function appRuntime(): AppRuntime {
  return singleton('app-runtime', () => {
    const config = readConfig();
    return { config, appDb: openAppDb(config.dataDir), secret: loadSecret(config.dataDir, config.secret) };
  });
}
