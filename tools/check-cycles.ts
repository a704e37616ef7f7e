/**
 * Import cycles in src/: `npx tsx tools/check-cycles.ts` (run by `.ci/run`) reads every
 * module's static imports and re-exports with the TypeScript compiler API, resolves them as
 * the compiler does (NodeNext, `.js` specifiers to `.ts` files), and prints each cycle of
 * modules that import one another; it exits 1 if there is one. Type-only imports count too
 * (`import type`): a lifecycle's owner should not need its dependents' types either.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(process.argv[2] ?? 'src');

/** Every .ts file under `dir`. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(p);
    return e.isFile() && p.endsWith('.ts') && !p.endsWith('.d.ts') ? [p] : [];
  });
}

const options: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, allowImportingTsExtensions: true };
const host = ts.createCompilerHost(options);

/** The files of `root` that `file` imports or re-exports from. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  for (const s of source.statements) {
    const spec = (ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier) ? s.moduleSpecifier.text : null;
    if (!spec) continue;
    const resolved = ts.resolveModuleName(spec, file, options, host, undefined, undefined, ts.ModuleKind.ESNext).resolvedModule?.resolvedFileName;
    if (resolved && resolved.startsWith(root + path.sep) && !resolved.includes(`${path.sep}node_modules${path.sep}`)) out.push(path.resolve(resolved));
  }
  return out;
}

const graph = new Map(filesUnder(root).map((f) => [f, importsOf(f)]));

// Tarjan's strongly connected components: every component of more than one module (or a
// module importing itself) is a cycle.
let index = 0;
const idx = new Map<string, number>();
const low = new Map<string, number>();
const stack: string[] = [];
const onStack = new Set<string>();
const cycles: string[][] = [];
function visit(v: string): void {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  onStack.add(v);
  for (const w of graph.get(v) ?? []) {
    if (!idx.has(w)) {
      visit(w);
      low.set(v, Math.min(low.get(v)!, low.get(w)!));
    } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
  }
  if (low.get(v) === idx.get(v)) {
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)?.includes(v)) cycles.push(component);
  }
}
for (const f of graph.keys()) if (!idx.has(f)) visit(f);

const rel = (f: string) => path.relative(process.cwd(), f);
if (cycles.length === 0) {
  console.log(`No import cycle in ${rel(root)}/ (${graph.size} modules).`);
} else {
  for (const c of cycles) console.log(`Import cycle: ${c.map(rel).sort().join(' <-> ')}`);
  process.exitCode = 1;
}
