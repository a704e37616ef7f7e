/**
 * Runs the proof of work for joining a launch: in a Web Worker when the browser has them
 * (the page stays responsive), else in slices on the main thread. Rejects on abort.
 */

export function solvePow(challenge: string, difficulty: number, signal: AbortSignal, onProgress?: (tries: number) => void): Promise<string> {
  if (difficulty <= 0) return Promise.resolve('0');
  return new Promise((resolve, reject) => {
    const aborted = () => reject(new DOMException('aborted', 'AbortError'));
    if (signal.aborted) return aborted();
    let worker: Worker | null;
    try {
      worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      worker = null;
    }
    if (worker) {
      const w = worker;
      signal.addEventListener('abort', () => {
        w.terminate();
        aborted();
      });
      w.onmessage = (e: MessageEvent<{ solution?: string; tries: number }>) => {
        onProgress?.(e.data.tries);
        if (e.data.solution !== undefined) {
          w.terminate();
          resolve(e.data.solution);
        }
      };
      w.onerror = (e) => {
        // A worker that cannot start (blocked by policy): do it here instead.
        e.preventDefault();
        w.terminate();
        sliced();
      };
      w.postMessage({ challenge, difficulty });
      return;
    }
    sliced();

    function sliced() {
      // Only when workers are unavailable: the hasher then loads as a chunk of its own.
      void import('./sha256').then(({ PowSearch }) => {
        const search = new PowSearch(challenge, difficulty);
        const step = () => {
          if (signal.aborted) return aborted();
          const found = search.run(20_000);
          onProgress?.(search.next);
          if (found !== null) resolve(found);
          else setTimeout(step, 0);
        };
        step();
      }, reject);
    }
  });
}
