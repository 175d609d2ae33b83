// The edge app runs in workerd and on Deno Deploy: its files may use hono and the Neon driver, but nothing
// of Node (node:*, postgres.js, process, Buffer) or of the local adapter. Only the Node entry (node.ts,
// node-db.ts) and the Deno entry (deno.ts, which may use Deno) are exempt. wrangler's bundle proves the
// rest compiles for workerd; this names the line that would break it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { boundaryViolations } from '../boundary/core-boundary.ts';
import { projectRoot } from '../support/mido.ts';

const EDGE = join(projectRoot, 'adapters', 'edge');
const NODE_ONLY = new Set(['node.ts', 'node-db.ts']);
// What the core check forbids but the edge may use: Hono and the Neon driver.
const ALLOWED = [/imports "hono(\/[^"]*)?"/, /imports "@neondatabase\/serverless"/, /imports "(\.\.\/)+core\//];
// What the core check does not know about but is Node-only: the Node server, the ws package, the local adapter.
const NODE_PACKAGES = [/^@hono\/node-server/, /^ws$/, /(^|\/)local\//];

function nodeImports(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]!).filter((s) => NODE_PACKAGES.some((re) => re.test(s)));
}

function edgeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? edgeFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('the edge boundary', () => {
  it('keeps Node and the local adapter out of the files that run in workerd and on Deno', () => {
    const found: string[] = [];
    for (const file of edgeFiles(EDGE)) {
      const name = relative(EDGE, file);
      if (NODE_ONLY.has(name)) continue;
      for (const v of boundaryViolations(file, readFileSync(file, 'utf8'))) {
        if (ALLOWED.some((re) => re.test(v.text))) continue;
        if (name === 'deno.ts' && v.text === 'uses the global "Deno"') continue;
        found.push(`${name}:${v.line} ${v.text}`);
      }
      for (const specifier of nodeImports(readFileSync(file, 'utf8'))) found.push(`${name}: imports "${specifier}"`);
    }
    expect(found).toEqual([]);
  });

  it('still notices a violation (so the check itself works)', () => {
    const texts = boundaryViolations('x.ts', "import { serve } from '@hono/node-server';\nimport p from 'node:path';\nconst e = process.env;").map((v) => v.text);
    expect(texts).toEqual(['imports "node:path"', 'uses the global "process"']);
    expect(nodeImports("import { serve } from '@hono/node-server';\nimport { WebSocket } from 'ws';\nimport x from '../local/db/postgres-js.ts';")).toHaveLength(3);
  });
});
