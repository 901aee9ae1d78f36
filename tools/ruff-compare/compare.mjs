#!/usr/bin/env node
// Agreement between `pitfall lint` and Ruff (WebAssembly build) on real code.
//
//   node tools/ruff-compare/compare.mjs [--pitfall build/native/pitfall] [--out build/ruff-compare]
//        [--codes B905,PERF401,...] [--target py310] [--samples 15] [CORPUS_DIR...]
//
// Installs the pinned @astral-sh/ruff-wasm-nodejs into build/ruff-oracle/ when missing,
// runs Ruff (preview on, target py310 by default) and `pitfall lint --json` over the corpus
// (default: the CPython 3.11 stdlib plus aiohttp, sqlalchemy, django and requests when they
// are installed under /usr/lib/python3/dist-packages), matches findings of the same Ruff code
// by their innermost enclosing statement (found with Python's own `ast`), and prints precision
// and recall per rule (rules where Ruff has fewer than 10 findings are listed but not judged).
// Writes report.md, report.json and samples of disagreements to the output folder.
// Files that Ruff cannot parse at the target version are left out of the comparison.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const RUFF_VERSION = '0.17.4';
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const DEFAULT_CODES = ['PERF101', 'PERF102', 'PERF203', 'PERF401', 'PERF402', 'PERF403', 'PLR6201', 'SIM118',
  'B905', 'B023', 'F632', 'B909', 'B006'];
const DEFAULT_CORPUS = ['/root/.pyenv/versions/3.11.7/lib/python3.11',
  ...['aiohttp', 'sqlalchemy', 'django', 'requests'].map(p => `/usr/lib/python3/dist-packages/${p}`)];
const PYTHON = fs.existsSync('/root/.pyenv/versions/3.11.7/bin/python3') ? '/root/.pyenv/versions/3.11.7/bin/python3' : 'python3';

function args() {
  const o = { pitfall: path.join(repo, 'build/native/pitfall'), out: path.join(repo, 'build/ruff-compare'),
    codes: null, target: 'py310', samples: 15, corpus: [] };
  const a = process.argv.slice(2);
  for (let i = 0; i < a.length; i++) {
    const v = () => a[++i];
    switch (a[i]) {
      case '--pitfall': o.pitfall = path.resolve(v()); break;
      case '--out': o.out = path.resolve(v()); break;
      case '--codes': o.codes = v().split(',').map(s => s.trim()).filter(Boolean); break;
      case '--target': o.target = v(); break;
      case '--samples': o.samples = +v(); break;
      case '-h': case '--help':
        console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 16).join('\n'));
        process.exit(0);
      default: o.corpus.push(path.resolve(a[i]));
    }
  }
  if (!o.corpus.length) o.corpus = DEFAULT_CORPUS.filter(p => fs.existsSync(p));
  if (!o.codes) o.codes = DEFAULT_CODES;
  return o;
}

function loadRuff() {
  const dir = path.join(repo, 'build/ruff-oracle');
  const pkg = path.join(dir, 'node_modules/@astral-sh/ruff-wasm-nodejs');
  let ok = false;
  try { ok = JSON.parse(fs.readFileSync(path.join(pkg, 'package.json'), 'utf8')).version === RUFF_VERSION; } catch { /* missing */ }
  if (!ok) {
    fs.mkdirSync(dir, { recursive: true });
    process.stderr.write(`ruff-compare: installing @astral-sh/ruff-wasm-nodejs@${RUFF_VERSION} into ${dir}\n`);
    execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir,
      `@astral-sh/ruff-wasm-nodejs@${RUFF_VERSION}`], { stdio: 'inherit' });
  }
  return createRequire(import.meta.url)(path.join(pkg, 'ruff_wasm.js'));
}

