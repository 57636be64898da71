// Customers subscribe from the status page: by webhook (a real receiver on
// loopback gets the next public update of the component it chose, and
// nothing internal) or by email (told to confirm first), with clear errors.
// Staff read notices in the portal, subscribe to them and keep a private
// feed; admins see every delivery and why one failed. Against a real
// `herald serve --demo` that retries failed deliveries quickly.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { axeViolations, freePort, launchBrowser, newPage, signIn, startHerald } from './harness.mjs';

let browser;
let herald;

before(async () => {
  herald = await startHerald({ args: ['--retry-base-ms', '5'] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await herald?.stop();
});

/** An HTTP receiver on loopback that keeps every JSON body posted to it. */
async function startReceiver() {
  const bodies = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d) => { text += d; });
    req.on('end', () => {
      bodies.push(text);
      res.writeHead(200).end();
    });
  });
  const port = await freePort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    bodies,
    stop: () => new Promise((done) => server.close(done)),
  };
}

async function waitFor(check, what, ms = 20000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function closePage(page) {
  const errors = page.errors;
  await page.context().close();
  assert.deepEqual(errors, []);
}

async function openSubscribe(page) {
  await page.goto(herald.url + '/');
  await page.getByRole('navigation').getByRole('link', { name: 'Subscribe' }).click();
  await page.getByRole('heading', { level: 1, name: 'Subscribe to updates' }).waitFor();
  assert.equal(new URL(page.url()).pathname, '/subscribe');
}

test('a webhook subscribed to one component gets its next public update, and nothing internal', async () => {
  const receiver = await startReceiver();
  try {
    const page = await newPage(browser);
    await openSubscribe(page);
    await page.getByLabel('By webhook').check();
    await page.getByLabel('Webhook URL').fill(receiver.url);
    await page.getByLabel('Only the components I choose').check();
    await page.getByLabel('API', { exact: true }).check();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    const done = page.getByTestId('subscribe-done');
    await done.waitFor();
    assert.equal(await done.textContent(), `Subscribed: updates will be posted to ${receiver.url}.`);
    await closePage(page);

    // A comms manager posts an update to the open demo incident (on the API).
    const cookie = await signIn(herald);
    const incidents = await (await fetch(`${herald.url}/api/incidents`, { headers: { cookie } })).json();
    const open = incidents.find((i) => i.title === 'Elevated API error rates');
    assert.ok(open, 'the demo has its open incident');
    const posted = await fetch(`${herald.url}/api/incidents/${open.id}/updates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({
        version: open.version,
        status: 'monitoring',
        body: 'A fix is in place and error rates are back to normal. We are monitoring.',
        internal_body: 'Rolled back build 4711; watch the SECRET-MARKER dashboard.',
      }),
    });
    assert.equal(posted.status, 200, await posted.text());

    const text = await waitFor(() => receiver.bodies.find((b) => b.includes('We are monitoring')), 'the webhook');
    const body = JSON.parse(text);
    assert.equal(body.incident.name, 'Elevated API error rates');
    assert.equal(body.incident.status, 'monitoring');
    assert.ok(body.meta && body.page, 'Statuspage body: meta, page, incident');
    assert.doesNotMatch(text, /SECRET-MARKER|4711/);
    assert.ok(!text.includes(open.issue_key), 'no issue key');
  } finally {
    await receiver.stop();
  }
});

test('an email subscription is told to confirm; wrong input is refused with the reason', async () => {
  const page = await newPage(browser);
  await openSubscribe(page);

  // Only some components, but none chosen.
  await page.getByLabel('Email address').fill('ops@example.com');
  await page.getByLabel('Only the components I choose').check();
  await page.getByRole('button', { name: 'Subscribe' }).click();
  const error = page.getByTestId('subscribe-error');
  await page.getByText('Choose at least one component').waitFor();

  // A webhook URL that is not one: the server's reason is shown, the input kept.
  await page.getByLabel('Everything on this page').check();
  await page.getByLabel('By webhook').check();
  await page.getByLabel('Webhook URL').fill('hooks.example.com/x');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByText('is not an http(s) URL').waitFor();
  assert.match(await error.textContent(), /'hooks\.example\.com\/x' is not an http\(s\) URL/);
  assert.equal(await page.getByLabel('Webhook URL').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByLabel('Webhook URL').inputValue(), 'hooks.example.com/x');

  assert.deepEqual(await axeViolations(page), []);

  // By email: nothing is sent before the address is confirmed.
  await page.getByLabel('By email').check();
  await page.getByLabel('Email address').fill('customer@example.com');
  await page.getByRole('button', { name: 'Subscribe' }).click();
  const done = page.getByTestId('subscribe-done');
  await done.waitFor();
  assert.match(await done.textContent(), /we sent a link to customer@example\.com\. Nothing is sent before you confirm\./);
  // The bad request's 422 is logged by the browser; nothing else may be.
  page.errors = page.errors.filter((e) => !/status of 422/.test(e));
  await closePage(page);
});

/** The demo admin's session cookie and a `fetch` that sends it. */
async function adminApi() {
  const cookie = await signIn(herald);
  return (path, body, method = body ? 'POST' : 'GET') => fetch(`${herald.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function portalAs(email, password, path) {
  const page = await newPage(browser);
  await page.goto(`${herald.url}/portal/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('portal-user').waitFor({ timeout: 15000 });
  await page.getByRole('navigation').getByRole('link', { name: path }).click();
  return page;
}

let viewer;
async function theViewer() {
  if (viewer) return viewer;
  const api = await adminApi();
  viewer = { email: 'sam@herald.test', password: 'sam-password-1' };
  const res = await api('/api/users', { ...viewer, name: 'Sam Staff', role: 'viewer' });
  assert.equal(res.status, 201, await res.text());
  return viewer;
}

test('staff read notices with their labels, subscribe to them, and keep a private feed', async () => {
  const api = await adminApi();
  const drill = await api('/api/incidents', {
    issue_key: 'DRILL-7', title: 'Game day', summary: 'Failover rehearsal of the primary database',
    severity: 3, message: 'The drill has started.', drill: true,
  });
  assert.equal(drill.status, 201, await drill.text());
  const { email, password } = await theViewer();

  const page = await portalAs(email, password, 'Notices');
  await page.getByRole('heading', { level: 1, name: 'Internal notices' }).waitFor();
  const rehearsal = page.locator('[data-testid=notice][data-issue-key="DRILL-7"]').first();
  await rehearsal.waitFor();
  assert.equal(await rehearsal.getByTestId('label-drill').textContent(), 'DRILL');
  assert.equal(await rehearsal.getByTestId('label-internal-only').textContent(), 'INTERNAL ONLY');
  assert.match(await rehearsal.textContent(), /Failover rehearsal of the primary database/);
  const open = page.locator('[data-testid=notice][data-issue-key="OPS-142"]').first();
  assert.match(await open.textContent(), /Sev 2/);
  assert.match(await open.textContent(), /API/);
  assert.equal(await open.getByTestId('label-drill').count(), 0);

  // A chat webhook, listed, then removed.
  const form = page.getByTestId('my-subscription-form');
  await form.getByLabel('Chat webhook (Slack-compatible)').check();
  await form.getByLabel('Address').fill('https://chat.example.com/hooks/T1');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const mine = page.locator('[data-testid=my-subscription][data-address="https://chat.example.com/hooks/T1"]');
  await mine.waitFor();
  assert.match(await mine.textContent(), /Chat webhook/);
  await page.getByRole('button', { name: 'Remove https://chat.example.com/hooks/T1' }).click();
  await mine.waitFor({ state: 'detached' });

  // The private feed: made, replaced (the old address stops working), revoked.
  const feedPath = async () => {
    const url = await page.locator('#feed-url').inputValue();
    return url.slice(url.indexOf('/api/'));
  };
  await page.getByRole('button', { name: 'Create my feed' }).click();
  await page.getByTestId('feed-url').waitFor();
  const first = await feedPath();
  const atom = await fetch(herald.url + first);
  assert.equal(atom.status, 200);
  const text = await atom.text();
  assert.match(text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.match(text, /DRILL-7/);
  await page.getByRole('button', { name: 'Make a new address' }).click();
  await page.waitForFunction((old) => !document.querySelector('#feed-url').value.endsWith(old), first.split('/').pop());
  const second = await feedPath();
  assert.equal((await fetch(herald.url + first)).status, 404, 'the old address stops working');
  assert.equal((await fetch(herald.url + second)).status, 200);
  await page.getByRole('button', { name: 'Revoke my feed' }).click();
  await page.getByText('Your feed is revoked.').waitFor();
  assert.equal((await fetch(herald.url + second)).status, 404);

  assert.deepEqual(await axeViolations(page), []);
  await closePage(page);
});

test('admins see a failed delivery and its reason; staff without the role cannot', async () => {
  const api = await adminApi();
  const closed = `http://127.0.0.1:${await freePort()}/nobody-listens`;
  const subscribed = await api('/api/subscribers', { webhook_url: closed });
  assert.equal(subscribed.status, 202, await subscribed.text());
  const incidents = await (await api('/api/incidents')).json();
  const open = incidents.find((i) => i.title === 'Elevated API error rates');
  const posted = await api(`/api/incidents/${open.id}/updates`, {
    version: open.version, status: open.status === 'identified' ? 'monitoring' : 'identified',
    body: 'We are still working on it.',
  });
  assert.equal(posted.status, 200, await posted.text());

  const page = await portalAs(herald.email, herald.password, 'Deliveries');
  await page.getByRole('heading', { level: 1, name: 'Deliveries' }).waitFor();
  await page.getByLabel('Only failed deliveries').check();
  const failed = page.locator(`[data-testid=delivery][data-address="${closed}"]`);
  await waitFor(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    return (await failed.count()) > 0;
  }, 'the delivery to fail for good', 30000);
  assert.equal(await failed.first().getAttribute('data-status'), 'failed');
  assert.match(await failed.first().textContent(), /Failed/);
  assert.ok((await failed.first().locator('.last-error').textContent()).length > 0, 'the reason is shown');
  assert.equal(await page.locator('[data-testid=delivery]:not([data-status=failed])').count(), 0, 'only failed ones');
  assert.deepEqual(await axeViolations(page), []);
  await closePage(page);

  const { email, password } = await theViewer();
  const staff = await newPage(browser);
  await staff.goto(`${herald.url}/portal/login`);
  await staff.getByLabel('Email').fill(email);
  await staff.getByLabel('Password').fill(password);
  await staff.getByRole('button', { name: 'Sign in' }).click();
  await staff.getByTestId('portal-user').waitFor({ timeout: 15000 });
  assert.equal(await staff.getByRole('navigation').getByRole('link', { name: 'Deliveries', exact: true }).count(), 0);
  await staff.goto(`${herald.url}/portal/deliveries`);
  await staff.getByTestId('needs-admin').waitFor();
  await closePage(staff);
});
