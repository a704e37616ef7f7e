/**
 * The error codes each route can reach, by a static scan of src/ with the TypeScript compiler
 * API: `npx tsx tools/route-error-codes.ts` prints, per route, the codes its handler and hooks
 * can throw or return that its `errorsOf(...)` does not list (exit 1 if any).
 * test/errors.test.ts runs the same comparison.
 *
 * The scan over-approximates: a function "reaches" every code written as a string literal in
 * its body (a throw, a returned refusal, a comparison), every code of the functions it calls
 * or names (resolved by the type checker; a call through an interface reaches every class or
 * object literal that implements it) and of the constant tables it names. It misses calls it cannot resolve (a callback held in a
 * list, such as the order-transition hooks): those codes are caught by the test suites, which
 * run with `strictErrorCodes` (an unlisted code answers 500).
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { ERRORS, type ErrorCode } from '../src/shared/errors.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SRC = path.join(ROOT, 'src') + path.sep;

/** A route registered with a schema, and the codes the scan finds it can reach. */
export interface ScannedRoute {
  method: string;
  /** As registered (without the plugin prefix, e.g. `/cart`); template-literal paths are skipped. */
  url: string;
  file: string;
  line: number;
  codes: ErrorCode[];
}

const isCode = (s: string): s is ErrorCode => Object.hasOwn(ERRORS, s);
const isFn = (n: ts.Node) =>
  ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n) || ts.isGetAccessorDeclaration(n);
const inSrc = (n: ts.Node) => path.resolve(n.getSourceFile().fileName).startsWith(SRC);

const TABLE = path.join(SRC, 'shared', 'errors.ts');
const isTheTable = (d: ts.Node) => path.resolve(d.getSourceFile().fileName) === TABLE;
const unwrap = (e: ts.Expression): ts.Expression => (ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e) ? unwrap(e.expression) : e);

