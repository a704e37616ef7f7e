/**
 * Whether the local Redis is there. Under CI=true a missing Redis fails the run; elsewhere
 * the Redis suites are skipped with a printed reason.
 */
import { Redis } from 'ioredis';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function probe(): Promise<string | null> {
  const r = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2000, retryStrategy: () => null });
  try {
    await r.connect();
    await r.ping();
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    r.disconnect();
  }
}

export const redisProblem = await probe();
if (redisProblem && process.env.CI === 'true') throw new Error(`Redis is required under CI=true but ${REDIS_URL} is not reachable: ${redisProblem}`);
if (redisProblem) console.warn(`[flashmall tests] Redis suites skipped: ${REDIS_URL} unreachable (${redisProblem}). Start redis-server or set TEST_REDIS_URL.`);
