/**
 * Helpers the migrations share. Frozen like the migrations that use them: a helper is
 * never changed once a migration calls it (a different one gets a new name).
 */
import type { CreateTableBuilder } from 'kysely';
import type { EngineKind } from '../engine.js';

/** Auto-increment id column on either engine. */
export function serialId(kind: EngineKind) {
  return (t: CreateTableBuilder<string, string>) =>
    t.addColumn('id', kind === 'postgres' ? 'bigserial' : 'integer', (c) => (kind === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()));
}
