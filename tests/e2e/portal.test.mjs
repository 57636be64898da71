// The internal portal in a real browser against `herald serve --demo`: a
// comms manager declares, updates and resolves an incident and the public
// page follows; drafts survive a reload; the leak guard holds back internal
// text; late updates are flagged; a viewer cannot publish.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, newPage, startHerald } from './harness.mjs';

let browser;
let herald;
let admin;

/** Signs in through the API and returns a `fetch` that sends the session cookie. */
async function apiSession(email, password) {
  const res = await fetch(`${herald.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  assert.equal(res.status, 200, `sign-in of ${email}`);
  const cookie = res.headers.get('set-cookie').split(';')[0];
  return (path, init = {}) => fetch(`${herald.url}${path}`, {
    ...init,
    headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
}

/** Creates a user as the admin; returns their email and password. */
async function createUser(role, name) {
  const email = `${role}-${Date.now()}@herald.test`;
  const password = `${role}-password-123`;
  const res = await admin('/api/users', { method: 'POST', body: JSON.stringify({ email, name, role, password }) });
  assert.equal(res.status, 201, await res.text());
  return { email, password };
}

before(async () => {
  herald = await startHerald();
  browser = await launchBrowser();
  admin = await apiSession(herald.email, herald.password);
});

after(async () => {
  await browser?.close();
  await herald?.stop();
});

/** Signs in through the portal's form. */
async function signIn(page, email, password) {
  await page.goto(`${herald.url}/portal/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('portal-user').waitFor({ timeout: 15000 });
}

/** Fills what every declaration needs, with the assessment of a Sev 2. */
async function fillDeclaration(page, { key, title, summary }) {
  await page.getByLabel('Issue key').fill(key);
  await page.getByLabel('Public title').fill(title);
  await page.getByLabel('Internal summary').fill(summary);
  await page.getByLabel('Customers (external)').check();
  await page.getByLabel('Some', { exact: true }).check();
  await page.getByLabel('The service does not work at all').check();
}

function assertNoErrors(page, allowed = []) {
  const errors = page.errors.filter((e) => !allowed.some((re) => re.test(e)));
  assert.deepEqual(errors, []);
}

test('the portal sends a visitor who is not signed in to the sign-in page and explains a wrong password', async () => {
  const page = await newPage(browser);
  await page.goto(`${herald.url}/portal`);
  await page.waitForURL(/\/portal\/login$/, { timeout: 15000 });
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  // Asking who is signed in, for nobody, is not a failed request.
  assert.deepEqual(page.errors, []);
  await page.getByLabel('Email').fill(herald.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const error = page.getByTestId('login-error');
  await error.waitFor();
  assert.match(await error.textContent(), /email or password is wrong/);
  // The one error the browser logs is the refused password (a 401).
  assert.equal(page.errors.length, 1, page.errors.join('\n'));
  assert.match(page.errors[0], /status of 401/);
});

test('a comms manager declares, updates and resolves an incident, and the public page follows', async () => {
  const manager = await createUser('publisher', 'Casey Comms');
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await signIn(page, manager.email, manager.password);
  assert.equal(await page.getByTestId('portal-user').getAttribute('data-role'), 'publisher');

  await page.getByTestId('declare-link').click();
  await page.waitForURL(/\/portal\/declare$/);

  // The issue key is checked as it is typed.
  await page.getByLabel('Issue key').fill('OPS7');
  await page.getByTestId('issue_key-problem').waitFor();
  const key = 'OPS-777';
  const title = 'Checkout failures for some customers';
  await fillDeclaration(page, { key, title, summary: 'Payment pool exhausted on pay-db-2' });
  assert.equal(await page.getByTestId('issue_key-problem').count(), 0);

  // The assessment suggests Sev 2 and says why; the manager confirms it.
  const suggestion = page.getByTestId('severity-suggestion');
  assert.match(await suggestion.getByTestId('suggested-severity').textContent(), /Sev 2/);
  assert.match(await suggestion.getByTestId('suggestion-reason').textContent(), /down for some customers/);
  await page.getByTestId('use-suggestion').click();
  assert.equal(await page.getByLabel('Severity', { exact: true }).inputValue(), '2');
  assert.equal(await page.getByLabel('Public impact').inputValue(), 'major');

  // Two affected components, each with its status.
  await page.getByLabel('API', { exact: true }).check();
  await page.getByLabel('Webhooks', { exact: true }).check();
  await page.getByLabel('Status of Webhooks').selectOption('degraded_performance');
  await page.getByLabel('Incident manager').fill('Ana Manager');
  await page.getByLabel('Technical lead').fill('Tom Lead');
  await page.getByLabel('Communications manager').fill('Casey Comms');

  // Both previews follow the form, filled from the investigating templates.
  const external = page.getByTestId('external-preview');
  await external.getByText(title).waitFor();
  assert.match(await external.textContent(), /investigating issues with API and Webhooks/);
  assert.match(await page.getByLabel('External message').inputValue(), /API and Webhooks/);
  assert.equal(
    await page.getByTestId('internal-preview-title').textContent(),
    'OPS-777 - Sev 2 - Payment pool exhausted on pay-db-2',
  );
  assert.match(await page.getByTestId('internal-preview').textContent(), /Ana Manager/);

  // Publishing is an explicit step that says what goes out and to whom.
  await page.getByTestId('review').click();
  const confirmation = page.getByTestId('publish-confirmation');
  await confirmation.waitFor();
  assert.match(await confirmation.textContent(), /public status page/);
  assert.equal(await page.getByTestId('leak-warning').count(), 0);
  await page.getByTestId('publish').click();
  await page.waitForURL(/\/portal\/incidents\/[^/]+$/, { timeout: 15000 });
  const head = page.getByTestId('incident-head');
  await head.waitFor();
  assert.equal(await head.getByTestId('issue-key').textContent(), key);
  assert.equal(await head.getAttribute('data-status'), 'investigating');

  // The public page shows it.
  const visitor = await newPage(browser);
  await visitor.goto(herald.url);
  await visitor.getByTestId('incident').filter({ hasText: title }).waitFor({ timeout: 15000 });

  // Identified, then monitoring, each from its stage's template.
  await page.getByTestId('update-form').waitFor();
  assert.equal(await page.locator('#update-status').inputValue(), 'identified');
  assert.match(await page.getByLabel('External message').first().inputValue(), /identified the cause/);
  await page.getByTestId('review-update').click();
  await page.getByTestId('publish').click();
  await page.locator('[data-testid=timeline-update][data-status=identified][data-audience=public]').waitFor();
  assert.equal(await head.getAttribute('data-status'), 'identified');

  await page.locator('#update-status').selectOption('monitoring');
  assert.match(await page.getByLabel('External message').first().inputValue(), /monitoring the results/);
  await page.getByTestId('review-update').click();
  await page.getByTestId('publish').click();
  await page.locator('[data-testid=timeline-update][data-status=monitoring][data-audience=public]').waitFor();
  // Internal notices went with the public updates, clearly marked.
  assert.ok(await page.locator('[data-testid=timeline-update][data-audience=internal]').count() >= 2);

  // Resolve with the final communications.
  const finalInternal = await page.getByLabel('Final internal message').inputValue();
  assert.match(finalInternal, /no further communication/);
  assert.match(finalInternal, /lasted \d+ min/);
  await page.getByLabel('It has happened before or is likely to recur').check();
  await page.getByTestId('review-resolve').click();
  await page.getByTestId('publish').click();
  await page.locator('[data-testid=incident-head][data-status=resolved]').waitFor({ timeout: 15000 });
  const verdict = page.getByTestId('postmortem-verdict');
  await verdict.waitFor();
  assert.equal(await verdict.getAttribute('data-required'), 'true');

  // It is in the public history, resolved.
  const doc = await (await fetch(`${herald.url}/api/v2/incidents.json`)).json();
  const published = doc.incidents.find((i) => i.name === title);
  assert.ok(published, 'the incident is in /api/v2/incidents.json');
  assert.equal(published.status, 'resolved');
  assert.deepEqual(
    published.incident_updates.map((u) => u.status).sort(),
    ['identified', 'investigating', 'monitoring', 'resolved'],
  );
  assert.ok(!JSON.stringify(published).includes('pay-db-2'), 'no internal text is public');

  assertNoErrors(page);
  assertNoErrors(visitor);
});

test('a draft survives a reload', async () => {
  const page = await newPage(browser);
  await signIn(page, herald.email, herald.password);
  await page.goto(`${herald.url}/portal/declare`);
  await page.getByLabel('Issue key').fill('OPS-900');
  await page.getByLabel('Internal summary').fill('Half-written declaration');
  await page.getByTestId('draft-status').filter({ hasText: 'Draft saved' }).waitFor({ timeout: 10000 });
  await page.reload();
  await page.getByTestId('draft-status').filter({ hasText: 'restored' }).waitFor({ timeout: 10000 });
  assert.equal(await page.getByLabel('Issue key').inputValue(), 'OPS-900');
  assert.equal(await page.getByLabel('Internal summary').inputValue(), 'Half-written declaration');
  // It is listed among the drafts, one click from the form.
  await page.goto(`${herald.url}/portal`);
  await page.getByTestId('draft-row').filter({ hasText: 'New incident' }).waitFor();
  await page.getByTestId('draft-row').getByRole('link').click();
  await page.waitForURL(/\/portal\/declare$/);
  await page.getByTestId('discard-draft').click();
  assertNoErrors(page);
});

test('the leak guard holds back a public text with the issue key until confirmed', async () => {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await signIn(page, herald.email, herald.password);
  await page.goto(`${herald.url}/portal/declare`);
  await fillDeclaration(page, { key: 'OPS-901', title: 'Slow search', summary: 'Index rebuild stuck' });
  await page.getByTestId('use-suggestion').click();
  await page.getByLabel('External message').fill('We are looking into OPS-901.');
  await page.getByTestId('review').click();
  const warning = page.getByTestId('leak-warning');
  await warning.waitFor();
  assert.match(await warning.textContent(), /OPS-901/);
  const publish = page.getByTestId('publish');
  assert.equal(await publish.isDisabled(), true);
  await page.getByLabel('I have checked the public text: publish it anyway').check();
  assert.equal(await publish.isDisabled(), false);
  // Going back keeps everything; the text can be fixed instead.
  await page.getByRole('button', { name: 'Back to editing' }).click();
  await page.getByLabel('External message').fill('We are looking into slow searches.');
  await page.getByTestId('review').click();
  assert.equal(await page.getByTestId('leak-warning').count(), 0);
  await page.getByTestId('publish').click();
  await page.waitForURL(/\/portal\/incidents\/[^/]+$/, { timeout: 15000 });
  assertNoErrors(page);
});

test('a maintenance announcement naming an incident is held back until confirmed, then scheduled', async () => {
  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await signIn(page, herald.email, herald.password);
  await page.goto(`${herald.url}/portal/maintenances`);
  const form = page.getByTestId('maintenance-form');
  await form.getByLabel('Public title').fill('Database upgrade');
  await form.getByLabel('Announcement').fill('Follow-up to OPS-142: we upgrade the primary database.');
  await form.getByRole('button', { name: 'Schedule maintenance' }).click();
  const refusal = form.getByTestId('publish-error');
  await refusal.waitFor();
  assert.match(await refusal.textContent(), /OPS-142/);
  await form.getByLabel('I have checked the public text: publish it anyway').check();
  await form.getByRole('button', { name: 'Schedule maintenance' }).click();
  await page.getByTestId('maintenance').filter({ hasText: 'Database upgrade' }).waitFor();
  const upcoming = await (await fetch(`${herald.url}/api/v2/scheduled-maintenances/upcoming.json`)).json();
  assert.ok(upcoming.scheduled_maintenances.some((m) => m.name === 'Database upgrade'));
  // The browser reports the refused first attempt (422) as a console error.
  assertNoErrors(page, [/422/]);
});

test('a viewer cannot publish', async () => {
  const viewer = await createUser('viewer', 'Val Viewer');
  const page = await newPage(browser);
  await signIn(page, viewer.email, viewer.password);
  assert.equal(await page.getByTestId('portal-user').getAttribute('data-role'), 'viewer');
  await page.getByTestId('open-incidents').waitFor();
  assert.equal(await page.getByTestId('declare-link').count(), 0);
  await page.goto(`${herald.url}/portal/declare`);
  await page.getByTestId('read-only').waitFor();
  assert.equal(await page.getByTestId('review').isDisabled(), true);
  // The demo's open incident: readable, no update form.
  await page.goto(`${herald.url}/portal`);
  await page.getByTestId('incident-row').filter({ hasText: 'OPS-142' }).getByRole('link').first().click();
  await page.getByTestId('incident-head').waitFor();
  await page.getByTestId('read-only').waitFor();
  assert.equal(await page.getByTestId('update-form').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Correct the text' }).count(), 0);
  // And the API refuses.
  const asViewer = await apiSession(viewer.email, viewer.password);
  const res = await asViewer('/api/incidents', {
    method: 'POST',
    body: JSON.stringify({ issue_key: 'OPS-902', title: 'x', summary: 'y', severity: 3, message: 'z' }),
  });
  assert.equal(res.status, 403);
  assertNoErrors(page);
});

test('an incident whose update is overdue is flagged on every portal page', async () => {
  // The demo's open Sev 2 incident was last updated 12 minutes ago.
  const { version } = await (await admin('/api/settings/cadence')).json();
  const res = await admin('/api/settings/cadence', {
    method: 'PUT',
    body: JSON.stringify({ sev1_minutes: 30, sev2_minutes: 1, sev3_minutes: 240, version }),
  });
  assert.equal(res.status, 200, await res.text());
  const page = await newPage(browser);
  await signIn(page, herald.email, herald.password);
  const banner = page.getByTestId('overdue-banner');
  await banner.waitFor({ timeout: 15000 });
  assert.match(await banner.textContent(), /OPS-142/);
  assert.match(await banner.textContent(), /Update overdue by/);
  const row = page.getByTestId('incident-row').filter({ hasText: 'OPS-142' });
  assert.equal(await row.getByTestId('next-update').getAttribute('data-overdue'), 'true');
  // The banner stays on other portal pages and links to the incident.
  await page.getByRole('link', { name: 'Components' }).click();
  await banner.getByRole('link').filter({ hasText: 'OPS-142' }).click();
  await page.getByTestId('incident-head').waitFor();
  assert.match(await page.getByTestId('issue-key').textContent(), /OPS-142/);
  assertNoErrors(page);
});

test('a publisher corrects a published update in place; the leak guard checks it again', async () => {
  const declared = await admin('/api/incidents', {
    method: 'POST',
    body: JSON.stringify({
      issue_key: 'OPS-903', title: 'Card payments failing', summary: 'PSP token cache stale after rotation',
      severity: 2, message: 'Checkout fails for some card payments.',
    }),
  });
  assert.equal(declared.status, 201, await declared.clone().text());
  const { id } = await declared.json();
  const page = await newPage(browser);
  await signIn(page, herald.email, herald.password);
  await page.goto(`${herald.url}/portal/incidents/${id}`);
  const update = page.getByTestId('timeline-update').and(page.locator('[data-audience="public"]'));
  await update.getByTestId('update-body').waitFor();
  assert.equal(await update.getByTestId('update-edited').count(), 0);
  await update.getByRole('button', { name: 'Correct the text' }).click();
  const text = update.getByLabel('Corrected text');
  assert.equal(await text.inputValue(), 'Checkout fails for some card payments.');
  // Internal text is held back, with the reason and a way to confirm.
  await text.fill('OPS-903: checkout fails for some card payments.');
  await update.getByRole('button', { name: 'Save correction' }).click();
  await update.getByLabel('I have checked the public text: publish it anyway').waitFor();
  assert.match(await update.getByTestId('correction-problem').textContent(), /OPS-903|issue key/i);
  await text.fill('Checkout fails for some card and wallet payments.');
  await update.getByRole('button', { name: 'Save correction' }).click();
  await update.getByTestId('update-edited').waitFor();
  assert.equal(await update.getByTestId('update-body').textContent(), 'Checkout fails for some card and wallet payments.');
  // The public permalink shows the corrected text.
  const visitor = await newPage(browser);
  await visitor.goto(`${herald.url}/incidents/${id}`);
  await visitor.getByText('Checkout fails for some card and wallet payments.').waitFor({ timeout: 15000 });
  assert.equal(await visitor.getByText('Checkout fails for some card payments.', { exact: true }).count(), 0);
  assertNoErrors(page, [/422/]);
  assertNoErrors(visitor);
});

test('a publisher retitles and escalates an incident; the public page shows the new title', async () => {
  const declared = await admin('/api/incidents', {
    method: 'POST',
    body: JSON.stringify({
      issue_key: 'OPS-904', title: 'Slow search', summary: 'Index rebuild saturates es-2',
      severity: 3, message: 'Search is slower than usual.',
    }),
  });
  assert.equal(declared.status, 201, await declared.clone().text());
  const { id } = await declared.json();
  const page = await newPage(browser);
  await signIn(page, herald.email, herald.password);
  await page.goto(`${herald.url}/portal/incidents/${id}`);
  await page.getByTestId('incident-head').waitFor();
  const edit = page.getByTestId('incident-edit');
  await edit.getByRole('button', { name: 'Change…' }).click();
  // The public title is checked for internal information.
  await edit.getByLabel('Public title').fill('OPS-904: search down');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await edit.getByLabel('I have checked the public text: publish it anyway').waitFor();
  assert.notEqual((await edit.getByTestId('incident-edit-problem').textContent()).trim(), '');
  await edit.getByLabel('Public title').fill('Search unavailable');
  await edit.getByLabel('Severity').selectOption('1');
  await edit.getByLabel('Public impact').selectOption('critical');
  await edit.getByLabel('Incident manager').fill('Ada Lovelace');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  const head = page.getByTestId('incident-head');
  await head.getByRole('heading', { name: 'Search unavailable' }).waitFor();
  assert.equal(await head.getByTestId('severity').textContent(), 'Sev 1');
  assert.match(await page.locator('.facts').first().textContent(), /Ada Lovelace/);
  // Customers see the new title and impact; nothing internal.
  const visitor = await newPage(browser);
  await visitor.goto(`${herald.url}/incidents/${id}`);
  await visitor.getByRole('heading', { level: 1, name: 'Search unavailable' }).waitFor({ timeout: 15000 });
  const text = await visitor.getByRole('main').textContent();
  assert.ok(!text.includes('Ada Lovelace') && !text.includes('es-2'), text);
  assertNoErrors(page, [/422/]);
  assertNoErrors(visitor);
});

test('what monitoring detects waits on the portal until it is declared or dismissed', async () => {
  const components = await (await admin('/api/components')).json();
  const search = components.find((c) => c.name === 'Search' || c.name === 'API');
  const report = (fingerprint, summary) => admin('/api/detections', {
    method: 'POST',
    body: JSON.stringify({ source: 'alertmanager', fingerprint, summary, components: [search.id] }),
  });
  assert.equal((await report('e2e-1', 'HighLatency: p99 above 2 s on svc-gw-4')).status, 201);
  assert.equal((await report('e2e-1', 'HighLatency: p99 above 3 s on svc-gw-4')).status, 200);
  assert.equal((await report('e2e-2', 'DiskFull: 97% on batch-9')).status, 201);

  const page = await newPage(browser, { viewport: { width: 1400, height: 1000 } });
  await signIn(page, herald.email, herald.password);
  const detections = page.getByTestId('detections');
  const latency = detections.getByTestId('detection').filter({ hasText: 'svc-gw-4' });
  await latency.waitFor();
  assert.match(await latency.textContent(), /alertmanager.*p99 above 3 s.*reported 2 times/s);

  // Dismissed: gone from the list.
  const disk = detections.getByTestId('detection').filter({ hasText: 'batch-9' });
  await disk.getByRole('button', { name: 'Dismiss' }).click();
  await disk.waitFor({ state: 'detached' });

  // Declared: the form starts from what was detected.
  await latency.getByRole('link', { name: 'Declare…' }).click();
  await page.getByTestId('declaring-detection').waitFor();
  assert.match(await page.getByTestId('declaring-detection').textContent(), /alertmanager detected: HighLatency/);
  assert.equal(await page.getByLabel('Internal summary').inputValue(), 'HighLatency: p99 above 3 s on svc-gw-4');
  assert.equal(await page.getByLabel(search.name, { exact: true }).isChecked(), true);
  await page.getByLabel('Issue key').fill('OPS-905');
  await page.getByLabel('Public title').fill('Slow responses');
  await page.getByLabel('Customers (external)').check();
  await page.getByLabel('Some', { exact: true }).check();
  await page.getByLabel('It works, slower or less reliably').check();
  await page.getByTestId('use-suggestion').click();
  await page.getByTestId('review').click();
  await page.getByTestId('publish-confirmation').waitFor();
  await page.getByTestId('publish').click();
  await page.waitForURL(/\/portal\/incidents\/[^/]+$/, { timeout: 15000 });
  await page.getByTestId('incident-head').waitFor();

  const open = await (await admin('/api/detections')).json();
  assert.deepEqual(open.filter((d) => d.fingerprint?.startsWith('e2e-')), []);
  await page.goto(`${herald.url}/portal`);
  await page.getByTestId('detections').getByText('Nothing detected.').waitFor();
  assertNoErrors(page);
});
