// Herald's benchmark. It reports, it does not judge: every figure is printed
// beside its budget and beside a reference measured in the same run on the
// same machine (a plain static page, nginx serving the exported files), so
// the ratios mean something on a noisy machine.
//
// Run through `scripts/bench.sh`, which builds what is measured and installs
// wrk, nginx and Chromium from Debian's packages.
//   node bench/run.mjs                     everything
//   node bench/run.mjs --quick             shorter history and load runs
//   node bench/run.mjs --only server       history, load and first visit
//   node bench/run.mjs --only lighthouse   Lighthouse scores and timings

import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const HERALD = process.env.HERALD_BIN ?? join(root, 'target/server/herald');
const SEED = process.env.HERALD_SEED ?? join(root, 'target/server/examples/seed_history');
const DIST = process.env.HERALD_WEB ?? join(root, 'dist');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const QUICK = process.argv.includes('--quick');
const HISTORY_SIZES = QUICK ? [0, 1000, 10000] : [0, 1000, 10000, 100000];
const RUNS = QUICK ? 5 : 9;
const LOAD_SECONDS = QUICK ? 5 : 10;
const SECTIONS = ['server', 'lighthouse'];
const ONLY = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : null;
if (ONLY !== null && !SECTIONS.includes(ONLY)) {
  console.error(`--only takes one of: ${SECTIONS.join(', ')}`);
  process.exit(2);
}
// Lighthouse varies from run to run; three runs per page and form factor give
// a median without making the benchmark much longer (18 runs in all).
const LIGHTHOUSE_RUNS = 3;
// A run normally takes well under a minute; one that hangs (a page that never
// settles, a Chromium that never answers) must not stall the benchmark.
const LIGHTHOUSE_TIMEOUT_MS = 120_000;
// Chromium runs as root on this machine (so no sandbox) and must not reach
// out to the internet (there is none) while it is measured.
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

const work = mkdtempSync(join(tmpdir(), 'herald-bench-'));
// nginx's workers run as another user: mkdtemp's 0700 would answer every
// request with 500 (and a load test would measure errors).
chmodSync(work, 0o755);
const rows = [];
const notes = [];

function row(figure, value, budget = '', reference = '', ratio = '') {
  rows.push([figure, value, budget, reference, ratio]);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(1)} ms`;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };

function freePort() {
  return new Promise((done) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => done(port)); });
  });
}

function rssKb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(status.match(/VmRSS:\s+(\d+)/)[1]);
}

/** Starts a process and resolves once `ready(url)` answers. */
async function startServer(cmd, args, url) {
  const started = performance.now();
  const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  for (let i = 0; i < 6000; i++) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited: ${err}`);
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 10));
  }
  const startup = performance.now() - started;
  const stop = () => new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
  return { child, startup, stop };
}

/** Writes an nginx configuration for `sites` ({ port, root }) and starts it;
 * `http` is added to the http block (compression, for pages). */
async function startNginx(name, sites, http = '') {
  const prefix = join(work, name);
  const servers = sites.map(({ port, root }) => `
  server {
    listen 127.0.0.1:${port};
    root ${root};
    location / { try_files $uri /index.html; }
  }`).join('');
  writeFileSync(`${prefix}.conf`, `
worker_processes auto;
daemon off;
pid ${prefix}.pid;
error_log ${prefix}-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  etag on;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  open_file_cache max=1000 inactive=60s;${http}${servers}
}`);
  const nginx = await startServer('nginx', ['-c', `${prefix}.conf`, '-p', work], `http://127.0.0.1:${sites[0].port}/`);
  // startServer goes on after a minute without an answer; a page nginx cannot
  // serve would only show later as failed measurements, so say why now.
  for (const { port } of sites) {
    const r = await fetch(`http://127.0.0.1:${port}/`).catch((e) => ({ ok: false, status: e.message }));
    if (!r.ok) {
      await nginx.stop();
      throw new Error(`nginx answers ${r.status} on port ${port}: ${readFileSync(`${prefix}-error.log`, 'utf8').slice(-2000)}`);
    }
  }
  return nginx;
}

async function startHerald(data, web) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = await startServer(HERALD, ['serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--web', web], `${url}/api/v2/status.json`);
  return { ...server, url };
}

