/**
 * The web app's API types: `npm run gen:api-types` builds the app in-process (not listening,
 * on a throwaway SQLite data dir, no demo data), takes its OpenAPI document and turns it into
 * TypeScript with openapi-typescript, written to web/src/lib/api.gen.ts. test/api-types.test.ts
 * regenerates the same text in memory and fails when the committed file differs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openEngine } from '../src/db/engine.js';

/** Where the generated types live (committed). */
export const API_TYPES_FILE = fileURLToPath(new URL('../web/src/lib/api.gen.ts', import.meta.url));

const HEADER = `/**
 * The API's types, generated from its OpenAPI document (/api/openapi.json) by
 * tools/api-types.ts with openapi-typescript. Do not edit: change the route schemas
 * (src/<area>/routes.ts) and run \`npm run gen:api-types\`.
 */

`;

/** The OpenAPI document of an app built from the code as it is (default settings, empty database). */
export async function buildOpenApiDocument(): Promise<OpenAPI3> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fm-api-types-'));
  try {
    const config = loadConfig({}, { dataDir, logLevel: 'silent', seedDemo: false, port: 0 });
    const engine = openEngine({ dataDir });
    const fm = await buildApp({ config, engine, sweep: false });
    try {
      await fm.app.ready();
      // A JSON round trip: the document as /api/openapi.json serves it (no undefined members).
      return JSON.parse(JSON.stringify(fm.app.swagger())) as OpenAPI3;
    } finally {
      await fm.close();
    }
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The document without the paths outside /api/: the web app shell (`/`, and `/{*}` only when
 * web/dist is built, so the output would depend on a build) and the sandbox gateway's pay
 * pages are not the JSON API the web app calls.
 */
export function apiOnly(document: OpenAPI3): OpenAPI3 {
  const paths = Object.fromEntries(Object.entries(document.paths ?? {}).filter(([p]) => p.startsWith('/api/')));
  return { ...document, paths };
}

/** The text of web/src/lib/api.gen.ts for an OpenAPI document: header, types, LF line ends, one final newline. */
export async function renderApiTypes(document: OpenAPI3): Promise<string> {
  const nodes = await openapiTS(apiOnly(document), { silent: true });
  const body = astToString(nodes).replace(/\r\n/g, '\n').trimEnd();
  return `${HEADER}${body}\n`;
}

/** The generated text for the code as it is. */
export async function generateApiTypes(): Promise<string> {
  return renderApiTypes(await buildOpenApiDocument());
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const text = await generateApiTypes();
  const before = fs.existsSync(API_TYPES_FILE) ? fs.readFileSync(API_TYPES_FILE, 'utf8') : null;
  if (before === text) {
    console.log(`${path.relative(process.cwd(), API_TYPES_FILE)} is up to date`);
  } else {
    fs.writeFileSync(API_TYPES_FILE, text);
    console.log(`wrote ${path.relative(process.cwd(), API_TYPES_FILE)}`);
  }
}
