import type { ChildProcess } from 'node:child_process';
import net from 'node:net';

/** Region used for every local client; the local services accept any region, the SDK just needs one. */
export const localRegion = 'eu-north-1';

/** The local services accept any SigV4 signature; s3rver is the exception (see `s3LocalCredentials`). */
export const localCredentials = { accessKeyId: 'local', secretAccessKey: 'local' } as const;

/** Client settings for an AWS SDK v3 client pointed at one of the local services. */
export function localClientConfig(endpoint: string): {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return { endpoint, region: localRegion, credentials: { ...localCredentials } };
}

/**
 * Resolves true when nothing accepts connections on the port. Listening on the unspecified address
 * (dual stack) collides with a listener on any interface, so one probe covers 127.0.0.1, ::1 and 0.0.0.0.
 */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    probe.listen({ port, exclusive: true }, () => {
      probe.close(() => resolve(true));
    });
  });
}

/** A port that is free right now, chosen by the OS (tests and benchmarks that run side by side). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen({ port: 0, exclusive: true }, () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Fails with a message that names the service and the env var to change, because the in-process
 * servers (express, koa) would otherwise crash the process on EADDRINUSE or hang without listening.
 */
export async function assertPortFree(port: number, service: string, envVar: string): Promise<void> {
  if (!(await isPortFree(port))) {
    throw new Error(
      `${service}: port ${port} is already in use (another \`npm start\` or another program?). ` + `Stop it or choose another port with ${envVar}.`,
    );
  }
}

/** Polls `check` until it resolves true; `failFast` lets a caller abort early (e.g. the child died). */
export async function waitUntil(
  check: () => Promise<boolean>,
  opts: { timeoutMs: number; intervalMs?: number; description: string; failFast?: () => Error | undefined },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const early = opts.failFast?.();
    if (early) throw early;
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` Last error: ${lastError.message}` : '';
      throw new Error(`Timed out after ${opts.timeoutMs} ms waiting for ${opts.description}.${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, opts.intervalMs ?? 200));
  }
}

/**
 * Keeps the last lines a child wrote, so a failed start can say why instead of just "timed out",
 * and drains the pipes so a chatty child never blocks on a full buffer.
 */
export function captureOutput(child: ChildProcess, maxLines = 40): () => string {
  const lines: string[] = [];
  const collect = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > maxLines) lines.shift();
    }
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return () => lines.join('\n');
}

/**
 * Ties a child's life to ours: if this process exits without calling stop() (a crashed test run,
 * Ctrl-C), the child is killed synchronously instead of being left holding its port.
 * Returns the function that stops the child: SIGTERM, SIGKILL after a grace period, resolves on exit.
 */
export function manageChild(child: ChildProcess, graceMs = 5000): () => Promise<void> {
  const killOnExit = (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    }
  };
}
