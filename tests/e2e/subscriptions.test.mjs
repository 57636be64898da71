// Customers subscribe from the status page: by webhook (a real receiver on
// loopback gets the next public update of the component it chose, and
// nothing internal) or by email (told to confirm first; the link in the
// email, caught by a real SMTP receiver on loopback, opens a page saying it
// worked), with clear errors. Staff read notices in the portal, subscribe to
// them and keep a private feed; admins see every delivery and why one
// failed. Against a real `herald serve --demo` that retries failed
// deliveries quickly.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { appRunning, axeViolations, freePort, launchBrowser, newPage, signIn, startHerald } from './harness.mjs';

let browser;
let herald;
let mailbox;

before(async () => {
  mailbox = await startMailbox();
  // The webhook receivers are on loopback, which Herald refuses unless told.
  herald = await startHerald({ args: ['--retry-base-ms', '5', '--allow-private-webhooks', '--smtp', `smtp://127.0.0.1:${mailbox.port}`] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await herald?.stop();
  await mailbox?.stop();
});

/**
 * An SMTP server on loopback that accepts every message and keeps it whole
 * (headers and body, as sent), just enough of RFC 5321 for one client.
 */
async function startMailbox() {
  const mails = [];
  const sockets = new Set();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    const say = (line) => socket.write(`${line}\r\n`);
    let pending = '';
    let data = null;
    socket.on('data', (chunk) => {
      pending += chunk;
      let end;
      while ((end = pending.indexOf('\r\n')) >= 0) {
        const line = pending.slice(0, end);
        pending = pending.slice(end + 2);
        if (data !== null) {
          if (line === '.') {
            mails.push(data.join('\r\n'));
            data = null;
            say('250 2.0.0 kept');
          } else {
            data.push(line.startsWith('..') ? line.slice(1) : line);
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') say('250 mailbox.test');
        else if (verb === 'DATA') { data = []; say('354 go on'); }
        else if (verb === 'QUIT') { say('221 bye'); socket.end(); }
        else say('250 OK');
      }
    });
    say('220 mailbox.test ESMTP');
  });
  const port = await freePort();
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  return {
    port,
    mails,
    stop: () => new Promise((done) => {
      for (const socket of sockets) socket.destroy();
      server.close(done);
    }),
  };
}

/** A mail's body as text (it is sent quoted-printable). */
function bodyText(mail) {
  const body = mail.slice(mail.indexOf('\r\n\r\n') + 4);
  return body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/** The path of the first `…/api/<what>?token=…` link in a mail's body. */
function linkPath(mail, what) {
  const text = bodyText(mail);
  const found = text.match(new RegExp(`/api/${what}\\?token=[^\\s>]+`));
  assert.ok(found, `no ${what} link in ${text}`);
  return found[0];
}

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
  await appRunning(page);
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
    // The form is gone, and focus is on the message (not lost with the button).
    assert.equal(await page.getByRole('button', { name: 'Subscribe' }).count(), 0);
    await page.waitForFunction(() => document.activeElement?.dataset.testid === 'subscribe-done');
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

test('an email subscription is told to confirm, its links open pages saying what happened; wrong input is refused with the reason', async () => {
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

  // The link in the email opens a page that says the subscription works.
  const mail = await waitFor(() => mailbox.mails.find((m) => /^To: .*customer@example\.com/m.test(m)), 'the confirmation email');
  assert.match(mail, /^Subject: .*Confirm your subscription/m);
  const confirm = linkPath(mail, 'subscribers/confirm');
  const landing = await newPage(browser);
  const answer = await landing.goto(herald.url + confirm);
  assert.equal(answer.status(), 200);
  await landing.getByRole('heading', { level: 1, name: 'Subscription confirmed' }).waitFor();
  await landing.getByText('customer@example.com will receive status updates.').waitFor();
  assert.deepEqual(await axeViolations(landing), []);

  // A link that is wrong (here: cut short) says so instead of pretending.
  const broken = await landing.goto(herald.url + confirm.slice(0, -4));
  assert.equal(broken.status(), 404);
  await landing.getByRole('heading', { level: 1, name: 'Link not valid' }).waitFor();
  await landing.getByRole('link', { name: 'Back to the status page' }).click();
  await landing.getByRole('heading', { level: 1 }).first().waitFor();
  assert.equal(new URL(landing.url()).pathname, '/');

  // The next update reaches the confirmed address; its unsubscribe link
  // opens a page saying no more will come.
  const api = await adminApi();
  const incidents = await (await api('/api/incidents')).json();
  const open = incidents.find((i) => i.title === 'Elevated API error rates');
  const posted = await api(`/api/incidents/${open.id}/updates`, {
    version: open.version, status: open.status, body: 'Error rates are still normal; we keep watching.',
  });
  assert.equal(posted.status, 200, await posted.text());
  const update = await waitFor(
    () => mailbox.mails.find((m) => /^To: .*customer@example\.com/m.test(m) && bodyText(m).includes('we keep watching')),
    'the update email');
  await landing.goto(herald.url + linkPath(update, 'subscribers/unsubscribe'));
  await landing.getByRole('heading', { level: 1, name: 'Unsubscribed' }).waitFor();
  await landing.getByText('customer@example.com will receive no more updates.').waitFor();
  landing.errors = landing.errors.filter((e) => !/status of 404/.test(e));
  await closePage(landing);
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
  // An internal-only update to the open incident: staff see it, customers never.
  const incidents = await (await api('/api/incidents')).json();
  const ops = incidents.find((i) => i.title === 'Elevated API error rates');
  const note = await api(`/api/incidents/${ops.id}/updates`, {
    version: ops.version, status: ops.status, audience: 'internal',
    body: 'Traffic is being moved to the standby database cluster.',
  });
  assert.equal(note.status, 200, await note.text());
  const { email, password } = await theViewer();

  const page = await portalAs(email, password, 'Notices');
  await page.getByRole('heading', { level: 1, name: 'Internal notices' }).waitFor();
  const rehearsal = page.locator('[data-testid=notice][data-issue-key="DRILL-7"]').first();
  await rehearsal.waitFor();
  assert.equal(await rehearsal.getByTestId('label-drill').textContent(), 'DRILL');
  assert.equal(await rehearsal.getByTestId('label-internal-only').textContent(), 'INTERNAL ONLY');
  assert.match(await rehearsal.textContent(), /Failover rehearsal of the primary database/);
  const open = page.locator('[data-testid=notice][data-issue-key="OPS-142"]').first();
  assert.match(await open.textContent(), /Traffic is being moved to the standby database cluster\./, 'the newest notice first');
  assert.match(await open.textContent(), /Internal note/);
  assert.match(await open.textContent(), /Sev 2/);
  assert.match(await open.textContent(), /API/);
  assert.equal(await open.getByTestId('label-drill').count(), 0);
  await open.getByRole('link', { name: 'Elevated API error rates' }).click();
  assert.equal(new URL(page.url()).pathname, `/portal/incidents/${ops.id}`);
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Internal notices' }).waitFor();

  // A chat webhook, listed, then removed.
  const form = page.getByTestId('my-subscription-form');
  await form.getByLabel('Chat webhook (Slack-compatible)').check();
  await form.getByLabel('Address').fill('https://chat.example.com/hooks/T1');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const mine = page.locator('[data-testid=my-subscription][data-address="https://chat.example.com/hooks/T1"]');
  await mine.waitFor();
  assert.match(await mine.textContent(), /Chat webhook/);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Subscribed: https://chat.example.com/hooks/T1.' }).count(), 1);
  await page.getByRole('button', { name: 'Remove https://chat.example.com/hooks/T1' }).click();
  await mine.waitFor({ state: 'detached' });
  await page.getByRole('status').filter({ hasText: 'Removed https://chat.example.com/hooks/T1.' }).waitFor();

  // Only some components, but none chosen: said before anything is sent.
  await form.getByLabel('Only incidents on the components I choose').check();
  await form.getByLabel('Address').fill('https://chat.example.com/hooks/T2');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByTestId('my-subscription-problem').getByText('Choose at least one component, or subscribe to every incident.').waitFor();
  await form.getByLabel('Every incident').check();

  // A chat webhook that is no URL is refused next to its field, and kept.
  await form.getByLabel('Address').fill('chat.example.com/hooks/T2');
  await form.getByRole('button', { name: 'Subscribe' }).click();
  await page.getByTestId('notice-address-problem').waitFor();
  assert.match(await page.getByTestId('notice-address-problem').textContent(), /not an http\(s\) URL/);
  assert.equal(await form.getByLabel('Address').getAttribute('aria-invalid'), 'true');
  assert.equal(await form.getByLabel('Address').inputValue(), 'chat.example.com/hooks/T2');
  page.errors = page.errors.filter((e) => !/status of 422/.test(e));

  // A JSON webhook for the API only: the list names its scope.
  await form.getByLabel('Webhook (JSON)').check();
  await form.getByLabel('Address').fill('https://ops.example.com/hooks/api');
  await form.getByLabel('Only incidents on the components I choose').check();
  await form.getByLabel('API', { exact: true }).check();
  await form.getByRole('button', { name: 'Subscribe' }).click();
  const scoped = page.locator('[data-testid=my-subscription][data-address="https://ops.example.com/hooks/api"]');
  await scoped.waitFor();
  assert.match(await scoped.textContent(), /Webhook \(JSON\).*· API /);

  // The private feed: made, replaced (the old address stops working), revoked.
  const feedPath = async () => {
    const url = await page.locator('#feed-url').inputValue();
    return url.slice(url.indexOf('/api/'));
  };
  await page.getByRole('button', { name: 'Create my feed' }).click();
  await page.getByTestId('feed-url').waitFor();
  await page.getByRole('status').filter({ hasText: 'Your feed is ready' }).waitFor();
  // Copy-friendly: a click selects the whole address.
  await page.getByLabel('Feed address (shown only now)').click();
  assert.ok(await page.locator('#feed-url').evaluate((input) => input.selectionStart === 0 && input.selectionEnd === input.value.length && input.value.length > 0));
  const first = await feedPath();
  const atom = await fetch(herald.url + first);
  assert.equal(atom.status, 200);
  const text = await atom.text();
  assert.match(text, /<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
  assert.match(text, /DRILL-7/);
  await page.getByRole('button', { name: 'Make a new address' }).click();
  await page.waitForFunction((old) => !document.querySelector('#feed-url').value.endsWith(old), first.split('/').pop());
  const second = await feedPath();
  await page.getByRole('status').filter({ hasText: 'Your feed has a new address; the old one no longer works.' }).waitFor();
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
  const row = failed.first();
  assert.equal(await row.getAttribute('data-status'), 'failed');
  const cells = await row.getByRole('cell').allTextContents();
  const column = async (name) => {
    const headers = await page.getByTestId('deliveries').getByRole('columnheader').allTextContents();
    assert.ok(headers.includes(name), `a column ${name} in ${headers}`);
    return cells[headers.indexOf(name)];
  };
  assert.equal(await column('Status'), 'Failed');
  assert.equal(await column('Channel'), 'Webhook');
  assert.equal(await column('To'), closed);
  assert.equal(await column('For'), 'Incident updateElevated API error rates');
  assert.ok(Number(await column('Attempts')) >= 2, 'retried before giving up');
  assert.match(await column('Last error'), /\S/, 'the reason is shown');
  assert.equal(await column('Next attempt'), 'none', 'nothing more is tried');
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
  assert.match(await staff.getByTestId('needs-admin').textContent(), /need the admin role/);
  assert.equal(await staff.getByTestId('deliveries').count(), 0);
  await closePage(staff);
});
