// Headless Chromium through playwright-core, one fresh profile per context, and
// helpers to drive the app's page (window.pitfallLab).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.PITFALL_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--use-gl=swiftshader', '--enable-unsafe-swiftshader',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// Opens a browser context with its own temporary profile; close() removes it.
export async function openContext({ viewport = { width: 1280, height: 800 }, deviceScaleFactor = 1 } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pitfall-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM, headless: true, args: ARGS, viewport, deviceScaleFactor, timeout: 30000,
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
  return {
    context, page, problems,
    async close() {
      await context.close().catch(() => {});
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Loads `url` and waits for pitfallLab.ready (bounded).
export async function openApp(page, url, timeout = 30000) {
  await page.goto(url, { waitUntil: 'load', timeout });
  await page.waitForFunction(() => window.pitfallLab && window.pitfallLab.ready, null, { timeout });
  await page.evaluate((t) => Promise.race([
    window.pitfallLab.ready.then(() => true),
    new Promise((_, reject) => setTimeout(() => reject(new Error('pitfallLab.ready did not resolve')), t)),
  ]), timeout);
}

// Waits for `n` animation frames in the page.
export function frames(page, n = 3) {
  return page.evaluate((count) => new Promise((resolve) => {
    let left = count;
    const step = () => (--left <= 0 ? resolve() : requestAnimationFrame(step));
    requestAnimationFrame(step);
  }), n);
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
