// Copies what the compiled server reads from next to its own files (the Lua scripts of
// src/launches/lua) into dist/, after `tsc` has compiled the TypeScript.
import fs from 'node:fs';
import path from 'node:path';

const from = 'src/launches/lua';
const to = path.join('dist', from);
fs.mkdirSync(to, { recursive: true });
for (const f of fs.readdirSync(from)) if (f.endsWith('.lua')) fs.copyFileSync(path.join(from, f), path.join(to, f));