function seed(data, incidents) {
  const out = spawnSync(SEED, [data, String(incidents)], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`seeding failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop());
}

/** A page as a plain static document: no app, and nothing of it preloaded. */
function withoutScripts(html) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<link[^>]*rel="(modulepreload|preload)"[^>]*>/g, '');
}

/** Bytes of a response body as sent, for one Accept-Encoding. */
function transferred(url, encoding) {
  return new Promise((done, fail) => {
    http.get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
      let n = 0;
      res.on('data', (d) => { n += d.length; });
      res.on('end', () => done(n));
    }).on('error', fail);
  });
}

/** wrk's figures for one URL. */
function wrk(url) {
  const out = spawnSync('wrk', ['-t2', '-c32', `-d${LOAD_SECONDS}s`, '--latency', url], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`wrk failed: ${out.stderr}`);
  // Errors answer fast: a figure that counts them measures nothing.
  const failed = out.stdout.match(/Non-2xx or 3xx responses:\s+(\d+)/);
  if (failed) throw new Error(`wrk: ${failed[1]} answers to ${url} were errors`);
  const unit = (v, u) => Number(v) * ({ us: 0.001, ms: 1, s: 1000 }[u]);
  const lat = (p) => { const m = out.stdout.match(new RegExp(`\\s${p}%\\s+([\\d.]+)(us|ms|s)`)); return unit(m[1], m[2]); };
  return {
    rps: Number(out.stdout.match(/Requests\/sec:\s+([\d.]+)/)[1]),
    p50: lat(50),
    p99: lat(99),
  };
}

async function login(url, account) {
  const r = await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(account),
  });
  if (!r.ok) throw new Error(`login failed: ${r.status}`);
  return r.headers.get('set-cookie').split(';')[0];
}

/** Times posting updates to the open demo incident, checking each is served. */
async function publishLatency(url, cookie, n) {
  const incidents = await (await fetch(`${url}/api/incidents`, { headers: { cookie } })).json();
  const open = incidents.find((i) => ['investigating', 'identified', 'monitoring'].includes(i.status));
  let version = open.version;
  const times = [];
  for (let i = 0; i < n; i++) {
    const body = `Benchmark update ${i}: we keep working on it.`;
    const t0 = performance.now();
    const r = await fetch(`${url}/api/incidents/${open.id}/updates`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ version, status: i % 2 ? 'identified' : 'monitoring', body }),
    });
    const summary = await (await fetch(`${url}/api/v2/summary.json`)).json();
    times.push(performance.now() - t0);
    if (!r.ok) throw new Error(`update failed: ${r.status} ${await r.text()}`);
    version = (await r.json()).version;
    const served = summary.incidents.find((x) => x.id === open.id).incident_updates[0].body;
    if (served !== body) throw new Error('the new update was not served right after publishing');
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

const HOME_DOCS = ['/api/v2/summary.json', '/api/v2/incidents.json', '/api/herald/uptime.json', '/api/herald/history/index.json'];

async function docSizes(url) {
  const sizes = {};
  for (const path of HOME_DOCS) sizes[path] = (await (await fetch(url + path)).arrayBuffer()).byteLength;
  return sizes;
}

/** The server's figures: history sizes, load against nginx, first visit in
 * Chromium. */
async function serverFigures() {
  // --- Scale: history sizes ----------------------------------------------------

  const scale = [];
  let loadTarget = null;
  for (const n of HISTORY_SIZES) {
    const data = join(work, `data-${n}`);
    const seedStart = performance.now();
    const account = seed(data, n);
    const seedTime = performance.now() - seedStart;
    const first = await startHerald(data, DIST);
    await first.stop();
    const herald = await startHerald(data, DIST);
    const cookie = await login(herald.url, account);
    const latency = await publishLatency(herald.url, cookie, QUICK ? 20 : 40);
    const sizes = await docSizes(herald.url);
    const rssIdle = rssKb(herald.child.pid);
    const out = join(work, `export-${n}`);
    const exportStart = performance.now();
    const exp = spawnSync(HERALD, ['export', '--data', data, '--web', DIST, '--out', out], { encoding: 'utf8' });
    if (exp.status !== 0) throw new Error(`export failed: ${exp.stderr}`);
    const exportTime = performance.now() - exportStart;
    scale.push({ n, seedTime, firstStart: first.startup, restart: herald.startup, latency, sizes, rssIdle, exportTime, out });
    if (n === 1000) loadTarget = { data, herald, out, account };
    else await herald.stop();
  }

  // --- Public documents under load, against nginx --------------------------------

  const site = loadTarget.out;
  const nginxPort = await freePort();
  const nginx = await startNginx('nginx', [{ port: nginxPort, root: site }]);
  const heraldLoad = wrk(`${loadTarget.herald.url}/api/v2/summary.json`);
  let rssLoad = 0;
  {
    // Resident memory while loaded: sample during a second run.
    const sampler = setInterval(() => { rssLoad = Math.max(rssLoad, rssKb(loadTarget.herald.child.pid)); }, 200);
    const second = spawn('wrk', ['-t2', '-c32', `-d${Math.min(LOAD_SECONDS, 5)}s`, `${loadTarget.herald.url}/api/v2/summary.json`], { stdio: 'ignore' });
    await new Promise((done) => second.on('exit', done));
    clearInterval(sampler);
  }
  const nginxLoad = wrk(`http://127.0.0.1:${nginxPort}/api/v2/summary.json`);
  await nginx.stop();

  // --- First visit and time to status, in headless Chromium ----------------------

  const web = join(work, 'web');
  cpSync(DIST, web, { recursive: true });
  const herald = await startHerald(loadTarget.data, web);
  // The same content as a plain static page, served by the same server: the
  // page Herald renders, without the app.
  const page = await (await fetch(`${herald.url}/`)).text();
  writeFileSync(join(web, 'static-status.html'), withoutScripts(page));

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });

  // Records, from navigation start, when the status and the component list are
  // first visible, and when the WebAssembly app has taken the page over (trunk's
  // loader announces it once the module's start function, which hydrates, returned).
  const WATCH = `
    window.__herald = {};
    const seen = (sel) => { const e = document.querySelector(sel); return e && e.getBoundingClientRect().height > 0; };
    const check = () => {
      const h = window.__herald;
      if (!h.status && seen('[data-testid=overall-status]') && seen('[data-testid=component]')) h.status = performance.now();
      if (!h.status) requestAnimationFrame(check);
    };
    addEventListener('TrunkApplicationStarted', () => { window.__herald.app = performance.now(); });
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
    requestAnimationFrame(check);
  `;

  async function visit(url, waitForApp) {
    const context = await browser.newContext();
    const p = await context.newPage();
    await p.addInitScript(WATCH);
    const requests = [];
    p.on('requestfinished', (r) => requests.push(r.url()));
    await p.goto(url, { waitUntil: 'load' });
    await p.waitForFunction((app) => (app ? window.__herald.app : window.__herald.status), waitForApp, { timeout: 20000 });
    await p.waitForLoadState('networkidle');
    const times = await p.evaluate(() => window.__herald);
    await context.close();
    return { times, requests };
  }

  const first = await visit(`${herald.url}/`, true);
  let totals = { raw: 0, gzip: 0, br: 0 };
  const assets = [];
  for (const url of [...new Set(first.requests)].filter((u) => u.startsWith(herald.url))) {
    const [raw, gzip, br] = [await transferred(url, 'identity'), await transferred(url, 'gzip'), await transferred(url, 'br')];
    assets.push({ path: new URL(url).pathname, raw, gzip, br });
    totals = { raw: totals.raw + raw, gzip: totals.gzip + gzip, br: totals.br + br };
  }
  const heraldTimes = [];
  const staticTimes = [];
  const appTimes = [];
  for (let i = 0; i < RUNS; i++) {
    const h = await visit(`${herald.url}/`, true);
    heraldTimes.push(h.times.status);
    appTimes.push(h.times.app);
    staticTimes.push((await visit(`${herald.url}/static-status.html`, false)).times.status);
  }
  await browser.close();
  await herald.stop();
  await loadTarget.herald.stop();

  // --- The server's rows ---------------------------------------------------------

  row('First visit, compressed (br), all assets', kb(totals.br), '≤ 200 KB', `gzip ${kb(totals.gzip)}, raw ${kb(totals.raw)}`, (totals.br / (200 * 1024)).toFixed(2) + ' of budget');
  for (const a of assets) row(`  ${a.path}`, kb(a.br), '', `gzip ${kb(a.gzip)}, raw ${kb(a.raw)}`);
  const th = median(heraldTimes), ts = median(staticTimes);
  row(`Time to status (median of ${RUNS})`, ms(th), '—', `static HTML ${ms(ts)}`, (th / ts).toFixed(2));
  row(`Time to interactive app (median of ${RUNS})`, ms(median(appTimes)), '—', `static HTML ${ms(ts)}`, (median(appTimes) / ts).toFixed(2));
  row('summary.json throughput (wrk -t2 -c32)', `${heraldLoad.rps.toFixed(0)} req/s`, '≥ 0.9 × nginx', `nginx ${nginxLoad.rps.toFixed(0)} req/s`, (heraldLoad.rps / nginxLoad.rps).toFixed(2));
  row('summary.json latency p50', ms(heraldLoad.p50), '', `nginx ${ms(nginxLoad.p50)}`, (heraldLoad.p50 / nginxLoad.p50).toFixed(2));
  row('summary.json latency p99', ms(heraldLoad.p99), '≤ 2 × nginx', `nginx ${ms(nginxLoad.p99)}`, (heraldLoad.p99 / nginxLoad.p99).toFixed(2));
  const base = scale[0];
  for (const s of scale) {
    const label = s.n.toLocaleString('en');
    row(`Publish latency p50 / p95, ${label} incidents`, `${ms(s.latency.p50)} / ${ms(s.latency.p95)}`, s.n === 10000 ? 'p95 ≤ 20 ms' : '', `0 incidents ${ms(base.latency.p95)}`, (s.latency.p95 / base.latency.p95).toFixed(2));
  }
  for (const s of scale) {
    const label = s.n.toLocaleString('en');
    const sizes = HOME_DOCS.map((p) => `${p.split('/').pop()} ${kb(s.sizes[p])}`).join(', ');
    row(`Home documents, ${label} incidents`, kb(HOME_DOCS.reduce((a, p) => a + s.sizes[p], 0)), 'not growing with history', sizes,
      (HOME_DOCS.reduce((a, p) => a + s.sizes[p], 0) / HOME_DOCS.reduce((a, p) => a + base.sizes[p], 0)).toFixed(2));
    row(`Export time, ${label} incidents`, ms(s.exportTime), '', `0 incidents ${ms(base.exportTime)}`, (s.exportTime / base.exportTime).toFixed(2));
  }
  row('Resident memory, idle (1,000 incidents)', `${(scale.find((s) => s.n === 1000).rssIdle / 1024).toFixed(1)} MB`);
  row('Resident memory, under load', `${(rssLoad / 1024).toFixed(1)} MB`);
  for (const s of scale) {
    const label = s.n.toLocaleString('en');
    row(`Start-up, ${label} incidents (first start / restart)`, `${ms(s.firstStart)} / ${ms(s.restart)}`, '', `0 incidents ${ms(base.restart)}`, (s.restart / base.restart).toFixed(2));
  }
}

