// The first paint: the status is in the HTML Herald (and an export) serves,
// so a visitor whose browser blocks WebAssembly still sees it.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, startHerald } from './harness.mjs';

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

test('with WebAssembly blocked the page still shows the current status', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(herald.url);
  const prerender = page.locator('#herald-prerender');
  await prerender.waitFor({ state: 'visible' });
  await assert.doesNotReject(page.getByRole('heading', { level: 1, name: 'Acme Cloud' }).waitFor());
  await assert.doesNotReject(page.getByRole('heading', { name: 'Partial System Outage' }).waitFor());
  const text = await prerender.innerText();
  for (const expected of ['Elevated API error rates', 'API', 'Partial outage', 'Webhooks', 'Degraded performance', 'Website']) {
    assert.ok(text.includes(expected), `first paint shows ${expected}: ${text}`);
  }
  assert.doesNotMatch(text, /OPS-142/);
  await context.close();
});

test('a blocked wasm module leaves the first paint in place', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(`${herald.url}/`);
  await page.getByRole('heading', { name: 'Partial System Outage' }).waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  await context.close();
});
