// Herald's benchmark. It reports, it does not judge: every figure is printed
// beside its budget and beside a reference measured in the same run on the
// same machine (a plain static page, nginx serving the exported files), so
// the ratios mean something on a noisy machine.
//
// Run through `scripts/bench.sh`, which builds what is measured and installs
// wrk, nginx and Chromium from Debian's packages.

import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const HERALD = process.env.HERALD_BIN ?? join(root, 'target/server/herald');
const SEED = process.env.HERALD_SEED ?? join(root, 'target/server/examples/seed_history');
const DIST = process.env.HERALD_WEB ?? join(root, 'dist');
const QUICK = process.argv.includes('--quick');
const HISTORY_SIZES = QUICK ? [0, 1000, 10000] : [0, 1000, 10000, 100000];
const RUNS = QUICK ? 5 : 9;
const LOAD_SECONDS = QUICK ? 5 : 10;

const work = mkdtempSync(join(tmpdir(), 'herald-bench-'));
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

const nginxDir = join(work, 'nginx');
const nginxPort = await freePort();
const site = loadTarget.out;
writeFileSync(join(work, 'nginx.conf'), `
worker_processes auto;
daemon off;
pid ${nginxDir}.pid;
error_log ${nginxDir}-error.log;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  etag on;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  open_file_cache max=1000 inactive=60s;
  server {
    listen 127.0.0.1:${nginxPort};
    root ${site};
    location / { try_files $uri /index.html; }
  }
}`);
const nginx = await startServer('nginx', ['-c', join(work, 'nginx.conf'), '-p', work], `http://127.0.0.1:${nginxPort}/api/v2/summary.json`);
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
// first paint Herald writes into its page, without the app.
const page = await (await fetch(`${herald.url}/`)).text();
const staticHtml = page
  .replace(/<script[\s\S]*?<\/script>/g, '')
  .replace(/<link[^>]*rel="(modulepreload|preload)"[^>]*>/g, '');
writeFileSync(join(web, 'static-status.html'), staticHtml);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

// Records, from navigation start, when the status and the component list are
// first visible, and when the WebAssembly app has mounted.
const WATCH = `
  window.__herald = {};
  const seen = (sel) => { const e = document.querySelector(sel); return e && e.getBoundingClientRect().height > 0; };
  const check = () => {
    const t = performance.now(), h = window.__herald;
    if (!h.status && seen('[data-testid=overall-status], #herald-prerender .overall')
        && seen('[data-testid=component], #herald-prerender .component-row')) h.status = t;
    if (!h.app && seen('[data-testid=overall-status]') && seen('[data-testid=component]')) h.app = t;
    if (!h.app) requestAnimationFrame(check);
  };
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

// --- The table -----------------------------------------------------------------

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

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nHerald benchmark — ${new Date().toISOString().slice(0, 10)}, ${cpu}, ${cpus().length} cores${QUICK ? ' (quick)' : ''}\n`);
const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...[['figure', 'value', 'budget', 'reference (same run)', 'ratio'], ...rows].map((r) => String(r[i]).length)));
const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join('  ');
console.log(line(['figure', 'value', 'budget', 'reference (same run)', 'ratio']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
for (const n of notes) console.log(`\n${n}`);
rmSync(work, { recursive: true, force: true });
