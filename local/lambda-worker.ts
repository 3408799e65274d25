import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { lambdaContext } from './lambda-context';

/**
 * One Lambda's execution environment, in a worker thread of the local system (local/functions.ts):
 * its process.env is the function's own environment and nothing else, and its module graph (SDK
 * clients, configuration read at load) is its own, as in Lambda.
 */
export interface WorkerSetup {
  name: string;
  entry: string;
  memoryMb: number;
}
export type ToWorker = { id: number; event: unknown; deadline: number };
export type FromWorker =
  | { type: 'ready' }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string };

type Handler = (event: unknown, context: Context) => Promise<unknown>;

const port = parentPort;
if (!port) throw new Error('local/lambda-worker.ts runs in a worker thread');
const setup = workerData as WorkerSetup;
const post = (message: FromWorker) => port.postMessage(message);
const describe = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

try {
  const module = (await import(pathToFileURL(setup.entry).href)) as { handler?: Handler };
  const handler = module.handler;
  if (typeof handler !== 'function') throw new Error(`${setup.entry} exports no handler`);
  port.on('message', (message: ToWorker) => {
    handler(message.event, lambdaContext(setup.name, setup.memoryMb, message.deadline)).then(
      (value) => post({ type: 'result', id: message.id, value }),
      (error: unknown) => post({ type: 'error', id: message.id, message: describe(error) }),
    );
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'init-error', message: describe(error) });
}
