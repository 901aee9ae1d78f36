// The chart panels in a real browser: a threads program draws one lane per
// thread with GIL-wait segments; an asyncio program with a blocking call marks
// the event-loop stall at that call's line; a memory program draws its samples
// and garbage-collector markers (or, while the engine's report carries no memory
// samples, the panel says so and draws none); a MemoryError run draws the limit
// line and the status line names the error and its line; the gutter shows
// per-line cost. Assertions read state().charts (what the panels drew).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { frames, openApp, openContext, sleep } from './lib/browser.mjs';
import { check, equal } from './lib/expect.mjs';

const DATA = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
const program = (name) => fs.readFileSync(path.join(DATA, name), 'utf8');
const lineOf = (text, needle) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

// Loads `code`, waits for the simulation to finish and for a frame drawn from its report.
async function simulate(page, code) {
  await page.evaluate((t) => window.pitfallLab.setCode(t), code);
  await sleep(400);  // the app starts simulating once edits pause
  await page.evaluate(() => window.pitfallLab.whenIdle());
  await frames(page, 3);
  await page.waitForFunction(() => {
    const s = window.pitfallLab.state();
    return s.sim && s.sim.status !== 'running' && s.charts.current;
  }, null, { timeout: 15000, polling: 50 }).catch(() => { throw new Error('charts were not redrawn for the finished run'); });
  return page.evaluate(() => window.pitfallLab.state());
}

export default {
  name: 'charts: timeline lanes and GIL waits, asyncio stall line, memory samples and GC, gutter heat, status line',
  timeoutMs: 240000,
  async run({ siteUrl, resultsDir }) {
    const b = await openContext({ viewport: { width: 1280, height: 800 } });
    try {
      const { page } = b;
      await openApp(page, siteUrl);
      if (!(await page.evaluate(() => window.pitfallLab.features())).simulator) {
        // Without a simulator the panels must still be there and empty.
        const s = await page.evaluate(() => window.pitfallLab.state());
        equal(s.charts.timeline.lanes, 0, 'timeline lanes without a simulator');
        return;
      }
      const layout = await page.evaluate(() => window.pitfallLab.layout());
      check(layout.timeline.w > 100 && layout.timeline.h > 100, `timeline panel too small: ${JSON.stringify(layout.timeline)}`);
      check(layout.memory.w > 100 && layout.memory.h > 100, `memory panel too small: ${JSON.stringify(layout.memory)}`);

      // 1. Threads: one lane per thread, GIL waits drawn, the report's figures shown.
      const threads = program('charts_threads.py');
      let s = await simulate(page, threads);
      equal(s.sim.status, 'ok', 'threads program status');
      const tl = s.charts.timeline;
      check(tl.threadLanes >= 2, `thread lanes: ${tl.threadLanes}`);
      equal(tl.threadLanes, s.sim.threads.length, 'thread lanes vs report threads');
      const reportWaits = s.sim.threads.flatMap((t) => t.segments).filter((g) => g[2] === 'wait_gil').length;
      check(tl.waitGilSegments > 0, 'no GIL-wait segments drawn for two CPU-bound threads');
      equal(tl.waitGilSegments, reportWaits, 'GIL-wait segments vs report');
      check(tl.segmentsDrawn > 0, 'no segments drawn');
      equal(tl.gilSwitches, s.sim.gil.switches, 'GIL switches shown');
      // Per-line cost in the gutter: the hottest line is inside the worker loop.
      check(s.charts.gutter.heatLines > 0, 'no per-line heat in the gutter');
      const hottest = s.charts.gutter.hottestLine;
      check(hottest >= lineOf(threads, 'for i in range(n)') && hottest <= lineOf(threads, 'total += i * i'),
        `hottest line ${hottest} is not in the worker loop`);
      equal(s.charts.status.status, 'ok', 'status line');
      // Hover a lane: a tooltip frame renders (the app renders on input).
      const f0 = await page.evaluate(() => window.pitfallLab.renderedFrames());
      await page.mouse.move(layout.timeline.x + layout.timeline.w * 0.6, layout.timeline.y + layout.timeline.h * 0.55);
      await frames(page, 3);
      check((await page.evaluate(() => window.pitfallLab.renderedFrames())) > f0, 'hovering the timeline rendered no frame');
      await page.screenshot({ path: path.join(resultsDir, 'charts-threads.png') });

      // 2. asyncio with a blocking call: the stall is marked at that line.
      const aio = program('charts_asyncio_stall.py');
      s = await simulate(page, aio);
      equal(s.sim.status, 'ok', 'asyncio program status');
      const stalls = s.charts.timeline.stalls;
      check(stalls.length >= 1, 'no event-loop stall drawn');
      equal(stalls[0].line, lineOf(aio, 'time.sleep('), 'line of the stall');
      check(stalls[0].durMs > 100, `stall duration ${stalls[0].durMs} ms`);
      check(s.charts.timeline.taskLanes >= 2, `task lanes: ${s.charts.timeline.taskLanes}`);
      await page.screenshot({ path: path.join(resultsDir, 'charts-asyncio-stall.png') });

      // 3. Memory: samples and GC markers when the report has them; otherwise the
      // panel says so and draws nothing.
      s = await simulate(page, program('charts_memory.py'));
      equal(s.sim.status, 'ok', 'memory program status');
      const mem = s.charts.memory;
      const samples = (s.sim.memory && s.sim.memory.samples) || [];
      const events = (s.sim.gc && s.sim.gc.events) || [];
      equal(mem.samples, samples.length, 'memory samples vs report');
      equal(mem.gcMarkers, events.length, 'GC markers vs report gc.events');
      if (samples.length > 0) {
        check(mem.present && mem.pointsDrawn > 0, 'memory samples present but nothing drawn');
        check(events.length > 0, 'a cyclic-garbage program ran no GC collection');
        equal(mem.peakBytes, s.sim.memory.peak_bytes, 'peak shown');
      } else {
        equal(mem.present, false, 'memory panel claims samples the report lacks');
        equal(mem.pointsDrawn, 0, 'points drawn without samples');
        process.stdout.write('      note: the report carries no memory samples yet; checked the empty-panel case\n');
      }
      await page.screenshot({ path: path.join(resultsDir, 'charts-memory.png') });

      // 4. MemoryError at the virtual memory limit: limit line, located status message.
      const oom = program('charts_memory_error.py');
      s = await simulate(page, oom);
      equal(s.sim.status, 'exception', 'MemoryError program status');
      check(s.charts.memory.limitLine, 'no memory-limit line for a MemoryError run');
      const msg = s.charts.status.message;
      check(msg.includes('MemoryError') && msg.includes(`line ${lineOf(oom, '10 ** 9')}`),
        `status line message: ${JSON.stringify(msg)}`);
      await page.screenshot({ path: path.join(resultsDir, 'charts-memory-error.png') });

      // Idle again afterwards: charts do not keep the app rendering.
      await sleep(300);
      const i0 = await page.evaluate(() => window.pitfallLab.renderedFrames());
      await sleep(800);
      equal((await page.evaluate(() => window.pitfallLab.renderedFrames())) - i0, 0, 'frames rendered while idle');
      check(b.problems.length === 0, b.problems.join('\n'));
    } catch (e) {
      await b.page.screenshot({ path: path.join(resultsDir, 'FAILED-charts.png') }).catch(() => {});
      throw e;
    } finally {
      await b.close();
    }
  },
};
