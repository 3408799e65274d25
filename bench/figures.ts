/** Small helpers the bench sections share: percentiles, formatting, a bounded worker pool. */

/** Nearest-rank percentile of an ascending list. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const ms = (value: number) => `${value.toFixed(1)} ms`;

/**
 * Runs `task(0 … count-1)` with at most `concurrency` in flight: each worker takes the next index
 * as soon as its previous task settles, as `concurrency` independent clients would.
 */
export async function inParallel(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

/** Runs `task` for every index at the given concurrency and records each one's duration (ms). */
export async function timedInParallel(
  count: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<{ durations: number[]; seconds: number }> {
  const durations: number[] = [];
  const start = performance.now();
  await inParallel(count, concurrency, async (index) => {
    const begun = performance.now();
    await task(index);
    durations.push(performance.now() - begun);
  });
  const seconds = (performance.now() - start) / 1000;
  return { durations: durations.sort((a, b) => a - b), seconds };
}
