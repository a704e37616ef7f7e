/** Migration 020_catalog_i18n: frozen, never edited once applied (see ../migrations.ts). */
import { sql, type Kysely, type Migration } from 'kysely';
import type { EngineKind } from '../engine.js';

/** The products columns 020 reads and writes, as they were then. */
interface CatalogI18nMigrationDb {
  products: { id: string; title: string; description: string; options_json: string; search_title: string; search_body: string };
}

/** A product option as stored before 020 (no per-locale texts yet). */
interface OptionAsStored {
  name: string;
  values: string[];
}

const words = new Intl.Segmenter('zh', { granularity: 'word' });
const WORD = /^[\p{L}\p{N}]+$/u;

/**
 * The index text of 020's search (as `db/dialect.ts` built it then): the ICU segmenter's
 * words (NFKC, lower case, letters and digits, at most 40 characters), and for every run of
 * Chinese also each character and each pair of neighbours, space-separated, at most 20,000
 * characters.
 */
function indexText(texts: readonly string[]): string {
  const tokens = new Set<string>();
  for (const text of texts) {
    for (const s of words.segment(text.normalize('NFKC').toLowerCase())) if (s.isWordLike && WORD.test(s.segment)) tokens.add(s.segment.slice(0, 40));
    for (const run of text.normalize('NFKC').match(/\p{Script=Han}+/gu) ?? []) {
      const chars = [...run];
      chars.forEach((c, k) => {
        tokens.add(c);
        if (k + 1 < chars.length) tokens.add(c + chars[k + 1]);
      });
    }
  }
  return [...tokens].join(' ').slice(0, 20_000);
}

/**
 * Catalog content in every locale, and search that works for Chinese: products, stores and
 * launches get a `texts_json` column (per-locale title/name and description, next to the
 * primary text they always had); products get `search_title` and `search_body`, the
 * segmented text of every locale (catalog/search.ts), which the full-text index now reads
 * instead of the raw title and description — Chinese has no spaces, so the raw text gave
 * the index no words to find. Existing products are indexed here once.
 */
export function catalogI18nMigration(kind: EngineKind): Migration {
  return {
    async up(db: Kysely<CatalogI18nMigrationDb>) {
      await db.schema.alterTable('products').addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      await db.schema.alterTable('products').addColumn('search_title', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('products').addColumn('search_body', 'text', (c) => c.notNull().defaultTo('')).execute();
      await db.schema.alterTable('stores').addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      await db.schema.alterTable('launches').addColumn('texts_json', 'text', (c) => c.notNull().defaultTo('{}')).execute();
      const rows = await db.selectFrom('products').select(['id', 'title', 'description', 'options_json']).execute();
      for (const r of rows) {
        const options = JSON.parse(r.options_json) as OptionAsStored[];
        const cols = { search_title: indexText([r.title]), search_body: indexText([r.description, ...options.flatMap((o) => [o.name, ...o.values])]) };
        await db.updateTable('products').set(cols).where('id', '=', r.id).execute();
      }
      if (kind === 'sqlite') {
        await sql`DROP TRIGGER products_fts_ins`.execute(db);
        await sql`DROP TRIGGER products_fts_upd`.execute(db);
        await sql`DROP TRIGGER products_fts_del`.execute(db);
        await sql`DELETE FROM product_fts`.execute(db);
        await sql`INSERT INTO product_fts(product_id, title, description) SELECT id, search_title, search_body FROM products`.execute(db);
        await sql`CREATE TRIGGER products_fts_ins AFTER INSERT ON products BEGIN
          INSERT INTO product_fts(product_id, title, description) VALUES (new.id, new.search_title, new.search_body); END`.execute(db);
        await sql`CREATE TRIGGER products_fts_upd AFTER UPDATE OF search_title, search_body ON products BEGIN
          DELETE FROM product_fts WHERE product_id = old.id;
          INSERT INTO product_fts(product_id, title, description) VALUES (new.id, new.search_title, new.search_body); END`.execute(db);
        await sql`CREATE TRIGGER products_fts_del AFTER DELETE ON products BEGIN
          DELETE FROM product_fts WHERE product_id = old.id; END`.execute(db);
      } else {
        await sql`ALTER TABLE products DROP COLUMN search_vector`.execute(db);
        await sql`ALTER TABLE products ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
          (setweight(to_tsvector('simple', search_title), 'A') || setweight(to_tsvector('simple', search_body), 'B')) STORED`.execute(db);
        await sql`CREATE INDEX products_search ON products USING GIN (search_vector)`.execute(db);
      }
    },
  };
}
