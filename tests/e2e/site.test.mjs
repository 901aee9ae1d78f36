// The hosted site (build/web/site) in a real browser: typing into the editor on
// the canvas with real key presses updates the findings; the app renders
// nothing while idle; the canvas backing store follows viewport resizes;
// clicking a finding selects its rule.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { frames, openApp, openContext, sleep } from './lib/browser.mjs';
import { check, equal, nativeFindings } from './lib/expect.mjs';

// What the test types, line by line (Enter between lines), and what CPython 3.11 printed for it.
const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const TYPED = fs.readFileSync(path.join(DATA, 'typed_program.py'), 'utf8');
const LINES = TYPED.split('\n');
const EXPECTED_STDOUT = fs.readFileSync(path.join(DATA, 'typed_program.stdout.txt'), 'utf8');

async function typeLines(page, lines) {
  for (let i = 0; i < lines.length; ++i) {
    if (lines[i]) await page.keyboard.type(lines[i], { delay: 5 });
    if (i + 1 < lines.length) await page.keyboard.press('Enter');
  }
}

async function waitForCode(page, expected, timeout = 15000) {
  try {
    await page.waitForFunction((want) => window.pitfallLab.getCode() === want, expected, { timeout, polling: 50 });
  } catch {
    const got = await page.evaluate(() => window.pitfallLab.getCode());
    throw new Error(`editor text after typing: expected ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`);
  }
}

export default {
  name: 'hosted site: type in the editor, findings, idle rendering, resize, click a finding',
  timeoutMs: 180000,
  async run({ root, siteUrl, resultsDir }) {
    const b = await openContext({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = b;
      await openApp(page, siteUrl);
      await frames(page, 5);
      const layout = await page.evaluate(() => window.pitfallLab.layout());
      check(layout.editor.w > 100 && layout.editor.h > 100, `editor pane too small: ${JSON.stringify(layout.editor)}`);

      // Click into the editor, select all, delete: the starter code is gone.
      await page.mouse.click(layout.editor.x + layout.editor.w / 2, layout.editor.y + 40);
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
      await waitForCode(page, '');
      equal((await page.evaluate(() => window.pitfallLab.state())).findings.length, 0, 'findings for empty code');

      await typeLines(page, LINES);
      await waitForCode(page, TYPED);

      const state = await page.evaluate(() => window.pitfallLab.state());
      const mda = state.findings.filter((f) => f.rule === 'mutable-default-argument');
      equal(mda.length, 1, 'mutable-default-argument findings');
      equal(mda[0].line, 3, 'line of the mutable default');
      const native = nativeFindings(root, TYPED);
      if (native) {
        const strip = (fs) => fs.map(({ file, ...rest }) => rest);
        equal(JSON.stringify(strip(state.findings)), JSON.stringify(strip(native)),
          'web findings vs native `pitfall lint --json` on the same text');
      }
      equal(state.lesson, null, 'state().lesson');
      check(state.options && state.options.python, 'state().options.python missing');
      await page.evaluate(() => window.pitfallLab.whenIdle());
      // With a simulator in the build, the typed program has been simulated.
      if ((await page.evaluate(() => window.pitfallLab.features())).simulator) {
        const sim = (await page.evaluate(() => window.pitfallLab.state())).sim;
        check(sim, 'state().sim is null after whenIdle()');
        equal(sim.status, 'ok', 'simulation status');
        equal(sim.stdout, EXPECTED_STDOUT, 'simulated stdout vs CPython 3.11');
      }

      // Idle: after the input settles, no more frames are rendered.
      await sleep(300);
      const f0 = await page.evaluate(() => window.pitfallLab.renderedFrames());
      await sleep(1000);
      const f1 = await page.evaluate(() => window.pitfallLab.renderedFrames());
      check(f0 > 0, 'no frames rendered at all');
      equal(f1 - f0, 0, 'frames rendered during 1 s of idling');

      // An API edit renders again, then stops again.
      await page.evaluate((t) => window.pitfallLab.setCode(t), TYPED + '\n');
      await frames(page, 3);
      const f2 = await page.evaluate(() => window.pitfallLab.renderedFrames());
      check(f2 > f1, 'setCode did not render a frame');

      // Clicking the finding shows its rule.
      const l2 = await page.evaluate(() => window.pitfallLab.layout());
      await page.mouse.click(l2.findings.x + l2.findings.w / 2, l2.findings.y + l2.findings.h * 0.18);
      await page.waitForFunction(() => window.pitfallLab.layout().selectedRule === 'mutable-default-argument',
        null, { timeout: 5000 }).catch(() => { throw new Error('clicking the finding did not select its rule'); });
      await frames(page, 3);
      await page.screenshot({ path: path.join(resultsDir, 'site-1280x800.png') });

      // Resize: the backing store follows CSS size x devicePixelRatio.
      await page.setViewportSize({ width: 900, height: 640 });
      await frames(page, 4);
      const dims = await page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: window.devicePixelRatio };
      });
      equal(dims.w, Math.round(dims.cssW * dims.dpr), 'canvas.width after resize');
      equal(dims.h, Math.round(dims.cssH * dims.dpr), 'canvas.height after resize');
      equal(dims.w, 900, 'canvas.width after resize to 900 CSS px');
      await page.screenshot({ path: path.join(resultsDir, 'site-900x640.png') });
      check(b.problems.length === 0, b.problems.join('\n'));
    } catch (e) {
      await b.page.screenshot({ path: path.join(resultsDir, 'FAILED-site.png') }).catch(() => {});
      throw e;
    } finally {
      await b.close();
    }
  },
};
