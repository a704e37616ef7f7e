/**
 * Messages every app process hears at once: a session revoked, a member removed from a
 * store. Embedded: handlers in this process. Scale-out: the same, plus Redis pub/sub on one
 * channel under the key prefix, so the other processes' handlers run too (within the
 * delivery time of a PUBLISH, not a cache lifetime). Handlers in the publishing process run
 * before `publish` returns.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

/** The topics processes tell each other about. */
export type BroadcastTopic = 'session-revoked' | 'member-removed';

/** Publish to every process; subscribe to what any process publishes. */
export interface Broadcast {
  /** Runs this process's handlers now, then tells every other process (resolves once Redis took it). */
  publish(topic: BroadcastTopic, message: string): Promise<void>;
  /** Calls `fn` for each message on the topic, from any process; returns the unsubscribe function. */
  subscribe(topic: BroadcastTopic, fn: (message: string) => void): () => void;
}

class LocalHandlers {
  private readonly byTopic = new Map<BroadcastTopic, Set<(message: string) => void>>();
  run(topic: BroadcastTopic, message: string): void {
    for (const fn of this.byTopic.get(topic) ?? []) fn(message);
  }
  add(topic: BroadcastTopic, fn: (message: string) => void): () => void {
    const set = this.byTopic.get(topic) ?? new Set();
    set.add(fn);
    this.byTopic.set(topic, set);
    return () => set.delete(fn);
  }
}

/** One process: the handlers are all there is. */
export function memoryBroadcast(): Broadcast {
  const local = new LocalHandlers();
  return {
    publish(topic, message) {
      local.run(topic, message);
      return Promise.resolve();
    },
    subscribe: (topic, fn) => local.add(topic, fn),
  };
}

/** Many processes: local handlers plus one Redis channel (`${prefix}broadcast`) on the shared subscriber connection. */
export function redisBroadcast(o: { redis: Redis; subscriber: Redis; prefix: string; log?: { error(obj: object, msg: string): void } }): Broadcast {
  const local = new LocalHandlers();
  const origin = randomUUID();
  const channel = `${o.prefix}broadcast`;
  void o.subscriber.subscribe(channel).catch((err: unknown) => o.log?.error({ err }, 'broadcast subscription failed'));
  o.subscriber.on('message', (ch: string, raw: string) => {
    if (ch !== channel) return;
    const [from, topic, ...rest] = raw.split('|');
    if (from === origin || !topic) return;
    local.run(topic as BroadcastTopic, rest.join('|'));
  });
  return {
    async publish(topic, message) {
      local.run(topic, message);
      await o.redis.publish(channel, `${origin}|${topic}|${message}`);
    },
    subscribe: (topic, fn) => local.add(topic, fn),
  };
}
