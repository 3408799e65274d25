import { systemClock } from './clock';
import { readConfig, type Config } from './config';
import { createTable } from './db/client';

/** The process-wide table client, clock and settings; each Lambda module calls this once, at load. */
export function createRuntime(config: Config = readConfig()) {
  return {
    config,
    clock: systemClock,
    table: createTable({ name: config.TABLE_NAME, region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
  };
}
