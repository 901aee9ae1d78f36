// Small assertion helpers that say what was expected and what was seen.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function check(cond, message) {
  if (!cond) throw new Error(message);
}

export function equal(actual, expected, what) {
  if (actual !== expected) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

// Findings the native CLI reports for `code` (the same engine as the web app),
// or null when the CLI has not been built.
export function nativeFindings(root, code) {
  const cli = process.env.PITFALL_CLI || path.join(root, 'build', 'native', 'pitfall');
  if (!fs.existsSync(cli)) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitfall-e2e-lint-'));
  const file = path.join(dir, 'main.py');
  fs.writeFileSync(file, code);
  try {
    let out;
    try {
      out = execFileSync(cli, ['lint', file, '--json'], { encoding: 'utf8', timeout: 20000 });
    } catch (e) {
      if (e.status !== 1) throw e;  // 1 = findings found
      out = e.stdout;
    }
    return JSON.parse(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
