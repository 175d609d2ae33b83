#!/usr/bin/env node
// The npm bin shim: Node 20 cannot run TypeScript by itself, so tsx compiles the sources on load.
// Everything else (argument parsing, exit codes) lives in adapters/local/main.ts so Deno runs the same code.
import { register } from 'tsx/esm/api';

register();
await import('../adapters/local/main.ts');
