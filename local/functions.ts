import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, ToWorker, WorkerSetup } from './lambda-worker';

/** What the local system needs to run one Lambda like the Lambda service does. */
export interface LocalFunctionDefinition {
  /** Entry file relative to the repository root; it exports `handler`. */
  entry: string;
  memoryMb: number;
  timeoutSeconds: number;
  /** Exactly the variables the CDK gives the function (functions/lambda-environment.ts); read when its environment starts. */
  environment: () => Record<string, string>;
}

/** A function's name in the local system, as AWS_LAMBDA_FUNCTION_NAME and the Lambda Invoke API know it. */
export function localFunctionName(name: string): string {
  return `normen-${name}`;
}

export type InvocationOutcome = { kind: 'result'; value: unknown } | { kind: 'error'; message: string } | { kind: 'timeout' };

export interface LocalFunctions {
  invoke(name: string, event: unknown): Promise<InvocationOutcome>;
  stop(): Promise<void>;
}

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const workerModule = fileURLToPath(new URL('./lambda-worker.ts', import.meta.url));
// The worker compiles TypeScript itself (tsx's loader, registered in the thread), so it works the
// same under `tsx` (npm start) and under vitest, which imports this module in-process.
const tsxApi = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/esm/api')), 'index.mjs')).href;
const bootstrap = `import(${JSON.stringify(tsxApi)}).then((api) => { api.register(); return import(${JSON.stringify(pathToFileURL(workerModule).href)}); });`;

interface Environment {
  worker: Worker;
  ready: Promise<boolean>;
  pending: Map<number, { resolve: (outcome: InvocationOutcome) => void; timer?: NodeJS.Timeout }>;
  retired: boolean;
}

/**
 * The Lambda service's stand-in. Each function runs in its own worker thread, started on its first
 * invocation (a cold start) with `env` set to the function's own environment, so its handler module
 * sees only what the CDK gives that function: process.env in a worker with `env` is private to it.
 * The function's timeout is enforced as Lambda does: the invocation fails ("Task timed out") and the
 * execution environment is thrown away; the next invocation starts a fresh one. One worker serves
 * a function's concurrent invocations (Lambda would start more environments), so a timed-out
 * worker stops taking new invocations and ends once the others it is running have settled.
 */
export function startLocalFunctions(
  definitions: Readonly<Record<string, LocalFunctionDefinition>>,
  log: (line: string) => void = console.error,
): LocalFunctions {
  const current = new Map<string, Environment>();
  const all = new Set<Environment>();
  let nextId = 1;

  const end = (environment: Environment) => {
    all.delete(environment);
    void environment.worker.terminate();
  };

  const start = (name: string, definition: LocalFunctionDefinition): Environment => {
    const setup: WorkerSetup = { name, entry: join(repositoryRoot, definition.entry), memoryMb: definition.memoryMb };
    const worker = new Worker(bootstrap, {
      eval: true,
      workerData: setup,
      execArgv: [],
      env: {
        ...definition.environment(),
        // What the Lambda runtime sets itself.
        AWS_REGION: 'eu-north-1',
        AWS_LAMBDA_FUNCTION_NAME: localFunctionName(name),
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
        // Powertools reports cold starts only for on-demand environments.
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        // A developer's switch for debug logs (functions/shared/logger.ts), not configuration.
        ...(process.env.DEBUG ? { POWERTOOLS_LOG_LEVEL: 'DEBUG' } : {}),
      },
    });
    worker.unref();
    const environment: Environment = { worker, pending: new Map(), retired: false, ready: Promise.resolve(false) };
    const failAll = (message: string) => {
      for (const { resolve, timer } of environment.pending.values()) {
        clearTimeout(timer);
        resolve({ kind: 'error', message });
      }
      environment.pending.clear();
    };
    const retire = () => {
      environment.retired = true;
      if (current.get(name) === environment) current.delete(name);
    };
    environment.ready = new Promise<boolean>((resolve) => {
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') return resolve(true);
        if (message.type === 'init-error') {
          log(`Lambda ${name}: init failed: ${message.message}`);
          retire();
          end(environment);
          return resolve(false);
        }
        const waiting = environment.pending.get(message.id);
        if (!waiting) return;
        clearTimeout(waiting.timer);
        environment.pending.delete(message.id);
        if (message.type === 'error') log(`Lambda ${name}: ${message.message}`);
        waiting.resolve(message.type === 'result' ? { kind: 'result', value: message.value } : { kind: 'error', message: message.message });
        if (environment.retired && environment.pending.size === 0) end(environment);
      });
      worker.on('error', (error) => {
        log(`Lambda ${name}: ${error.stack ?? error.message}`);
        retire();
        failAll(error.message);
        resolve(false);
      });
      worker.on('exit', () => {
        retire();
        all.delete(environment);
        failAll('the execution environment exited');
        resolve(false);
      });
    });
    all.add(environment);
    current.set(name, environment);
    return environment;
  };

  return {
    async invoke(name, event) {
      const definition = definitions[name];
      if (!definition) throw new Error(`No local function ${name}`);
      const environment = current.get(name) ?? start(name, definition);
      // Init (module load) has its own limit in Lambda; the timeout counts from the invocation.
      if (!(await environment.ready)) return { kind: 'error', message: `${name}: init failed` };
      const id = nextId++;
      const timeoutMs = definition.timeoutSeconds * 1000;
      return new Promise<InvocationOutcome>((resolve) => {
        const timer = setTimeout(() => {
          environment.pending.delete(id);
          log(`Lambda ${name}: Task timed out after ${definition.timeoutSeconds} seconds`);
          environment.retired = true;
          if (current.get(name) === environment) current.delete(name);
          if (environment.pending.size === 0) end(environment);
          resolve({ kind: 'timeout' });
        }, timeoutMs);
        environment.pending.set(id, { resolve, timer });
        environment.worker.postMessage({ id, event, deadline: Date.now() + timeoutMs } satisfies ToWorker);
      });
    },
    async stop() {
      current.clear();
      await Promise.all([...all].map((environment) => environment.worker.terminate()));
      all.clear();
    },
  };
}
