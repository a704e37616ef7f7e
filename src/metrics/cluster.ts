/**
 * Metrics of several worker processes on one port (FLASHMALL_WORKERS=N, node:cluster): a scrape
 * reaches whichever worker the primary hands the connection to, so that worker asks the primary,
 * which collects every worker's registry (prom-client's AggregatorRegistry) and answers with all
 * of them. Each worker's series keep their own `process` label, so nothing is added up: the text
 * is every process's series side by side, exactly as if each had been scraped alone.
 */
import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

const REQ = 'flashmall:metrics-req';
const RES = 'flashmall:metrics-res';

/** In the cluster primary: answers workers' requests for every worker's metrics. */
export function servePrimaryMetrics(): void {
  const agg = new AggregatorRegistry();
  cluster.on('message', (worker, msg: { type?: string; id?: string }) => {
    if (msg?.type !== REQ) return;
    agg.clusterMetrics().then(
      (text) => worker.send({ type: RES, id: msg.id, text }),
      (err: Error) => worker.send({ type: RES, id: msg.id, error: err.message }),
    );
  });
}

/**
 * In a cluster worker: offers this registry to the primary's collection, and returns the text of
 * every worker's metrics (asked of the primary), or null when this process is no cluster worker.
 */
export function clusterMetricsText(registry: Registry): (() => Promise<string>) | null {
  if (!cluster.isWorker || !process.send) return null;
  new AggregatorRegistry(); // its workers' side answers the primary's collection requests
  AggregatorRegistry.setRegistries([registry]);
  const waiting = new Map<string, { resolve: (t: string) => void; reject: (e: Error) => void }>();
  process.on('message', (msg: { type?: string; id?: string; text?: string; error?: string }) => {
    if (msg?.type !== RES || !msg.id) return;
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (msg.error) w?.reject(new Error(msg.error));
    else w?.resolve(msg.text ?? '');
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = randomUUID();
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the primary did not answer with the workers\' metrics'));
      }, 6000);
      waiting.set(id, {
        resolve: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      process.send!({ type: REQ, id });
    });
}
