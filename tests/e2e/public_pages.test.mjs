// The public pages beyond the banner: uptime bars, collapsible groups, past
// incidents, incident and maintenance permalinks, the history, the
// not-found page, live refresh that never goes blank, and axe-core on each
// page. Against a real `herald serve --demo`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { appRunning, axeViolations, launchBrowser, newPage, signIn, startHerald } from './harness.mjs';

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

async function getJson(path) {
  const response = await fetch(herald.url + path);
  assert.equal(response.status, 200, path);
  return response.json();
}

/** The demo's "API unavailable": 17 days ago, a 37-minute major outage. */
async function apiUnavailable() {
  const { incidents } = await getJson('/api/v2/incidents.json');
  const incident = incidents.find((i) => i.name === 'API unavailable');
  assert.ok(incident, 'the demo has "API unavailable"');
  return incident;
}

/** Opens the home page and waits for the status and the uptime bars. */
async function openHome(page, path = '/') {
  await page.goto(herald.url + path);
  await page.getByTestId('overall-status').waitFor({ state: 'visible', timeout: 15000 });
  await page.getByTestId('uptime-bar').first().waitFor({ state: 'visible' });
  await page.getByTestId('past-day').first().waitFor({ state: 'visible' });
  await appRunning(page);
}

/** The uptime bar of the component named `name`. */
function uptimeBar(page, name) {
  return page.getByTestId('uptime-bar').filter({ has: page.getByRole('heading', { name, exact: true }) });
}

/** The major-outage day of API's bar and its details popover. */
function majorOutageDay(page) {
  const bar = uptimeBar(page, 'API');
  return {
    bar,
    day: bar.getByTestId('uptime-day').and(page.locator('[data-worst="major_outage"]')),
    details: bar.getByTestId('uptime-day-details'),
  };
}

async function assertAccessible(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], `axe on ${what}:\n${violations.join('\n')}`);
}

async function closePage(page, allowed = []) {
  const errors = page.errors.filter((e) => !allowed.some((pattern) => pattern.test(e)));
  await page.context().close();
  assert.deepEqual(errors, []);
}

test('uptime bars: 90 days per showcased component, the period uptime, neutral days without data', async () => {
  const doc = await getJson('/api/herald/uptime.json');
  const page = await newPage(browser);
  await openHome(page);
  const bars = page.getByTestId('uptime-bar');
  assert.equal(await bars.count(), doc.components.length);
  const api = uptimeBar(page, 'API');
  assert.equal(await api.getAttribute('data-component-id'), doc.components.find((c) => c.name === 'API').id);
  assert.equal(await api.getByTestId('uptime-day').count(), 90);
  assert.match(await api.getByTestId('uptime-period').textContent(), /^99\.\d+ % uptime$/);
  const dates = await api.getByTestId('uptime-day').evaluateAll((days) => days.map((d) => d.dataset.date));
  assert.deepEqual(dates, doc.components[0].days.map((d) => d.date), 'oldest first, ending today');
  // Every day is named in words, not only by its colour.
  const labels = await api.getByTestId('uptime-day').evaluateAll((days) => days.map((d) => d.getAttribute('aria-label')));
  assert.ok(labels.every((l) => /^[A-Z][a-z]{2} \d{1,2}: /.test(l)), labels.join('\n'));
  const { day } = majorOutageDay(page);
  assert.match(await day.getAttribute('aria-label'), /: major outage, 97\.\d+ % uptime, 1 incident$/);
  await closePage(page);
});

test('an uptime day shows its details on hover, and leaves when the pointer does', async () => {
  const incident = await apiUnavailable();
  const page = await newPage(browser);
  await openHome(page);
  const { day, details } = majorOutageDay(page);
  assert.equal(await details.count(), 0);
  await day.hover();
  await details.waitFor({ state: 'visible' });
  assert.match(await details.textContent(), /Major outage: 37 min/);
  const link = details.getByRole('link', { name: 'API unavailable' });
  assert.equal(await link.getAttribute('href'), `/incidents/${incident.id}`);
  // The pointer can travel into the popover to reach the link.
  await link.hover();
  assert.ok(await details.isVisible());
  await page.mouse.move(1, 1);
  await details.waitFor({ state: 'detached' });
  await closePage(page);
});

