/**
 * The web app's API types (web/src/lib/api.gen.ts) are generated from the OpenAPI document;
 * this regenerates them in memory and fails when the committed file differs, so a change to a
 * route's schema cannot leave the web app's types behind.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, generateApiTypes } from '../tools/api-types.js';

/** The first line where two texts differ, for the failure message. */
function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}:\n  committed: ${al[i] ?? '(end of file)'}\n  generated: ${bl[i] ?? '(end of file)'}`;
  }
  return 'no line differs';
}

describe('generated API types', () => {
  it('web/src/lib/api.gen.ts matches the OpenAPI document of the code as it is', async () => {
    const generated = await generateApiTypes();
    const rel = path.relative(process.cwd(), API_TYPES_FILE);
    const committed = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : null;
    if (committed !== generated) {
      const why = committed === null ? `${rel} is missing` : `${rel} is out of date (first difference at ${firstDifference(committed, generated)})`;
      expect.fail(`${why}. Run \`npm run gen:api-types\` and commit the result.`);
    }
  });

  it('has every component web/src/lib/types.ts names', () => {
    const text = fs.readFileSync(API_TYPES_FILE, 'utf8');
    const types = fs.readFileSync(path.join(path.dirname(API_TYPES_FILE), 'types.ts'), 'utf8');
    const names = [...types.matchAll(/Schemas\['(\w+)'\]/g)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    const components = text.slice(text.indexOf('export interface components {'));
    for (const name of names) expect(components, `components.schemas.${name}`).toMatch(new RegExp(`^        ${name}: \\{$`, 'm'));
  });
});