function walk(p, out) {
  let st;
  try { st = fs.statSync(p); } catch { return; }
  if (st.isDirectory()) {
    for (const n of fs.readdirSync(p).sort()) {
      if (n === '__pycache__' || n === 'node_modules' || n === 'site-packages' || n.startsWith('.')) continue;
      walk(path.join(p, n), out);
    }
  } else if (p.endsWith('.py')) out.push(p);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
function decode(buf) {
  try { return utf8.decode(buf); } catch { return null; }
}

// Innermost enclosing statement of each position, computed by CPython's ast.
const STMT_SCRIPT = String.raw`
import ast, json, sys
req = json.load(sys.stdin)
out = {}
for f, poss in req.items():
    try:
        src = open(f, 'rb').read()
        tree = ast.parse(src)
    except Exception:
        out[f] = None
        continue
    spans = []
    for n in ast.walk(tree):
        if isinstance(n, ast.stmt):
            spans.append((n.lineno, n.col_offset, n.end_lineno, n.end_col_offset))
    res = []
    lines = src.split(b'\n')
    for line, col in poss:
        # findings count columns in code points; ast in UTF-8 bytes
        text = lines[line - 1].decode('utf-8', 'replace') if 0 < line <= len(lines) else ''
        bcol = len(text[:col - 1].encode('utf-8'))
        best = None
        for s in spans:
            if (s[0], s[1]) <= (line, bcol) < (s[2], s[3]) or (s[0], s[1]) == (line, bcol):
                if best is None or (s[0], s[1]) >= (best[0], best[1]):
                    best = s
        res.append('%d:%d' % (best[0], best[1]) if best else 'L%d' % line)
    out[f] = res
json.dump(out, sys.stdout)
`;

function statementKeys(positions) {
  const r = spawnSync(PYTHON, ['-c', STMT_SCRIPT], { input: JSON.stringify(positions), maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`statement keys: ${r.stderr}`);
  return JSON.parse(r.stdout.toString());
}

function main() {
  const o = args();
  const ruff = loadRuff();
  fs.mkdirSync(o.out, { recursive: true });
  let files = [];
  for (const c of o.corpus) walk(c, files);
  files = [...new Set(files)];
  const codes = new Set(o.codes);

  // Ruff.
  const ws = new ruff.Workspace({ 'target-version': o.target, preview: true, 'output-prefer-rule-codes': true,
    lint: { select: [...codes] } }, ruff.PositionEncoding.Utf32);
  const ruffFindings = [];
  const skipped = new Set();
  let bytes = 0;
  const t0 = performance.now();
  for (const f of files) {
    const buf = fs.readFileSync(f);
    bytes += buf.length;
    const text = decode(buf);
    if (text === null) { skipped.add(f); continue; }
    let diags;
    try { diags = ws.check(text); } catch { skipped.add(f); continue; }
    for (const d of diags) {
      if (d.code === 'invalid-syntax' || d.code === 'syntax-error' || !d.code) { skipped.add(f); continue; }
      ruffFindings.push({ file: f, code: d.code, line: d.start_location.row, col: d.start_location.column,
        message: d.message });
    }
  }
  const ruffMs = performance.now() - t0;

  // Pitfall.
  // Exit status 2 only reports unreadable (non-UTF-8) files; the JSON still covers the rest.
  const t1 = performance.now();
  const all = [];
  for (let i = 0; i < files.length; i += 400) {
    const r = spawnSync(o.pitfall, ['lint', '--json', ...files.slice(i, i + 400)], { maxBuffer: 1 << 30 });
    if (r.status > 2 || r.status === null || !r.stdout.length) throw new Error(`pitfall lint failed (${r.status}): ${r.stderr}`);
    all.push(...JSON.parse(r.stdout.toString()));
  }
  const pitMs = performance.now() - t1;
  const pitFindings = all.filter(f => f.ruff && codes.has(f.ruff)).map(f => ({ file: path.resolve(f.file), code: f.ruff,
    line: f.line, col: f.col, message: f.message, rule: f.rule }));
  const ourSyntax = new Set(all.filter(f => f.rule === 'syntax-error').map(f => path.resolve(f.file)));

  // Match by innermost enclosing statement.
  const keep = x => !skipped.has(x.file);
  const R = ruffFindings.filter(keep), P = pitFindings.filter(keep);
  const positions = {};
  for (const x of [...R, ...P]) (positions[x.file] ||= []).push([x.line, x.col]);
  const keys = statementKeys(positions);
  const idx = {};
  for (const x of [...R, ...P]) {
    const k = keys[x.file];
    x.stmt = k ? k[(idx[x.file] = (idx[x.file] || 0) + 1) - 1] : `L${x.line}`;
  }
  const perRule = {};
  for (const c of codes) perRule[c] = { ruff: 0, ours: 0, matched: 0, fp: [], fn: [] };
  const bucket = new Map();
  for (const x of R) {
    const k = `${x.code}|${x.file}|${x.stmt}`;
    if (!bucket.has(k)) bucket.set(k, []);
    bucket.get(k).push(x);
    perRule[x.code].ruff++;
  }
  for (const x of P) {
    perRule[x.code].ours++;
    const k = `${x.code}|${x.file}|${x.stmt}`;
    const b = bucket.get(k);
    if (b && b.length) { b.pop(); perRule[x.code].matched++; } else perRule[x.code].fp.push(x);
  }
  for (const b of bucket.values()) for (const x of b) perRule[x.code].fn.push(x);

  const rows = [];
  for (const [code, s] of Object.entries(perRule)) {
    const precision = s.ours ? s.matched / s.ours : null;
    const recall = s.ruff ? s.matched / s.ruff : null;
    const judged = s.ruff >= 10;
    const pass = judged ? (precision ?? 0) >= 0.95 && (recall ?? 0) >= 0.9 : null;
    rows.push({ code, ruff: s.ruff, ours: s.ours, matched: s.matched, precision, recall, judged, pass,
      fn_in_files_we_reject: s.fn.filter(x => ourSyntax.has(x.file)).length });
  }
  const pct = v => v === null ? '–' : (100 * v).toFixed(1) + '%';
  const rel = f => { for (const c of o.corpus) if (f.startsWith(c + '/')) return path.basename(c) + '/' + f.slice(c.length + 1); return f; };
  let md = `# pitfall lint vs Ruff ${RUFF_VERSION}\n\nCorpus: ${o.corpus.join(', ')}\n` +
    `Files: ${files.length} (${(bytes / 1e6).toFixed(1)} MB); left out (Ruff syntax error at ${o.target} or not UTF-8): ${skipped.size}\n` +
    `Ruff ${(ruffMs / 1000).toFixed(1)} s, pitfall lint ${(pitMs / 1000).toFixed(1)} s (including process start and JSON)\n\n` +
    `| rule | Ruff | ours | matched | precision | recall | verdict |\n|---|---|---|---|---|---|---|\n`;
  for (const x of rows) md += `| ${x.code} | ${x.ruff} | ${x.ours} | ${x.matched} | ${pct(x.precision)} | ${pct(x.recall)} | ${x.judged ? (x.pass ? 'pass' : 'FAIL') : 'n<10'} |\n`;
  for (const [code, s] of Object.entries(perRule)) {
    if (!s.fp.length && !s.fn.length) continue;
    md += `\n## ${code}\n`;
    if (s.fp.length) md += `\nOnly pitfall (${s.fp.length}):\n` + s.fp.slice(0, o.samples).map(x => `- ${rel(x.file)}:${x.line}:${x.col} ${x.message}`).join('\n') + '\n';
    if (s.fn.length) md += `\nOnly Ruff (${s.fn.length}):\n` + s.fn.slice(0, o.samples).map(x => `- ${rel(x.file)}:${x.line}:${x.col} ${x.message}${ourSyntax.has(x.file) ? ' (tree-sitter syntax error in file)' : ''}`).join('\n') + '\n';
  }
  fs.writeFileSync(path.join(o.out, 'report.md'), md);
  fs.writeFileSync(path.join(o.out, 'report.json'), JSON.stringify({ ruff_version: RUFF_VERSION, target: o.target,
    corpus: o.corpus, files: files.length, bytes, skipped: skipped.size, rules: rows,
    disagreements: Object.fromEntries(Object.entries(perRule).map(([c, s]) => [c, { only_pitfall: s.fp.map(x => `${rel(x.file)}:${x.line}:${x.col}`), only_ruff: s.fn.map(x => `${rel(x.file)}:${x.line}:${x.col}`) }])) }, null, 1));
  console.log(md.split('\n## ')[0]);
  console.log(`report: ${path.join(o.out, 'report.md')}`);
}

main();
