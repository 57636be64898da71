// Customers subscribe from the status page: by webhook (a real receiver on
// loopback gets the next public update of the component it chose, and
// nothing internal) or by email (told to confirm first), with clear errors.
// Against a real `herald serve --demo`.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { axeViolations, freePort, launchBrowser, newPage, signIn, startHerald } from './harness.mjs';

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
    const value = check();
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