test('an uptime day shows its details on keyboard focus; arrows move between days', async () => {
  const page = await newPage(browser);
  await openHome(page);
  const { bar, day, details } = majorOutageDay(page);
  const date = await day.getAttribute('data-date');
  await day.focus();
  await details.waitFor({ state: 'visible' });
  assert.equal(await details.getAttribute('data-date'), date);
  assert.ok(await details.getByRole('link', { name: 'API unavailable' }).isVisible());
  await page.keyboard.press('ArrowRight');
  const next = await bar.getByTestId('uptime-day').and(page.locator(':focus')).getAttribute('data-date');
  assert.ok(next > date, `${next} follows ${date}`);
  assert.equal(await details.getAttribute('data-date'), next);
  await page.keyboard.press('Escape');
  await details.waitFor({ state: 'detached' });
  // The popover's links come next in the tab order; leaving closes it.
  await page.keyboard.press('ArrowLeft');
  await details.waitFor({ state: 'visible' });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'API unavailable');
  await page.keyboard.press('Tab');
  await details.waitFor({ state: 'detached' });
  const left = await page.evaluate(() => document.activeElement.closest('[data-testid=uptime-bar]')?.dataset.componentId);
  assert.notEqual(left, await bar.getAttribute('data-component-id'), 'Tab leaves the bar after its link');
  await closePage(page);
});

test('an uptime day shows its details on tap, with the incident link that opens its permalink', async () => {
  const incident = await apiUnavailable();
  const page = await newPage(browser, { hasTouch: true, viewport: { width: 320, height: 700 } });
  await openHome(page);
  const { day, details } = majorOutageDay(page);
  await day.tap();
  await details.waitFor({ state: 'visible' });
  const box = await details.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 320, `the popover fits a 320 px screen: ${JSON.stringify(box)}`);
  await details.getByRole('link', { name: 'API unavailable' }).tap();
  await page.getByTestId('incident-page').waitFor();
  assert.equal(new URL(page.url()).pathname, `/incidents/${incident.id}`);
  // Nothing is wider than the screen.
  await page.goBack();
  await page.getByTestId('uptime-bar').first().waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 320, `no horizontal scrolling at 320 px (${overflow})`);
  await closePage(page);
});

test('a group collapses and expands with its button', async () => {
  const page = await newPage(browser);
  await openHome(page);
  const toggle = page.getByRole('button', { name: 'Platform' });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const dashboard = page.getByTestId('component').filter({ hasText: 'Web dashboard' });
  assert.ok(await dashboard.isVisible());
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  await dashboard.waitFor({ state: 'hidden' });
  // The group still shows its worst child's status.
  const group = page.getByTestId('component').filter({ has: toggle });
  assert.equal(await group.getAttribute('data-status'), 'partial_outage');
  assert.match(await group.textContent(), /Partial outage/);
  await toggle.click();
  await dashboard.waitFor({ state: 'visible' });
  await closePage(page);
});

test('past incidents: 14 days, newest first, incidents on their day or "No incidents reported."', async () => {
  const page = await newPage(browser);
  await openHome(page);
  const days = page.getByTestId('past-day');
  assert.equal(await days.count(), 14);
  const dates = await days.evaluateAll((ds) => ds.map((d) => d.dataset.date));
  assert.deepEqual([...dates].sort().reverse(), dates, 'newest first');
  // The active incident is listed on the day it was opened, in the
  // reader's zone: today, or yesterday shortly after midnight.
  const unresolved = await getJson('/api/v2/incidents/unresolved.json');
  const active = unresolved.incidents.find((i) => i.name === 'Elevated API error rates');
  const opened = await page.evaluate((at) => {
    const d = new Date(at);
    const pad = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }, active.created_at);
  assert.ok(dates.slice(0, 2).includes(opened), `${opened} is today or yesterday`);
  const day = page.locator(`[data-testid="past-day"][data-date="${opened}"]`);
  assert.match(await day.textContent(), /Elevated API error rates/);
  assert.match(await day.textContent(), /Major impact/);
  const texts = await days.allTextContents();
  assert.ok(texts.some((t) => t.includes('No incidents reported.')));
  // 4 and 9 days ago are within the 14 days; 17 days ago is not.
  const all = texts.join('\n');
  assert.match(all, /Login errors for some accounts/);
  assert.match(all, /Slow webhook deliveries/);
  assert.doesNotMatch(all, /API unavailable/);
  await closePage(page);
});

