// The public status page in a real browser, served by `herald serve --demo`
// and, after `herald export`, by a plain static file server.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { heraldBin, launchBrowser, newPage, run, startHerald, startStaticServer, webDir } from './harness.mjs';

const DEMO_COMPONENTS = ['Platform', 'API', 'Web dashboard', 'Database', 'Integrations', 'Webhooks', 'Email delivery', 'Website'];

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

/** What a visitor sees: the banner, the components and the active incidents. */
async function readStatusPage(page, url) {
  await page.goto(url);
  const banner = page.getByTestId('overall-status');
  await banner.waitFor({ state: 'visible', timeout: 15000 });
  await page.getByTestId('component').first().waitFor({ state: 'visible' });
  const components = await page.getByTestId('component').evaluateAll((rows) =>
    rows.map((r) => ({ text: r.textContent, status: r.dataset.status })));
  const incidents = await page.getByTestId('incident').allTextContents();
  return {
    indicator: await banner.getAttribute('data-indicator'),
    bannerText: (await banner.textContent()).trim(),
    components,
    incidents,
    h1: await page.locator('h1').count(),
  };
}

function statusOf(components, name) {
  const row = components.find((c) => c.text.includes(name));
  assert.ok(row, `component ${name} is on the page: ${JSON.stringify(components)}`);
  return row.status;
}

test('the demo page shows the overall status, every component and the open incident', async () => {
  const page = await newPage(browser);
  const seen = await readStatusPage(page, herald.url);
  assert.equal(seen.indicator, 'major');
  assert.match(seen.bannerText, /Partial System Outage/);
  for (const name of DEMO_COMPONENTS) statusOf(seen.components, name);
  assert.equal(statusOf(seen.components, 'API'), 'partial_outage');
  assert.equal(statusOf(seen.components, 'Webhooks'), 'degraded_performance');
  assert.equal(statusOf(seen.components, 'Website'), 'operational');
  assert.equal(seen.incidents.length, 1);
  assert.match(seen.incidents[0], /Elevated API error rates/);
  assert.match(seen.incidents[0], /identified a database capacity problem/);
  // Internal fields of the demo incident never reach the page.
  const html = await page.content();
  assert.doesNotMatch(html, /OPS-142|api-db-3/);
  assert.equal(seen.h1, 1);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a status change published through the API shows on the next load', async () => {
  const login = await fetch(`${herald.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: herald.email, password: herald.password }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const components = await (await fetch(`${herald.url}/api/components`, { headers: { cookie } })).json();
  const website = components.find((c) => c.name === 'Website');
  const patch = await fetch(`${herald.url}/api/components/${website.id}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ version: website.version, status: 'major_outage' }),
  });
  assert.equal(patch.status, 200);

  const page = await newPage(browser);
  const seen = await readStatusPage(page, herald.url);
  assert.equal(statusOf(seen.components, 'Website'), 'major_outage');
  assert.equal(seen.indicator, 'critical');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('herald export served by python3 -m http.server shows the same page and documents', async () => {
  const out = join(herald.dir, 'site');
  await run(heraldBin, ['export', '--data', herald.data, '--web', webDir, '--out', out]);
  const site = await startStaticServer(out);
  try {
    for (const path of ['/api/v2/summary.json', '/api/v2/components.json', '/api/v2/incidents.json']) {
      const fromHerald = await (await fetch(herald.url + path)).text();
      const fromStatic = await (await fetch(site.url + path)).text();
      assert.equal(fromStatic, fromHerald, path);
    }
    const page = await newPage(browser);
    const exported = await readStatusPage(page, site.url);
    const live = await readStatusPage(await newPage(browser), herald.url);
    assert.equal(exported.indicator, live.indicator);
    assert.deepEqual(exported.components, live.components);
    assert.deepEqual(exported.incidents, live.incidents);
    assert.deepEqual(page.errors, []);
  } finally {
    await site.stop();
  }
});
