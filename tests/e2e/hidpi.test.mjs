// devicePixelRatio 2: the canvas backing store is twice the CSS size, also after
// a resize, and the page API works.
import path from 'node:path';

import { frames, openApp, openContext } from './lib/browser.mjs';
import { check, equal } from './lib/expect.mjs';

async function canvasSize(page) {
  return page.evaluate(() => {
    const c = document.getElementById('canvas');
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cssW: r.width, cssH: r.height, dpr: window.devicePixelRatio };
  });
}

export default {
  name: 'HiDPI (deviceScaleFactor 2): backing store = CSS size x 2, follows resize; setOptions',
  timeoutMs: 60000,
  async run({ siteUrl, resultsDir }) {
    const b = await openContext({ viewport: { width: 800, height: 600 }, deviceScaleFactor: 2 });
    try {
      const { page } = b;
      await openApp(page, siteUrl);
      await frames(page, 4);
      let d = await canvasSize(page);
      equal(d.dpr, 2, 'devicePixelRatio');
      equal(d.w, d.cssW * 2, 'canvas.width = CSS width x 2');
      equal(d.h, d.cssH * 2, 'canvas.height = CSS height x 2');
      equal(d.w, 1600, 'canvas.width for an 800 px wide viewport');

      const layout = await page.evaluate(() => window.pitfallLab.layout());
      equal(layout.dpr, 2, 'dpr the UI is built for');
      check(layout.editor.w > 200 && layout.editor.w < 800, `editor width in CSS px: ${layout.editor.w}`);

      await page.evaluate(() => window.pitfallLab.setCode('def f(x={}):\n    return x\n'));
      const st = await page.evaluate(() => window.pitfallLab.state());
      check(st.findings.some((f) => f.rule === 'mutable-default-argument' && f.line === 1),
        `findings after setCode: ${JSON.stringify(st.findings)}`);
      // Options: stored, validated, reported in state().
      await page.evaluate(() => window.pitfallLab.setOptions({ python: '3.11', cores: 2 }));
      let opts = await page.evaluate(() => window.pitfallLab.state());
      equal(opts.options.python, '3.11', 'options.python after setOptions');
      equal(opts.options.cores, 2, 'options.cores after setOptions');
      equal(opts.error, null, 'state().error after valid options');
      await page.evaluate(() => window.pitfallLab.setOptions({ python: '2.7' }));
      opts = await page.evaluate(() => window.pitfallLab.state());
      equal(opts.options.python, '3.11', 'options.python after an invalid version');
      check(typeof opts.error === 'string' && opts.error.includes('2.7'), `state().error: ${opts.error}`);
      await page.evaluate(() => window.pitfallLab.whenIdle());
      await frames(page, 3);
      await page.screenshot({ path: path.join(resultsDir, 'hidpi-800x600@2x.png') });

      await page.setViewportSize({ width: 640, height: 480 });
      await frames(page, 4);
      d = await canvasSize(page);
      equal(d.w, 1280, 'canvas.width after resize to 640 CSS px at dpr 2');
      equal(d.h, 960, 'canvas.height after resize to 480 CSS px at dpr 2');
      check(b.problems.length === 0, b.problems.join('\n'));
    } catch (e) {
      await b.page.screenshot({ path: path.join(resultsDir, 'FAILED-hidpi.png') }).catch(() => {});
      throw e;
    } finally {
      await b.close();
    }
  },
};
