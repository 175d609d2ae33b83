// core/ must run unchanged on Node, Deno and Cloudflare Workers (design.md, "Layers"): this fails the
// build when any core file reaches for one runtime. core/tsconfig.json ("types": []) checks the same from
// the compiler's side in `npm run typecheck`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../support/mido.ts';
import { boundaryViolations } from './core-boundary.ts';

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the core boundary', () => {
  it('flags each kind of violation in a sample (so the check itself works)', () => {
    const sample = [
      "import { readFile } from 'node:fs';",
      "import postgres from 'postgres';",
      "import { Pool } from '@neondatabase/serverless';",
      "import { Hono } from 'hono';",
      "import { x } from '../../adapters/local/cli.ts';",
      "import path from 'path';",
      'const a = process.env.X;',
      'const b = Deno.args;',
      'const c = Buffer.from([]);',
      "const d = require('x');",
      '// process.env in a comment is fine',
      "const e = 'Buffer in a string is fine';",
      'const f = { process: 1 }.process;',
    ].join('\n');
    expect(boundaryViolations('sample.ts', sample).map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('holds for every file under core/', () => {
    const files = tsFiles(join(projectRoot, 'core'));
    expect(files.length).toBeGreaterThan(10);
    const violations = files.flatMap((file) =>
      boundaryViolations(file, readFileSync(file, 'utf8')).map((v) => `${relative(projectRoot, file)}:${v.line} ${v.text}`),
    );
    expect(violations).toEqual([]);
  });
});
