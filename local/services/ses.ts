import type { Server } from 'node:http';
import * as sesLocalModule from 'aws-ses-v2-local';
import { z } from 'zod';
import { assertPortFree } from './support';

type StartSesServer = typeof sesLocalModule.default;

function isStartSesServer(value: unknown): value is StartSesServer {
  return typeof value === 'function';
}

/**
 * aws-ses-v2-local is CommonJS with `exports.default`. Depending on who loads it (Node's ESM loader
 * under tsx, or vite-node under vitest) the namespace's `default` is either the server function or
 * the whole `module.exports`, so accept both shapes.
 */
function resolveStartSesServer(): StartSesServer {
  const candidate: unknown = sesLocalModule.default;
  if (isStartSesServer(candidate)) return candidate;
  if (typeof candidate === 'object' && candidate !== null && 'default' in candidate) {
    const inner: unknown = candidate.default;
    if (isStartSesServer(inner)) return inner;
  }
  throw new Error('aws-ses-v2-local: could not find the server function in the module');
}

export interface SesLocal {
  /** Endpoint for @aws-sdk/client-ses (SES v1 query API) and client-sesv2. */
  endpoint: string;
  /** Web page listing every sent email. */
  viewerUrl: string;
  stop(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // The viewer page polls /store with keep-alive; without this close() waits for the browser to go away.
    server.closeAllConnections();
  });
}

/**
 * Runs aws-ses-v2-local in this process. Its store of sent emails is module-global and in memory:
 * it survives stop()/start within one process and is gone when the process ends.
 */
export async function startSesLocal(opts: { port: number }): Promise<SesLocal> {
  // The package resolves its listen promise even when listening fails, so check first.
  await assertPortFree(opts.port, 'SES local (aws-ses-v2-local)', 'SES_PORT');
  const server = await resolveStartSesServer()({ host: 'localhost', port: opts.port });
  const endpoint = `http://localhost:${opts.port}`;
  return { endpoint, viewerUrl: `${endpoint}/`, stop: () => closeServer(server) };
}

const sentEmailSchema = z.object({
  messageId: z.string(),
  from: z.string(),
  replyTo: z.array(z.string()),
  destination: z.object({
    to: z.array(z.string()),
    cc: z.array(z.string()),
    bcc: z.array(z.string()),
  }),
  subject: z.string(),
  body: z.object({ html: z.string().optional(), text: z.string().optional() }),
  attachments: z.array(z.object({ content: z.string(), contentType: z.string(), filename: z.string().optional(), size: z.number() })),
  headers: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
  /** Epoch seconds when the email was received. */
  at: z.number(),
});
export type SentEmail = z.infer<typeof sentEmailSchema>;

const storeSchema = z.object({ emails: z.array(sentEmailSchema) });

/**
 * Every email the local SES has received, oldest first. `sinceEpochSeconds` filters on the server
 * (inclusive), which is how a test reads only what it caused.
 */
export async function readSentEmails(endpoint: string, sinceEpochSeconds?: number): Promise<SentEmail[]> {
  const url = new URL('/store', endpoint);
  if (sinceEpochSeconds !== undefined) url.searchParams.set('since', String(Math.floor(sinceEpochSeconds)));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`SES local: GET ${url.pathname} answered ${response.status}`);
  return storeSchema.parse(await response.json()).emails;
}

/** Empties the store (emails and templates) via the package's `POST /clear-store`. */
export async function clearSentEmails(endpoint: string): Promise<void> {
  const response = await fetch(new URL('/clear-store', endpoint), { method: 'POST' });
  if (!response.ok) throw new Error(`SES local: POST /clear-store answered ${response.status}`);
}
