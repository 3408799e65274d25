import { systemClock } from './clock';
import { readConfig, type Config } from './config';
import { createTable } from './db/client';
import { createS3FileStore } from './files';

/** The process-wide clients and settings; each Lambda module calls this once, at load. */
export function createRuntime(config: Config = readConfig()) {
  return {
    config,
    clock: systemClock,
    table: createTable({ name: config.TABLE_NAME, region: config.AWS_REGION, endpoint: config.DYNAMODB_ENDPOINT }),
    files: createS3FileStore({
      bucket: config.FILES_BUCKET,
      region: config.AWS_REGION,
      endpoint: config.S3_ENDPOINT,
      urlTtlSeconds: config.FILE_URL_TTL_SECONDS,
    }),
  };
}