// --- Lighthouse: scores and throttled timings --------------------------------

/** Waits for a process to end, killing it after `ms` if it has not. */
function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => { child.kill('SIGKILL'); }, ms);
    child.once('exit', () => { clearTimeout(timer); done(); });
  });
}

/** Rejects after `ms`, so that a hung run ends. */
function deadline(ms, what) {
  let timer;
  const promise = new Promise((_, fail) => { timer = setTimeout(() => fail(new Error(`${what} timed out after ${ms / 1000} s`)), ms); });
  return { promise, clear: () => clearTimeout(timer) };
}

/** The figures of one Lighthouse report. */
function lighthouseFigures(lhr) {
  const score = (id) => Math.round(lhr.categories[id].score * 100);
  const value = (id) => lhr.audits[id].numericValue;
  const lcpNode = lhr.audits['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    seo: score('seo'),
    fcp: value('first-contentful-paint'),
    lcp: value('largest-contentful-paint'),
    tbt: value('total-blocking-time'),
    cls: value('cumulative-layout-shift'),
    interactive: value('interactive'),
    bytes: value('total-byte-weight'),
    lcpElement: lcpNode?.nodeLabel ?? lcpNode?.snippet ?? '?',
  };
}

/** One Lighthouse run in a fresh Chromium with an empty profile (a first
 * visit), bounded in time. Mobile is Lighthouse's default: simulated slow 4G
 * and a 4× slower CPU; desktop is its desktop configuration. */
