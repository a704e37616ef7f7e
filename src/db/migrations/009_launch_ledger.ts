/** Migration 009_launch_ledger: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/**
 * The launch ledger defends its own invariants (migration 009), whatever code writes to it:
 *
 * - `launch_items` keep the books of each launch SKU (`held`, `sold`), maintained by triggers on
 *   `holds` and checked by a constraint: `held + sold <= allotment`, so no statement can sell a
 *   unit twice;
 * - `launch_buyers` count each buyer's units (held or paid) under a constraint `units <=
 *   unit_limit` (the launch's per-buyer limit, copied at the buyer's first hold);
 * - holds are never deleted, and their launch, SKU, buyer and quantity never change;
 * - `launch_answers`: every answer given to an idempotency key (a hold or a refusal code, with
 *   the SKU and quantity asked for), one row per (launch, buyer, key) — the arbiter of "the same
 *   key gets the same answer";
 * - `launch_fences`: the generation (epoch) of the stock authority's state and of the waiting
 *   room; a hold or a place is written only if the epoch it was decided in is still current,
 *   checked in the writing transaction (holds carry theirs in `holds.epoch`).
 *
 * Existing launches are counted into the new books first, then the triggers are created.
 */
export function launchLedgerMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<unknown>) {
      const run = (...stmts: string[]) => stmts.reduce((p, s) => p.then(() => sql.raw(s).execute(db)).then(() => undefined), Promise.resolve());
      if (kind === 'sqlite') {
        await run(
          `ALTER TABLE launch_items ADD COLUMN held integer NOT NULL DEFAULT 0 CHECK (held >= 0)`,
          `ALTER TABLE launch_items ADD COLUMN sold integer NOT NULL DEFAULT 0 CHECK (sold >= 0 AND held + sold <= allotment)`,
        );
      } else {
        await run(`ALTER TABLE launch_items ADD COLUMN held integer NOT NULL DEFAULT 0, ADD COLUMN sold integer NOT NULL DEFAULT 0`);
      }
      await run(
        `UPDATE launch_items SET
           held = COALESCE((SELECT SUM(h.quantity) FROM holds h WHERE h.launch_id = launch_items.launch_id AND h.sku_id = launch_items.sku_id AND h.status = 'held'), 0),
           sold = COALESCE((SELECT SUM(h.quantity) FROM holds h WHERE h.launch_id = launch_items.launch_id AND h.sku_id = launch_items.sku_id AND h.status = 'paid'), 0)`,
      );
      if (kind === 'postgres') await run(`ALTER TABLE launch_items ADD CONSTRAINT launch_items_books CHECK (held >= 0 AND sold >= 0 AND held + sold <= allotment)`);

      await run(
        `CREATE TABLE launch_buyers (
           launch_id text NOT NULL, buyer_id text NOT NULL, units integer NOT NULL, unit_limit integer NOT NULL,
           CONSTRAINT launch_buyers_limit CHECK (units >= 0 AND units <= unit_limit),
           PRIMARY KEY (launch_id, buyer_id))`,
        // A buyer already past a limit before this ledger existed keeps what they have (and can take no more).
        `INSERT INTO launch_buyers (launch_id, buyer_id, units, unit_limit)
           SELECT h.launch_id, h.buyer_id, SUM(h.quantity), MAX(l.per_buyer_limit) FROM holds h JOIN launches l ON l.id = h.launch_id
           WHERE h.status IN ('held', 'paid') GROUP BY h.launch_id, h.buyer_id`,
        `UPDATE launch_buyers SET unit_limit = units WHERE units > unit_limit`,
        `CREATE TABLE launch_answers (
           launch_id text NOT NULL, buyer_id text NOT NULL, idempotency_key text NOT NULL,
           sku_id text NOT NULL, quantity integer NOT NULL, hold_id text, code text, answered_at bigint NOT NULL,
           CONSTRAINT launch_answers_one CHECK ((hold_id IS NULL) <> (code IS NULL)),
           PRIMARY KEY (launch_id, buyer_id, idempotency_key))`,
        `INSERT INTO launch_answers (launch_id, buyer_id, idempotency_key, sku_id, quantity, hold_id, code, answered_at)
           SELECT launch_id, buyer_id, idempotency_key, sku_id, quantity, id, NULL, created_at FROM holds`,
        `CREATE TABLE launch_fences (launch_id text PRIMARY KEY, stock_epoch integer NOT NULL, room_epoch integer NOT NULL)`,
        `INSERT INTO launch_fences (launch_id, stock_epoch, room_epoch) SELECT id, 1, 1 FROM launches`,
        `ALTER TABLE holds ADD COLUMN epoch integer NOT NULL DEFAULT 0`,
      );
      // The key's one answer is launch_answers' primary key now: the holds' own unique index on it
      // is dropped (one index less to write per hold). SQLite cannot drop a table constraint, so
      // the table is rebuilt (before any trigger exists on it).
      if (kind === 'postgres') await run(`ALTER TABLE holds DROP CONSTRAINT holds_idempotency`);
      else {
        await run(
          `CREATE TABLE holds_next (
             id text PRIMARY KEY, launch_id text NOT NULL, sku_id text NOT NULL, buyer_id text NOT NULL, quantity integer NOT NULL,
             price_minor bigint NOT NULL, currency text NOT NULL, status text NOT NULL, idempotency_key text NOT NULL,
             expires_at bigint NOT NULL, order_id text, created_at bigint NOT NULL, updated_at bigint NOT NULL, epoch integer NOT NULL DEFAULT 0)`,
          `INSERT INTO holds_next SELECT id, launch_id, sku_id, buyer_id, quantity, price_minor, currency, status, idempotency_key, expires_at, order_id, created_at, updated_at, epoch FROM holds`,
          `DROP TABLE holds`,
          `ALTER TABLE holds_next RENAME TO holds`,
          `CREATE INDEX holds_due ON holds (status, expires_at)`,
          `CREATE INDEX holds_buyer ON holds (buyer_id, created_at)`,
          `CREATE INDEX holds_order ON holds (order_id)`,
        );
      }

      if (kind === 'sqlite') {
        await run(
          `CREATE TRIGGER holds_books_insert AFTER INSERT ON holds BEGIN
             SELECT RAISE(ABORT, 'holds: SKU not in its launch') WHERE NOT EXISTS (SELECT 1 FROM launch_items WHERE launch_id = NEW.launch_id AND sku_id = NEW.sku_id);
             UPDATE launch_items SET held = held + (NEW.status = 'held') * NEW.quantity, sold = sold + (NEW.status = 'paid') * NEW.quantity
               WHERE launch_id = NEW.launch_id AND sku_id = NEW.sku_id;
             INSERT INTO launch_buyers (launch_id, buyer_id, units, unit_limit)
               SELECT NEW.launch_id, NEW.buyer_id, NEW.quantity * (NEW.status IN ('held', 'paid')), per_buyer_limit FROM launches WHERE id = NEW.launch_id
               ON CONFLICT (launch_id, buyer_id) DO UPDATE SET units = units + excluded.units;
           END`,
          `CREATE TRIGGER holds_immutable BEFORE UPDATE OF id, launch_id, sku_id, buyer_id, quantity, idempotency_key, epoch ON holds
             WHEN NEW.id IS NOT OLD.id OR NEW.launch_id IS NOT OLD.launch_id OR NEW.sku_id IS NOT OLD.sku_id OR NEW.buyer_id IS NOT OLD.buyer_id
               OR NEW.quantity IS NOT OLD.quantity OR NEW.idempotency_key IS NOT OLD.idempotency_key OR NEW.epoch IS NOT OLD.epoch
           BEGIN SELECT RAISE(ABORT, 'holds: only status, expiry and order change'); END`,
          `CREATE TRIGGER holds_books_update AFTER UPDATE OF status ON holds WHEN NEW.status IS NOT OLD.status BEGIN
             UPDATE launch_items SET
                 held = held - (OLD.status = 'held') * OLD.quantity + (NEW.status = 'held') * NEW.quantity,
                 sold = sold - (OLD.status = 'paid') * OLD.quantity + (NEW.status = 'paid') * NEW.quantity
               WHERE launch_id = NEW.launch_id AND sku_id = NEW.sku_id;
             UPDATE launch_buyers SET units = units - OLD.quantity * (OLD.status IN ('held', 'paid')) + NEW.quantity * (NEW.status IN ('held', 'paid'))
               WHERE launch_id = NEW.launch_id AND buyer_id = NEW.buyer_id;
           END`,
          `CREATE TRIGGER holds_append_only BEFORE DELETE ON holds BEGIN SELECT RAISE(ABORT, 'holds: the ledger is append-only'); END`,
        );
      } else {
        // Statement-level triggers: one batch of holds moves each SKU's books once. Rows are
        // locked in (launch, sku) then (launch, buyer) order, as every writer does, so
        // concurrent batches never deadlock.
        await run(
          `CREATE FUNCTION holds_books_insert() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE r record; n integer;
           BEGIN
             FOR r IN SELECT launch_id, sku_id, SUM(CASE WHEN status = 'held' THEN quantity ELSE 0 END) AS h, SUM(CASE WHEN status = 'paid' THEN quantity ELSE 0 END) AS s
                      FROM new_rows GROUP BY launch_id, sku_id ORDER BY launch_id, sku_id LOOP
               UPDATE launch_items SET held = held + r.h, sold = sold + r.s WHERE launch_id = r.launch_id AND sku_id = r.sku_id;
               GET DIAGNOSTICS n = ROW_COUNT;
               IF n <> 1 THEN RAISE EXCEPTION 'holds: SKU % not in launch %', r.sku_id, r.launch_id USING ERRCODE = 'check_violation'; END IF;
             END LOOP;
             FOR r IN SELECT n.launch_id, n.buyer_id, SUM(CASE WHEN n.status IN ('held', 'paid') THEN n.quantity ELSE 0 END) AS u, MAX(l.per_buyer_limit) AS lim
                      FROM new_rows n JOIN launches l ON l.id = n.launch_id GROUP BY n.launch_id, n.buyer_id ORDER BY n.launch_id, n.buyer_id LOOP
               INSERT INTO launch_buyers (launch_id, buyer_id, units, unit_limit) VALUES (r.launch_id, r.buyer_id, r.u, r.lim)
                 ON CONFLICT (launch_id, buyer_id) DO UPDATE SET units = launch_buyers.units + excluded.units;
             END LOOP;
             RETURN NULL;
           END $$`,
          `CREATE TRIGGER holds_books_insert AFTER INSERT ON holds REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holds_books_insert()`,
          `CREATE FUNCTION holds_books_update() RETURNS trigger LANGUAGE plpgsql AS $$
           DECLARE r record;
           BEGIN
             IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.launch_id <> o.launch_id OR n.sku_id <> o.sku_id OR n.buyer_id <> o.buyer_id
                          OR n.quantity <> o.quantity OR n.idempotency_key <> o.idempotency_key OR n.epoch <> o.epoch)
                OR (SELECT COUNT(*) FROM old_rows) <> (SELECT COUNT(*) FROM old_rows o JOIN new_rows n ON n.id = o.id) THEN
               RAISE EXCEPTION 'holds: only status, expiry and order change' USING ERRCODE = 'check_violation';
             END IF;
             FOR r IN SELECT n.launch_id, n.sku_id,
                        SUM((CASE WHEN n.status = 'held' THEN n.quantity ELSE 0 END) - (CASE WHEN o.status = 'held' THEN o.quantity ELSE 0 END)) AS h,
                        SUM((CASE WHEN n.status = 'paid' THEN n.quantity ELSE 0 END) - (CASE WHEN o.status = 'paid' THEN o.quantity ELSE 0 END)) AS s
                      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.status <> o.status
                      GROUP BY n.launch_id, n.sku_id ORDER BY n.launch_id, n.sku_id LOOP
               UPDATE launch_items SET held = held + r.h, sold = sold + r.s WHERE launch_id = r.launch_id AND sku_id = r.sku_id;
             END LOOP;
             FOR r IN SELECT n.launch_id, n.buyer_id,
                        SUM((CASE WHEN n.status IN ('held', 'paid') THEN n.quantity ELSE 0 END) - (CASE WHEN o.status IN ('held', 'paid') THEN o.quantity ELSE 0 END)) AS u
                      FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.status <> o.status
                      GROUP BY n.launch_id, n.buyer_id ORDER BY n.launch_id, n.buyer_id LOOP
               UPDATE launch_buyers SET units = units + r.u WHERE launch_id = r.launch_id AND buyer_id = r.buyer_id;
             END LOOP;
             RETURN NULL;
           END $$`,
          `CREATE TRIGGER holds_books_update AFTER UPDATE ON holds REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION holds_books_update()`,
          `CREATE FUNCTION holds_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN RAISE EXCEPTION 'holds: the ledger is append-only' USING ERRCODE = 'check_violation'; END $$`,
          `CREATE TRIGGER holds_append_only BEFORE DELETE OR TRUNCATE ON holds FOR EACH STATEMENT EXECUTE FUNCTION holds_append_only()`,
        );
      }
    },
  };
}