/** Scans src/ and returns every route registered with a schema, with the codes it can reach. */
export function scanRouteErrorCodes(): ScannedRoute[] {
  const cfg = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!cfg) throw new Error('tsconfig.json not readable');
  const program = ts.createProgram(cfg.fileNames.filter((f) => path.resolve(f).startsWith(SRC)), cfg.options);
  const checker = program.getTypeChecker();
  const files = program.getSourceFiles().filter((f) => path.resolve(f.fileName).startsWith(SRC));

  // What implements an interface's member: `Interface.member` → class members and object-literal properties.
  const impls = new Map<string, ts.Node[]>();
  const add = (k: string, n: ts.Node) => impls.set(k, [...(impls.get(k) ?? []), n]);
  for (const f of files) {
    const visit = (n: ts.Node) => {
      if (ts.isClassDeclaration(n)) {
        for (const h of n.heritageClauses ?? []) {
          for (const t of h.types) for (const m of n.members) if (m.name) add(`${t.expression.getText()}.${m.name.getText()}`, m);
        }
      }
      if (ts.isObjectLiteralExpression(n)) {
        const t = checker.getContextualType(n);
        const sym = t?.aliasSymbol ?? t?.getSymbol();
        if (sym) for (const p of n.properties) if (p.name) add(`${sym.getName()}.${p.name.getText()}`, p);
      }
      ts.forEachChild(n, visit);
    };
    visit(f);
  }

  const declarationsOf = (node: ts.Node): ts.Declaration[] => {
    let sym = checker.getSymbolAtLocation(node);
    if (sym && sym.flags & ts.SymbolFlags.Alias) sym = checker.getAliasedSymbol(sym);
    return (sym?.declarations ?? []).filter(inSrc);
  };

  /** The bodies a call or `new` can run. */
  const targets = (expr: ts.Expression): ts.Node[] => {
    const out: ts.Node[] = [];
    for (const d of declarationsOf(ts.isPropertyAccessExpression(expr) ? expr.name : expr)) {
      if (ts.isMethodSignature(d) || ts.isPropertySignature(d)) {
        const parent = d.parent;
        const owner = ts.isInterfaceDeclaration(parent) ? parent.name.text : ts.isTypeLiteralNode(parent) && ts.isTypeAliasDeclaration(parent.parent) ? parent.parent.name.text : '';
        out.push(...(impls.get(`${owner}.${d.name.getText()}`) ?? []));
      } else if (ts.isClassDeclaration(d)) {
        out.push(...d.members.filter(ts.isConstructorDeclaration));
      } else out.push(d);
    }
    return out;
  };

  const memo = new Map<ts.Node, Set<ErrorCode>>();
  const reach = (n: ts.Node, stack: Set<ts.Node>): Set<ErrorCode> => {
    const known = memo.get(n);
    if (known) return known;
    if (stack.has(n)) return new Set();
    stack.add(n);
    const out = new Set<ErrorCode>();
    const take = (from: ts.Node) => {
      for (const c of reach(from, stack)) out.add(c);
    };
    const visit = (x: ts.Node) => {
      if ((ts.isStringLiteral(x) || ts.isNoSubstitutionTemplateLiteral(x)) && isCode(x.text)) out.add(x.text);
      if (ts.isCallExpression(x) || ts.isNewExpression(x)) for (const t of targets(x.expression)) take(t);
      // A function named rather than called (a pre-handler, a callback), or a value made by a factory call.
      if ((ts.isIdentifier(x) || ts.isPropertyAccessExpression(x)) && !(ts.isCallExpression(x.parent) && x.parent.expression === x)) {
        for (const d of declarationsOf(ts.isPropertyAccessExpression(x) ? x.name : x)) {
          const init = ts.isVariableDeclaration(d) || ts.isPropertyAssignment(d) ? d.initializer : undefined;
          if (ts.isFunctionDeclaration(d) || (init && (isFn(init) || ts.isCallExpression(init)))) take(d);
          // A table of codes (`const KIND_ERRORS = { queue: { bad: 'QUEUE_TOKEN_INVALID', … } }`), but not the table of all of them.
          else if (init && ts.isVariableDeclaration(d) && !isTheTable(d) && (ts.isObjectLiteralExpression(unwrap(init)) || ts.isArrayLiteralExpression(unwrap(init)))) take(d);
        }
      }
      ts.forEachChild(x, visit);
    };
    visit(n);
    stack.delete(n);
    // Remembered even when a cycle cut the walk short (recursion is rare in src/; a code missed so is the suites' to catch).
    memo.set(n, out);
    return out;
  };

  const routes: ScannedRoute[] = [];
  for (const f of files) {
    const visit = (n: ts.Node) => {
      if (
        ts.isCallExpression(n) &&
        ts.isPropertyAccessExpression(n.expression) &&
        ['get', 'post', 'put', 'patch', 'delete'].includes(n.expression.name.text) &&
        n.arguments.length >= 2 &&
        ts.isStringLiteral(n.arguments[0]!) &&
        ts.isObjectLiteralExpression(n.arguments[1]!) &&
        n.arguments[1].properties.some((p) => p.name?.getText() === 'schema')
      ) {
        const codes = new Set<ErrorCode>();
        for (const a of n.arguments.slice(1)) for (const c of reach(a, new Set())) codes.add(c);
        routes.push({
          method: n.expression.name.text.toUpperCase(),
          url: n.arguments[0].text,
          file: path.relative(ROOT, f.fileName),
          line: f.getLineAndCharacterOfPosition(n.getStart()).line + 1,
          codes: [...codes].sort(),
        });
      }
      ts.forEachChild(n, visit);
    };
    visit(f);
  }
  return routes;
}

/** Codes a scan finds that a route cannot answer as an HTTP error: sent in a stream's events only. */
export const STREAM_ONLY: readonly ErrorCode[] = ['ACCESS_ENDED'];

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const { buildOpenApiDocument } = await import('./api-types.js');
  const doc = await buildOpenApiDocument();
  let missing = 0;
  for (const r of scanRouteErrorCodes()) {
    const listed = listedInDocument(doc, r);
    if (!listed) continue;
    const absent = r.codes.filter((c) => !listed.has(c) && !STREAM_ONLY.includes(c));
    if (absent.length) {
      missing++;
      console.log(`${r.file}:${r.line} ${r.method} ${r.url}: not listed ${absent.join(', ')}`);
    }
  }
  if (missing) process.exit(1);
  console.log('every route lists the codes it can reach');
}

/** The codes a route's OpenAPI entry lists (every error status), or null if the document has no such route. */
export function listedInDocument(doc: { paths?: object }, r: Pick<ScannedRoute, 'method' | 'url'>): Set<string> | null {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, { responses?: Record<string, unknown> }>>;
  const openapi = r.url.replace(/:(\w+)/g, '{$1}');
  const op = (paths[`/api/v1${openapi}`] ?? paths[openapi])?.[r.method.toLowerCase()];
  if (!op) return null;
  const out = new Set<string>();
  for (const [status, res] of Object.entries(op.responses ?? {})) {
    if (Number(status) < 400) continue;
    const code = (res as { content?: Record<string, { schema?: { properties?: { error?: { properties?: { code?: { enum?: string[] } } } } } }> }).content?.['application/json']?.schema?.properties?.error?.properties?.code;
    for (const c of code?.enum ?? []) out.add(c);
  }
  return out;
}
