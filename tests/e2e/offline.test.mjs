// The packed offline bundle (dist/pitfall-lab/index.html from tools/lab pack)
// opened from file://: ready resolves, setCode lints, state() reports it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { frames, openApp, openContext } from './lib/browser.mjs';
import { check, equal } from './lib/expect.mjs';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const CODE = fs.readFileSync(path.join(DATA, 'typed_program.py'), 'utf8');
const EXPECTED_STDOUT = fs.readFileSync(path.join(DATA, 'typed_program.stdout.txt'), 'utf8');

export default {
  name: 'offline bundle from file://: ready, setCode, findings, simulation',
  timeoutMs: 60000,
  async run({ root, resultsDir }) {
    const file = path.join(root, 'dist', 'pitfall-lab', 'index.html');
    check(fs.existsSync(file), `${file} is missing: run ./tools/lab pack first`);
    const b = await openContext({ viewport: { width: 1024, height: 700 } });
    try {
      const { page } = b;
      await openApp(page, pathToFileURL(file).href);
      equal(await page.evaluate(() => location.protocol), 'file:', 'page protocol');
      await page.evaluate((c) => window.pitfallLab.setCode(c), CODE);
      equal(await page.evaluate(() => window.pitfallLab.getCode()), CODE, 'getCode after setCode');
      const st = await page.evaluate(() => window.pitfallLab.state());
      const f = st.findings.find((x) => x.rule === 'mutable-default-argument');
      check(f, `no mutable-default-argument finding: ${JSON.stringify(st.findings)}`);
      equal(f.line, 3, 'finding line');
      await page.evaluate(() => window.pitfallLab.whenIdle());
      if ((await page.evaluate(() => window.pitfallLab.features())).simulator) {
        const sim = await page.evaluate(() => window.pitfallLab.state().sim);
        check(sim && sim.status === 'ok', `simulation from file://: ${JSON.stringify(sim && sim.status)}`);
        equal(sim.stdout, EXPECTED_STDOUT, 'simulated stdout vs CPython 3.11');
      }
      await frames(page, 3);
      await page.screenshot({ path: path.join(resultsDir, 'offline-file.png') });
      check(b.problems.length === 0, b.problems.join('\n'));
    } catch (e) {
      await b.page.screenshot({ path: path.join(resultsDir, 'FAILED-offline.png') }).catch(() => {});
      throw e;
    } finally {
      await b.close();
    }
  },
};
