// The whole page at first paint: the HTML Herald (and an export) serves is
// the page the app renders, every section of it, so a visitor without
// WebAssembly or JavaScript sees all of it; and the app takes that HTML
// over (hydrates it) without removing or repainting it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appRunning, launchBrowser, startHerald } from './harness.mjs';

let browser;
let herald;

before(async () => {
  herald = await startHerald();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await herald?.stop();
});

// What a reader of the status page sees, section by section.
async function assertWholeStatusPage(page) {
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Acme Cloud' }).waitFor());
  await assert.doesNotReject(page.getByRole('heading', { name: 'Partial System Outage' }).waitFor());
  const count = (testid) => page.locator(`[data-testid="${testid}"]`).count();
  assert.equal(await count('overall-status'), 1);
  assert.ok((await count('incident')) >= 1, 'active incidents');
  assert.ok((await count('incident-update')) >= 2, 'every update of the active incident');
  assert.ok((await count('maintenance')) >= 1, 'scheduled maintenance');
  assert.ok((await count('component')) >= 4, 'components');
  assert.ok((await count('uptime-bar')) >= 1, 'uptime bars');
  assert.ok((await count('uptime-day')) >= 90, 'the days of the uptime bars');
  assert.ok((await count('past-day')) >= 1, 'past incidents');
  const text = await page.locator('main').innerText();
  for (const expected of ['Elevated API error rates', 'API', 'Webhooks', 'Degraded performance', 'Website']) {
    assert.ok(text.includes(expected), `the page shows ${expected}`);
  }
  assert.doesNotMatch(await page.content(), /OPS-142|api-db-3/);
}

test('with JavaScript off the status page is all there', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(herald.url);
  await assertWholeStatusPage(page);
  // Times are in UTC, named, since the server cannot know the reader's zone.
  assert.match(await page.locator('[data-testid="last-updated"] time').innerText(), / UTC$/);
  await context.close();
});

test('with JavaScript off a permalink shows the whole public timeline', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const incidents = await (await fetch(`${herald.url}/api/v2/incidents.json`)).json();
  const incident = incidents.incidents.find((i) => i.incident_updates.length >= 2);
  await page.goto(`${herald.url}/incidents/${incident.id}`);
  await page.getByRole('heading', { level: 1, name: incident.name }).waitFor();
  assert.equal(await page.locator('[data-testid="incident-update"]').count(), incident.incident_updates.length);
  assert.equal(await page.locator('.site-title').innerText(), 'Acme Cloud');
  await context.close();
});

// A page in Tokyo's zone whose wasm module is held back until `release()`
// (so the test can mark the rendered page first), recording its errors.
async function heldPage() {
  const context = await browser.newContext({ timezoneId: 'Asia/Tokyo' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return { context, page, errors, release };
}

test('the app takes the rendered page over without replacing or moving it', async () => {
  const { context, page, errors, release } = await heldPage();
  await page.addInitScript(() => {
    window.__shifts = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__shifts += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto(herald.url, { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => {
    window.__main = document.querySelector('main');
    window.__firstBar = document.querySelector('[data-testid="uptime-bar"]');
  });
  release();
  // The app runs: times move to the reader's zone (Tokyo, GMT+9).
  await page.waitForFunction(() => /GMT\+9/.test(document.querySelector('[data-testid="last-updated"] time')?.textContent ?? ''));
  assert.ok(await page.evaluate(() => window.__main.isConnected && window.__firstBar.isConnected), 'the rendered nodes are the ones on screen');
  assert.equal(await page.locator('main').count(), 1);
  await assertWholeStatusPage(page);
  // It is live: the uptime bars answer the keyboard.
  const day = page.locator('[data-testid="uptime-day"]').last();
  await day.focus();
  await page.keyboard.press('ArrowLeft');
  await page.locator('[data-testid="uptime-day-details"]').first().waitFor({ state: 'visible' });
  // Nothing moves; the one change is each time's text, UTC to the reader's
  // zone, which may reflow its own line by a fraction of a pixel (Lighthouse
  // reports CLS to three decimals: 0.000).
  const shifts = await page.evaluate(() => window.__shifts);
  assert.ok(shifts < 0.0005, `layout shift ${shifts}`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a blocked wasm module leaves the rendered page in place', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${herald.url}/`);
  await assertWholeStatusPage(page);
  assert.equal(await page.locator('h1').count(), 1);
  await context.close();
});

test('an unknown path is the not-found page, before and after the app starts', async () => {
  for (const javaScriptEnabled of [false, true]) {
    const context = await browser.newContext({ javaScriptEnabled });
    const page = await context.newPage();
    const reply = await page.goto(`${herald.url}/no/such/page`);
    assert.equal(reply.status(), 404);
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    assert.equal(await page.locator('[data-testid="overall-status"]').count(), 0);
    await context.close();
  }
});

test('with JavaScript off the history and the subscription form are there', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const index = await (await fetch(`${herald.url}/api/herald/history/index.json`)).json();
  const newest = await (await fetch(`${herald.url}${index.months[0].path}`)).json();
  await page.goto(`${herald.url}/history`);
  await page.getByRole('heading', { level: 1, name: 'Incident history' }).waitFor();
  assert.equal(await page.title(), 'Incident history · Acme Cloud');
  assert.equal(await page.locator('.site-title').innerText(), 'Acme Cloud');
  assert.equal(await page.locator('[data-testid="history-month"]').count(), 1);
  assert.equal(await page.locator('[data-testid="history-incident"]').count(), newest.incidents.length);
  for (const incident of newest.incidents) {
    await assert.doesNotReject(page.getByRole('link', { name: incident.name }).first().waitFor());
  }
  await page.goto(`${herald.url}/subscribe`);
  await page.getByRole('heading', { level: 1, name: 'Subscribe to updates' }).waitFor();
  assert.equal(await page.title(), 'Subscribe to updates · Acme Cloud');
  assert.ok(await page.getByLabel('Email address').isVisible(), 'the address field');
  await assert.doesNotReject(page.getByRole('link', { name: 'Atom' }).waitFor());
  await context.close();
});

test('the history app takes its rendered page over and loads older months', async () => {
  const { context, page, errors, release } = await heldPage();
  const fetched = [];
  page.on('request', (r) => r.url().includes('/api/') && fetched.push(new URL(r.url()).pathname));
  await page.goto(`${herald.url}/history`, { waitUntil: 'domcontentloaded' });
  await page.evaluate(() => { window.__month = document.querySelector('[data-testid="history-month"]'); });
  release();
  await page.waitForFunction(() => /GMT\+9/.test(document.querySelector('[data-testid="history-month"] time')?.textContent ?? ''));
  assert.ok(await page.evaluate(() => window.__month.isConnected), 'the rendered month is the one on screen');
  await appRunning(page);
  // Nothing the page was rendered from is read again.
  assert.deepEqual(fetched, []);
  await page.getByTestId('show-older').click();
  await page.locator('[data-testid="history-month"]').nth(1).waitFor();
  assert.equal(fetched.length, 1);
  // The subscription form offers the components it was rendered with.
  await page.goto(`${herald.url}/subscribe`);
  await appRunning(page);
  await page.getByLabel('Only the components I choose').check();
  await assert.doesNotReject(page.getByRole('checkbox', { name: 'Webhooks' }).waitFor({ state: 'visible' }));
  assert.deepEqual(errors, []);
  await context.close();
});