async function lighthouseRun(url, formFactor) {
  const profile = mkdtempSync(join(tmpdir(), 'herald-lighthouse-'));
  const limit = deadline(LIGHTHOUSE_TIMEOUT_MS, `Lighthouse ${formFactor} ${url}`);
  let chrome = null;
  try {
    chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM, chromeFlags: ['--headless', ...CHROMIUM_FLAGS], userDataDir: profile, logLevel: 'silent',
    });
    const run = lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' },
      formFactor === 'desktop' ? desktopConfig : undefined);
    run.catch(() => {}); // after a timeout its own failure comes later, and is not news
    const { lhr } = await Promise.race([run, limit.promise]);
    if (lhr.runtimeError) throw new Error(`${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    for (const w of lhr.runWarnings) notes.push(`Lighthouse ${formFactor} ${url}: ${w}`);
    return lighthouseFigures(lhr);
  } finally {
    limit.clear();
    if (chrome) {
      chrome.kill();
      await exited(chrome.process, 5000);
    }
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page as the browser shows it once the app has rendered it, as one
 * HTML document without the app: what a hand-written static status page
 * with the same content and the same CSS would be. */
async function renderedCopy(url) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('[data-testid=overall-status]', { timeout: 20000 });
    await page.waitForSelector('[data-testid=component]', { timeout: 20000 });
    await page.waitForLoadState('networkidle');
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    return `<!DOCTYPE html>\n${withoutScripts(html)}`;
  } finally {
    await browser.close();
  }
}

/** The three pages measured: Herald serving its demo, Herald's export of it
 * served by nginx, and the rendered page as a static file (with the export's
 * CSS) served by the same nginx, the reference. */
async function lighthousePages() {
  const data = join(work, 'lighthouse-demo');
  const port = await freePort();
  const herald = await startServer(HERALD, ['serve', '--demo', '--data', data, '--listen', `127.0.0.1:${port}`, '--web', DIST],
    `http://127.0.0.1:${port}/api/v2/status.json`);
  const stops = [herald.stop];
  try {
    const site = join(work, 'lighthouse-export');
    const exp = spawnSync(HERALD, ['export', '--data', data, '--web', DIST, '--out', site], { encoding: 'utf8' });
    if (exp.status !== 0) throw new Error(`export failed: ${exp.stderr}`);
    // The export's files, CSS included, with the rendered page as index.html:
    // nothing loads the app's scripts any more, so the rest is never fetched.
    const copy = join(work, 'lighthouse-static');
    cpSync(site, copy, { recursive: true });
    writeFileSync(join(copy, 'index.html'), await renderedCopy(`http://127.0.0.1:${port}/`));
    const [exportPort, copyPort] = [await freePort(), await freePort()];
    // Compressed as a static host would serve a page: the build's .gz files
    // where they exist, gzip on the fly for the rest (index.html, JSON).
    const nginx = await startNginx('nginx-lighthouse', [{ port: exportPort, root: site }, { port: copyPort, root: copy }], `
  gzip on;
  gzip_static on;
  gzip_vary on;
  gzip_comp_level 6;
  gzip_types text/css application/javascript application/json application/wasm image/svg+xml;`);
    stops.push(nginx.stop);
    return {
      pages: [
        { name: 'serve', url: `http://127.0.0.1:${port}/` },
        { name: 'export (nginx)', url: `http://127.0.0.1:${exportPort}/` },
        { name: 'static copy', url: `http://127.0.0.1:${copyPort}/` },
      ],
      stop: () => Promise.all(stops.map((s) => s())),
    };
  } catch (e) {
    await Promise.all(stops.map((s) => s()));
    throw e;
  }
}

