/**
 * Migrations are frozen (src/db/migrations.ts): each file under src/db/migrations imports
 * nothing from the application, and none changes once written — its SHA-256 is recorded in
 * src/db/migrations/FROZEN.sha256, so an edit fails here until someone deliberately records
 * it (which is only right for a migration no database has run yet). Every file is listed in
 * the runner, in the order of its name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { migrationsFor } from '../src/db/migrations.js';

const dir = path.join(import.meta.dirname, '../src/db/migrations');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
const migrationFiles = files.filter((f) => /^\d{3}_/.test(f));

describe('frozen migrations', () => {
  it('import only Kysely, Node, the engine kind, their shared helpers and earlier migrations', () => {
    expect(migrationFiles.length).toBeGreaterThan(10);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      for (const [, from] of text.matchAll(/^import [^;]*? from '([^']+)';/gms)) {
        const earlier = /^\.\/(\d{3}_[a-z0-9_]+)\.js$/.exec(from!)?.[1];
        const allowed = from === 'kysely' || from!.startsWith('node:') || from === '../engine.js' || from === './kit.js' || (earlier !== undefined && `${earlier}.ts` < f);
        expect(allowed, `${f} imports ${from}`).toBe(true);
        if (from === '../engine.js') expect(text, `${f} imports only types from the engine`).toMatch(/^import type \{[^}]*\} from '\.\.\/engine\.js';/m);
      }
    }
  });

  it('are unchanged since they were recorded', () => {
    const recorded = new Map(
      fs
        .readFileSync(path.join(dir, 'FROZEN.sha256'), 'utf8')
        .trim()
        .split('\n')
        .map((line) => {
          const [hash, name] = line.trim().split(/\s+/);
          return [name!, hash!] as const;
        }),
    );
    for (const f of files) {
      const hash = createHash('sha256').update(fs.readFileSync(path.join(dir, f))).digest('hex');
      expect(recorded.get(f), `${f} is not recorded in FROZEN.sha256 (a new migration: add its hash)`).toBeDefined();
      expect(hash, `${f} changed after it was frozen: write a new migration instead`).toBe(recorded.get(f));
    }
    expect([...recorded.keys()].sort()).toEqual(files);
  });

  it('run in the order of their file names, every file once', () => {
    const names = Object.keys(migrationsFor('sqlite'));
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(migrationFiles.map((f) => f.replace(/\.ts$/, '')));
    expect(Object.keys(migrationsFor('postgres'))).toEqual(names);
  });
});
