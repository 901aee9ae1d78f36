// zlib in the browser: the web build compiles zlib's own C sources (tools/lab
// setup fetches them), so the simulated programs of tests/sim/zlib print the
// same compressed lengths, bytes and checksums as CPython 3.11 there too.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { openApp, openContext } from './lib/browser.mjs';
import { check, equal } from './lib/expect.mjs';

const SIM = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'sim', 'zlib');
const PROGRAMS = ['compress_ratios', 'streaming', 'checksums', 'gzip_roundtrip'];

export default {
  name: 'zlib in the web build: CPython\'s bytes, lengths and checksums',
  timeoutMs: 90000,
  async run({ root, resultsDir }) {
    const file = path.join(root, 'dist', 'pitfall-lab', 'index.html');
    check(fs.existsSync(file), `${file} is missing: run ./tools/lab pack first`);
    const b = await openContext({ viewport: { width: 1024, height: 700 } });
    try {
      const { page } = b;
      await openApp(page, pathToFileURL(file).href);
      if (!(await page.evaluate(() => window.pitfallLab.features())).simulator) return;
      for (const name of PROGRAMS) {
        const code = fs.readFileSync(path.join(SIM, name + '.py'), 'utf8');
        const expected = fs.readFileSync(path.join(SIM, name + '.out'), 'utf8');
        await page.evaluate((c) => window.pitfallLab.setCode(c), code);
        await page.evaluate(() => window.pitfallLab.whenIdle());
        const sim = await page.evaluate(() => window.pitfallLab.state().sim);
        check(sim && sim.status === 'ok', `${name}: simulation status ${JSON.stringify(sim && sim.status)}`);
        equal(sim.stdout, expected, `${name}: simulated stdout vs CPython 3.11`);
      }
      check(b.problems.length === 0, b.problems.join('\n'));
    } catch (e) {
      await b.page.screenshot({ path: path.join(resultsDir, 'FAILED-zlib.png') }).catch(() => {});
      throw e;
    } finally {
      await b.close();
    }
  },
};