test('the incident permalink, from the home page and loaded directly', async () => {
  const page = await newPage(browser, { timezoneId: 'Asia/Tokyo' });
  await openHome(page);
  await page.getByTestId('incident').getByRole('link', { name: 'Elevated API error rates' }).click();
  const incidentPage = page.getByTestId('incident-page');
  await incidentPage.waitFor();
  assert.match(new URL(page.url()).pathname, /^\/incidents\/\w+$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Elevated API error rates');
  assert.equal(await page.locator('h1').count(), 1);
  assert.equal(await incidentPage.getByTestId('incident-update').count(), 2);
  assert.match(await incidentPage.textContent(), /ongoing/);

  const incident = await apiUnavailable();
  await page.goto(`${herald.url}/incidents/${incident.id}`);
  await incidentPage.waitFor();
  const text = await incidentPage.textContent();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'API unavailable');
  assert.match(text, /Critical impact/);
  assert.match(text, /Resolved/);
  const minutes = Math.floor((Date.parse(incident.resolved_at) - Date.parse(incident.started_at)) / 60000);
  assert.match(text, new RegExp(`Duration:\\s*${minutes} min`));
  assert.match(text, /API/);
  assert.match(text, /Database/);
  assert.equal(await incidentPage.getByTestId('incident-update').count(), incident.incident_updates.length);
  // Times are local with the zone named, UTC in the tooltip.
  const time = incidentPage.locator('time').first();
  assert.match(await time.getAttribute('title'), /^\d{4}-\d\d-\d\d \d\d:\d\d UTC$/);
  assert.match(await time.textContent(), /GMT\+9/, 'in the viewer\'s zone, named');
  assert.match(await page.title(), /API unavailable · Acme Cloud/);
  await assertAccessible(page, 'the incident page');

  await page.goto(`${herald.url}/incidents/no-such-incident`);
  await page.getByRole('heading', { level: 1, name: 'Incident not found' }).waitFor();
  await closePage(page, [/404/]);
});

test('the maintenance permalink shows its window, status and timeline', async () => {
  const page = await newPage(browser);
  await openHome(page);
  await page.getByTestId('maintenance').getByRole('link', { name: 'Database upgrade' }).click();
  const maintenancePage = page.getByTestId('maintenance-page');
  await maintenancePage.waitFor();
  assert.match(new URL(page.url()).pathname, /^\/maintenances\/\w+$/);
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Database upgrade');
  assert.match(await maintenancePage.getByTestId('maintenance-status').textContent(), /Scheduled/);
  assert.equal(await maintenancePage.getByTestId('maintenance-window').locator('time').count(), 2);
  assert.match(await maintenancePage.textContent(), /upgrade our database clusters/);
  // Reloading the permalink works (the server falls back to the app).
  await page.reload();
  await maintenancePage.waitFor();
  await closePage(page);
});

test('the history page lists months newest first and loads older months on demand', async () => {
  const index = await getJson('/api/herald/history/index.json');
  assert.ok(index.months.length >= 2, 'the demo spans two months');
  const page = await newPage(browser);
  const requests = [];
  page.on('request', (request) => requests.push(new URL(request.url()).pathname));
  await openHome(page);
  // The history is the second public app: the first visit does not load it.
  assert.deepEqual(requests.filter((path) => path.startsWith('/more/')), []);
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { level: 1, name: 'Incident history' }).waitFor();
  await appRunning(page);
  assert.ok(requests.some((path) => /^\/more\/herald-more-.*\.wasm$/.test(path)), requests.join(' '));
  assert.equal(await nav.getByRole('link', { name: 'History' }).getAttribute('aria-current'), 'page');
  assert.equal(await nav.getByRole('link', { name: 'Current status' }).getAttribute('aria-current'), null);
  const months = page.getByTestId('history-month');
  await months.first().waitFor();
  assert.equal(await months.count(), 1);
  assert.equal(await months.first().getAttribute('data-month'), index.months[0].month);
  await assertAccessible(page, 'the history page');
  const older = page.getByTestId('show-older');
  for (let n = 2; n <= index.months.length; n += 1) {
    await older.click();
    await months.nth(n - 1).waitFor();
  }
  await older.waitFor({ state: 'detached' });
  const shown = await months.evaluateAll((ms) => ms.map((m) => m.dataset.month));
  assert.deepEqual(shown, index.months.map((m) => m.month));
  const text = await page.getByRole('main').textContent();
  for (const name of ['API unavailable', 'Dashboard fails to load for some users', 'Delayed email notifications']) {
    assert.ok(text.includes(name), `history shows ${name}`);
  }
  assert.match(text, /Critical impact/);
  assert.match(text, /Resolved:/);
  // Its links into the status app load that app on the permalink.
  const incident = await apiUnavailable();
  await page.getByRole('main').getByRole('link', { name: 'API unavailable' }).click();
  await page.getByRole('heading', { level: 1, name: 'API unavailable' }).waitFor();
  assert.equal(new URL(page.url()).pathname, `/incidents/${incident.id}`);
  await closePage(page);
});

