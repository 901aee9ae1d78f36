#!/usr/bin/env node
// Browser tests for the web app (headless Chromium through playwright-core).
//   node tests/e2e/run.mjs [name-filter]
// Serves build/web/site on 127.0.0.1, runs each *.test.mjs here with its own
// time limit, saves screenshots under test-results/e2e/, prints "N passed, N failed"
// and exits non-zero on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { startServer } from './lib/server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const siteDir = path.join(root, 'build', 'web', 'site');
const resultsDir = path.join(root, 'test-results', 'e2e');
const OVERALL_LIMIT_MS = 10 * 60 * 1000;

const watchdog = setTimeout(() => {
  process.stdout.write(`e2e: overall time limit (${OVERALL_LIMIT_MS / 1000} s) exceeded\n0 passed, 1 failed\n`);
  process.exit(1);
}, OVERALL_LIMIT_MS);

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what}: timed out after ${ms / 1000} s`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

async function main() {
  const filter = process.argv[2] || '';
  if (!fs.existsSync(path.join(siteDir, 'index.html'))) {
    process.stdout.write(`e2e: ${siteDir}/index.html is missing: build the web preset first\n0 passed, 1 failed\n`);
    return 1;
  }
  fs.mkdirSync(resultsDir, { recursive: true });
  const files = fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort();
  const server = await startServer(siteDir);
  let passed = 0;
  let failed = 0;
  try {
    for (const f of files) {
      const test = (await import(path.join(here, f))).default;
      if (filter && !f.includes(filter) && !test.name.includes(filter)) continue;
      const t0 = Date.now();
      try {
        await withTimeout(test.run({ root, siteUrl: server.url, resultsDir }), test.timeoutMs || 60000, test.name);
        passed++;
        process.stdout.write(`ok    ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
      } catch (e) {
        failed++;
        process.stdout.write(`FAIL  ${test.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${String(e && e.stack || e).split('\n').join('\n      ')}\n`);
      }
    }
  } finally {
    await server.close();
  }
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then((code) => {
  clearTimeout(watchdog);
  process.exit(code);
}, (e) => {
  process.stdout.write(`e2e: ${e && e.stack || e}\n0 passed, 1 failed\n`);
  process.exit(1);
});
