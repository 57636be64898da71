// Shared helpers for the end-to-end tests: a real `herald serve` on a free
// loopback port, a plain static file server, and Debian's headless Chromium
// driven by playwright-core. Nothing here downloads anything.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..', '..');
export const heraldBin = process.env.HERALD_BIN ?? join(root, 'target', 'debug', 'herald');
export const webDir = process.env.HERALD_WEB ?? join(root, 'dist');

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => done(port));
    });
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'herald-e2e-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Runs a process to completion; rejects with its stderr on failure. */
export function run(cmd, args) {
  return new Promise((done, fail) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    child.on('exit', (code) => (code === 0 ? done(out) : fail(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err}`))));
  });
}

/**
 * Starts a process and waits until its standard output contains `ready`.
 * Returns { child, output, stop }.
 */
async function startProcess(cmd, args, ready, timeoutMs = 30000) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stderr.on('data', (d) => { errors += d; });
  await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${cmd} did not get ready: ${output}${errors}`)), timeoutMs);
    child.stdout.on('data', (d) => {
      output += d;
      if (ready.test(output)) { clearTimeout(timer); done(); }
    });
    child.on('exit', (code) => { clearTimeout(timer); fail(new Error(`${cmd} exited ${code}: ${errors}`)); });
  });
  const stop = () => new Promise((done) => {
    if (child.exitCode !== null) return done();
    child.once('exit', done);
    child.kill('SIGTERM');
  });
  return { child, output, stop };
}

/** Starts `herald serve --demo` (and `args`) on a fresh data directory. */
export async function startHerald({ demo = true, args: extra = [] } = {}) {
  const { dir, cleanup } = tempDir();
  const port = await freePort();
  const data = join(dir, 'data');
  const args = ['serve', '--data', data, '--listen', `127.0.0.1:${port}`, '--web', webDir];
  if (demo) args.push('--demo');
  args.push(...extra);
  const proc = await startProcess(heraldBin, args, /sign in as|herald user add/);
  const password = proc.output.match(/with password (\S+)/)?.[1];
  return {
    url: `http://127.0.0.1:${port}`,
    data,
    dir,
    password,
    email: 'demo@herald.test',
    stop: async () => { await proc.stop(); cleanup(); },
  };
}

/** Serves `dir` with Python's plain static file server. */
export async function startStaticServer(dir) {
  const port = await freePort();
  // python3 -m http.server prints its banner to stdout only after binding.
  const proc = await startProcess('python3', ['-u', '-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', dir], /Serving HTTP/);
  return { url: `http://127.0.0.1:${port}`, stop: proc.stop };
}

/** Debian's Chromium, headless, with the flags a root sandbox needs. */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/**
 * A new page that records uncaught errors and console errors, so a test can
 * fail on them: a broken wasm module otherwise shows only as an empty page.
 */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  return page;
}

/**
 * Waits until the public app runs on `page`: the page is rendered before
 * the app loads, and its controls answer only once it has taken over.
 */
export async function appRunning(page) {
  await page.locator('html[data-app="running"]').waitFor({ state: 'attached', timeout: 15000 });
}

/** Signs in to `herald` (from startHerald); returns the session cookie. */
export async function signIn(herald) {
  const login = await fetch(`${herald.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: herald.email, password: herald.password }),
  });
  if (login.status !== 200) throw new Error(`sign-in failed: HTTP ${login.status}`);
  return login.headers.get('set-cookie').split(';')[0];
}

/**
 * Runs axe-core (from npm) on the page as it is and returns its violations,
 * each as one readable line per offending element.
 */
export async function axeViolations(page) {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  // Evaluated through the DevTools protocol rather than added as a
  // <script>: the pages' Content-Security-Policy refuses inline scripts,
  // and the test must not weaken it.
  const { readFileSync } = await import('node:fs');
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const { violations } = await page.evaluate(() => globalThis.axe.run());
  return violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.join(' ')}: ${n.failureSummary}`));
}