test('an unknown address shows the not-found page', async () => {
  const page = await newPage(browser);
  // Answered 404 (so crawlers and link checkers see it), with the app's page.
  const response = await page.goto(`${herald.url}/no/such/page`);
  assert.equal(response.status(), 404);
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.equal(await page.locator('h1').count(), 1);
  await assertAccessible(page, 'the not-found page');
  await page.getByRole('link', { name: 'Go to the status page' }).click();
  await page.getByTestId('overall-status').waitFor();
  // The browser logs the page's own 404; nothing else may be logged.
  await closePage(page, [/status of 404/]);
});

test('the home page passes axe-core, with one h1, landmarks and a skip link', async () => {
  const page = await newPage(browser);
  await openHome(page);
  assert.equal(await page.locator('h1').count(), 1);
  for (const role of ['banner', 'navigation', 'main', 'contentinfo']) {
    assert.equal(await page.getByRole(role).count(), 1, role);
  }
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await assertAccessible(page, 'the home page');
  // With a day's details open, too.
  await majorOutageDay(page).day.focus();
  await assertAccessible(page, 'the home page with a day open');
  await closePage(page);
});

test('refreshes are conditional, and a failed refresh keeps the last data and says so', async () => {
  const page = await newPage(browser);
  await openHome(page);
  const before = await page.getByTestId('component').count();
  const bannerText = await page.getByTestId('overall-status').textContent();

  // Becoming visible refreshes at once, sending the last ETag: 304.
  const revalidated = page.waitForResponse((r) => r.url().endsWith('/api/v2/summary.json'));
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  const response = await revalidated;
  assert.ok(response.request().headers()['if-none-match'], 'the refresh sends If-None-Match');
  assert.equal(response.status(), 304);

  await page.route('**/api/v2/summary.json', (route) => route.abort());
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  const notice = page.getByTestId('refresh-failed');
  await notice.waitFor({ state: 'visible' });
  assert.match(await notice.textContent(), /^Couldn't refresh\. Showing the status as of .+\.$/);
  assert.equal(await page.getByRole('status').filter({ has: notice }).count(), 1, 'announced politely');
  assert.equal(await page.getByTestId('component').count(), before, 'the data stays');
  assert.equal(await page.getByTestId('overall-status').textContent(), bannerText);
  assert.equal(await page.getByTestId('load-error').count(), 0);

  // The next refresh that works clears the notice.
  await page.unroute('**/api/v2/summary.json');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await notice.waitFor({ state: 'detached' });
  await closePage(page, [/Failed to load resource/, /ERR_FAILED/]);
});

test('a second incident and the maintenance are shown side by side, never replacing each other', async () => {
  const cookie = await signIn(herald);
  const components = await (await fetch(`${herald.url}/api/components`, { headers: { cookie } })).json();
  const website = components.find((c) => c.name === 'Website');
  const declared = await fetch(`${herald.url}/api/incidents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({
      issue_key: 'OPS-999',
      title: 'Website slow to load',
      summary: 'CDN misconfiguration',
      severity: 3,
      message: 'The website loads slowly for some visitors. We are investigating.',
      components: [{ id: website.id, status: 'degraded_performance' }],
    }),
  });
  assert.equal(declared.status, 201, await declared.text());

  const page = await newPage(browser);
  await openHome(page);
  const incidents = page.getByTestId('incident');
  assert.equal(await incidents.count(), 2);
  const titles = await incidents.getByRole('heading').allTextContents();
  assert.deepEqual(titles.map((t) => t.trim()).sort(), ['Elevated API error rates', 'Website slow to load']);
  for (let i = 0; i < 2; i += 1) assert.ok(await incidents.nth(i).isVisible());
  assert.equal(await page.getByTestId('maintenance').count(), 1);
  assert.ok(await page.getByTestId('maintenance').isVisible());
  assert.match(await page.getByTestId('past-day').first().textContent(), /Website slow to load/);
  assert.doesNotMatch(await page.content(), /OPS-999|CDN misconfiguration/);
  await closePage(page);
});