/** Each figure's median over the runs that succeeded (null when none did). */
function medians(runs) {
  if (runs.length === 0) return null;
  const out = {};
  for (const key of Object.keys(runs[0])) {
    out[key] = typeof runs[0][key] === 'number' ? median(runs.map((r) => r[key])) : runs[Math.floor(runs.length / 2)][key];
  }
  return out;
}

/** Runs Lighthouse on every page, LIGHTHOUSE_RUNS times per form factor. The
 * pages take turns so that a slow spell of the machine hits all of them. */
async function measureLighthouse(pages) {
  const results = {};
  for (const formFactor of ['mobile', 'desktop']) {
    const runs = Object.fromEntries(pages.map((p) => [p.name, []]));
    for (let i = 0; i < LIGHTHOUSE_RUNS; i++) {
      for (const page of pages) {
        const started = performance.now();
        try {
          runs[page.name].push(await lighthouseRun(page.url, formFactor));
        } catch (e) {
          notes.push(`Lighthouse ${formFactor} run ${i + 1} of ${page.name} failed: ${e.message}`);
        }
        console.error(`lighthouse ${formFactor} ${page.name} run ${i + 1}/${LIGHTHOUSE_RUNS}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      }
    }
    results[formFactor] = Object.fromEntries(pages.map((p) => [p.name, medians(runs[p.name])]));
  }
  return results;
}

/** a / b, or a dash when b is 0 (a CLS or TBT of zero) and a is not. */
function ratio(a, b) {
  if (a == null || b == null) return '—';
  if (b === 0) return a === 0 ? '1.00' : '—';
  return (a / b).toFixed(2);
}

/** Herald's figures beside the static copy's, one row each. */
function lighthouseRows(results) {
  const show = (f, fmt) => (f == null ? 'failed' : fmt(f));
  const cls = (n) => n.toFixed(3);
  const figures = [
    ['performance', 'performance score', String, '100'],
    ['accessibility', 'accessibility score', String, '100'],
    ['bestPractices', 'best-practices score', String, '100'],
    ['seo', 'SEO score', String, '100'],
    ['lcp', 'LCP', ms, ''],
    ['tbt', 'TBT', ms, '< 50 ms'],
    ['cls', 'CLS', cls, '0'],
    ['bytes', 'first visit, total transfer', kb, '≤ 100 KB'],
  ];
  for (const formFactor of ['mobile', 'desktop']) {
    const ref = results[formFactor]['static copy'];
    for (const name of ['serve', 'export (nginx)']) {
      const her = results[formFactor][name];
      for (const [key, label, fmt, budget] of figures) {
        row(`Lighthouse ${formFactor}, ${name}: ${label}`, show(her?.[key], fmt), budget,
          `static copy ${show(ref?.[key], fmt)}`, ratio(her?.[key], ref?.[key]));
      }
    }
  }
  // Under the mobile run's throttling: when the status text paints (first and
  // largest contentful paint: the status is the page's content) and when the
  // page is interactive (Lighthouse's `interactive` audit).
  const ref = results.mobile['static copy'];
  const both = (f) => (f == null ? 'failed' : `${ms(f.fcp)} / ${ms(f.lcp)}`);
  for (const name of ['serve', 'export (nginx)']) {
    const her = results.mobile[name];
    row(`Status text paints, slow 4G + 4× CPU, ${name} (FCP / LCP)`, both(her), '',
      `static copy ${both(ref)}`, `${ratio(her?.fcp, ref?.fcp)} / ${ratio(her?.lcp, ref?.lcp)}`);
    row(`Interactive, slow 4G + 4× CPU, ${name} (TTI)`, show(her?.interactive, ms), '',
      `static copy ${show(ref?.interactive, ms)}`, ratio(her?.interactive, ref?.interactive));
  }
  notes.push(`Lighthouse figures are each the median of ${LIGHTHOUSE_RUNS} runs, every run in a fresh Chromium with an empty profile (a first visit). `
    + 'Mobile is Lighthouse\'s default (simulated slow 4G, 4× CPU slowdown); desktop its desktop configuration. The static copy is the page as rendered '
    + 'by the app, saved without scripts beside the export\'s CSS and served by the same nginx (gzip) as the export.');
  for (const formFactor of ['mobile', 'desktop']) {
    const elements = Object.entries(results[formFactor]).map(([name, f]) => `${name}: ${f?.lcpElement ?? 'failed'}`);
    notes.push(`Lighthouse ${formFactor} LCP element — ${elements.join('; ')}`);
  }
}

/** Lighthouse's figures for Herald's page, served and exported, beside a
 * static copy of the same page. */
async function lighthouseSection() {
  const { pages, stop } = await lighthousePages();
  try {
    lighthouseRows(await measureLighthouse(pages));
  } finally {
    await stop();
  }
}

// --- The table -----------------------------------------------------------------

function printTable() {
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const what = [QUICK && 'quick', ONLY && `only ${ONLY}`].filter(Boolean).join(', ');
  console.log(`\nHerald benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores${what ? ` (${what})` : ''}\n`);
  const head = ['figure', 'value', 'budget', 'reference (same run)', 'ratio'];
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[head, ...rows].map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`\n${n}`);
}

try {
  if (ONLY === null || ONLY === 'server') await serverFigures();
  if (ONLY === null || ONLY === 'lighthouse') await lighthouseSection();
  printTable();
} finally {
  // HERALD_BENCH_KEEP=1 keeps the pages, exports and logs, to look into a figure.
  if (process.env.HERALD_BENCH_KEEP) console.error(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
