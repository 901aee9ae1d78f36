#!/usr/bin/env node
// Packs the offline bundle: one self-contained index.html (the page shell with
// the single-file build, wasm included as base64, inlined) that works when
// opened from file://, plus a README and third-party notices.
//   node tools/pack.mjs build/web dist/pitfall-lab
// tools/lab pack makes the zip.
import fs from 'node:fs';
import path from 'node:path';

function die(message) {
  process.stderr.write(`pack: ${message}\n`);
  process.exit(2);
}

const [buildDir, outDir] = process.argv.slice(2);
if (!buildDir || !outDir) die('usage: node tools/pack.mjs BUILD_WEB_DIR OUT_DIR');

const shellPath = path.join(buildDir, 'site', 'index.html');
const jsPath = path.join(buildDir, 'single', 'pitfall_lab.js');
for (const p of [shellPath, jsPath]) {
  if (!fs.existsSync(p)) die(`${p} is missing: build the web preset first (cmake --build --preset web)`);
}

const shell = fs.readFileSync(shellPath, 'utf8');
const js = fs.readFileSync(jsPath, 'utf8');
const tag = /<script\s+src="pitfall_lab\.js"\s*><\/script>/;
if (!tag.test(shell)) die(`${shellPath} has no <script src="pitfall_lab.js"></script> to replace`);

// Inside <script>, "</script" would end the element and "<!--" would change how
// the parser looks for the end; both are valid JS when written with a backslash.
const safeJs = js.replace(/<\/script/gi, '<\\/script').replace(/<!--/g, '<\\!--');
const page = shell.replace(tag, () => `<script>\n${safeJs}\n</script>`);

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'index.html'), page);
fs.writeFileSync(path.join(outDir, 'README.txt'), [
  'Pitfall Lab - offline copy',
  '',
  'Open index.html in a browser (double-click it; no web server or network is needed).',
  'Everything, including the WebAssembly engine and the font, is inside that one file.',
  '',
].join('\n'));
fs.writeFileSync(path.join(outDir, 'THIRD-PARTY.txt'), [
  'Pitfall Lab includes, compiled into index.html:',
  '- Dear ImGui 1.86 (MIT License, Omar Cornut)',
  '- tree-sitter and tree-sitter-python (MIT License)',
  '- nlohmann/json (MIT License, Niels Lohmann)',
  '- DejaVu Sans Mono font (Bitstream Vera / DejaVu license, free to redistribute)',
  '- Emscripten runtime (MIT / University of Illinois/NCSA License)',
  '',
].join('\n'));

const kb = (n) => `${Math.round(n / 1024)} KiB`;
process.stdout.write(`pack: ${path.join(outDir, 'index.html')} (${kb(page.length)})\n`);
