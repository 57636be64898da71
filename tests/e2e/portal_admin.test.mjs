// The portal's components and admin pages in a real browser against
// `herald serve --demo`: components added and changed in the portal show on
// the public page (internal-only ones never do); admins manage users,
// templates, the update cadence and API tokens, and read the audit trail.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, launchBrowser, newPage, startHerald } from './harness.mjs';

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

/** Signs in through the portal's form and opens `path`. */
async function signedIn(path, email = herald.email, password = herald.password) {
  const page = await newPage(browser);
  await page.goto(`${herald.url}/portal/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('portal-user').waitFor({ timeout: 15000 });
  await page.goto(`${herald.url}${path}`);
  await page.getByTestId('portal-user').waitFor({ timeout: 15000 });
  return page;
}

async function closePage(page, allowed = []) {
  const errors = page.errors.filter((e) => !allowed.some((re) => re.test(e)));
  await page.context().close();
  assert.deepEqual(errors, []);
}

async function getJson(path) {
  const response = await fetch(herald.url + path);
  assert.equal(response.status, 200, path);
  return response.json();
}

test('components added and changed in the portal show on the public page; internal-only ones never do', async () => {
  const page = await signedIn('/portal/components');
  await page.getByRole('heading', { level: 1, name: 'Components' }).waitFor();
  assert.ok(await page.getByTestId('component-row').count() >= 6, 'the demo components are listed');

  const form = page.getByTestId('new-component-form');
  await form.getByLabel('Name', { exact: true }).fill('Search');
  await form.getByLabel('Description').fill('Full-text search of your documents');
  await form.getByLabel('Group', { exact: true }).selectOption({ label: 'Platform' });
  await form.getByLabel('Status').selectOption('degraded_performance');
  await form.getByRole('button', { name: 'Add' }).click();
  await page.locator('[data-testid=component-row][data-name=Search]').waitFor();

  await form.getByLabel('Name', { exact: true }).fill('Vault cluster');
  await form.getByLabel(/^Internal only/).check();
  await form.getByRole('button', { name: 'Add' }).click();
  const vault = page.locator('[data-testid=component-row][data-name="Vault cluster"]');
  await vault.waitFor();
  assert.match(await vault.textContent(), /Internal only/);

  // The public documents and page: Search, degraded, in Platform; no vault.
  const { components } = await getJson('/api/v2/components.json');
  const search = components.find((c) => c.name === 'Search');
  assert.equal(search.status, 'degraded_performance');
  assert.equal(search.description, 'Full-text search of your documents');
  assert.equal(search.group_id, components.find((c) => c.name === 'Platform').id);
  assert.ok(!components.some((c) => c.name === 'Vault cluster'));
  const home = await newPage(browser);
  await home.goto(herald.url + '/');
  await home.getByTestId('overall-status').waitFor({ timeout: 15000 });
  await home.getByTestId('component').filter({ hasText: 'Search' }).waitFor();
  assert.doesNotMatch(await home.content(), /Vault cluster/);
  await home.context().close();

  // Search moves up one place within Platform: in the portal and in the documents.
  await page.getByRole('button', { name: 'Move Search up' }).click();
  await page.getByText('Order saved.').waitFor();
  await page.waitForFunction(() => {
    const names = [...document.querySelectorAll('[data-testid=component-row]')].map((r) => r.dataset.name);
    return names.indexOf('Search') === names.indexOf('Database') - 1;
  });
  const platformOrder = async () => {
    const list = (await getJson('/api/v2/components.json')).components;
    const platform = list.find((c) => c.name === 'Platform');
    return list.filter((c) => c.group_id === platform.id).sort((a, b) => a.position - b.position).map((c) => c.name);
  };
  assert.deepEqual(await platformOrder(), ['API', 'Web dashboard', 'Search', 'Database']);
  assert.ok(await page.getByRole('button', { name: 'Move Database down' }).isDisabled(), 'the last goes no further down');
  assert.ok(await page.getByRole('button', { name: 'Move API up' }).isDisabled(), 'nor the first up');

  // Change it: a new name, operational again.
  await page.getByRole('button', { name: 'Edit Search' }).click();
  const edit = page.getByTestId('edit-component-form');
  await edit.getByLabel('Name', { exact: true }).fill('Search API');
  await edit.getByLabel('Status').selectOption('operational');
  await edit.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('[data-testid=component-row][data-name="Search API"]').waitFor();
  const after = (await getJson('/api/v2/components.json')).components.find((c) => c.id === search.id);
  assert.equal(after.name, 'Search API');
  assert.equal(after.status, 'operational');

  // A refusal names the problem and keeps what was typed.
  await form.getByLabel('Name', { exact: true }).fill('');
  await form.getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('component-problem').filter({ hasText: /Name/ }).waitFor();

  // Deleting asks once more; one with history is refused with the reason.
  await page.getByRole('button', { name: 'Edit API' }).click();
  const editApi = page.getByTestId('edit-component-form');
  await editApi.getByRole('button', { name: 'Delete…' }).click();
  await editApi.getByTestId('confirm-delete').getByRole('button', { name: 'Delete', exact: true }).click();
  await editApi.getByTestId('component-problem').filter({ hasText: /internal-only/ }).waitFor();
  await editApi.getByRole('button', { name: 'Cancel' }).click();
  await form.getByLabel('Name', { exact: true }).fill('Typo component');
  await form.getByRole('button', { name: 'Add' }).click();
  const typo = page.locator('[data-testid=component-row][data-name="Typo component"]');
  await typo.waitFor();
  await page.getByRole('button', { name: 'Edit Typo component' }).click();
  const editTypo = page.getByTestId('edit-component-form');
  await editTypo.getByRole('button', { name: 'Delete…' }).click();
  await editTypo.getByTestId('confirm-delete').getByRole('button', { name: 'Delete', exact: true }).click();
  await typo.waitFor({ state: 'detached' });
  assert.ok(!(await getJson('/api/v2/components.json')).components.some((c) => c.name === 'Typo component'));
  assert.ok((await getJson('/api/v2/components.json')).components.some((c) => c.name === 'API'));

  assert.deepEqual(await axeViolations(page), []);
  await closePage(page, [/status of 422/, /status of 409/]);
});

test('an admin adds a viewer, edits a template the declare page then uses, and sets the cadence', async () => {
  const page = await signedIn('/portal/admin');
  await page.getByRole('heading', { level: 2, name: 'People' }).waitFor();

  // A viewer, with a password the admin chose.
  const form = page.getByTestId('add-user-form');
  await form.getByLabel('Name').fill('Vera Viewer');
  await form.getByLabel('Email').fill('vera@herald.test');
  await form.getByLabel('Password').fill('vera-password-1');
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Add' }).click();
  await page.getByTestId('user-added').filter({ hasText: 'Vera Viewer can now sign in.' }).waitFor();
  await page.locator('[data-testid=user-row][data-email="vera@herald.test"]').waitFor();

  // The external "investigating" template, with a live preview.
  const editor = page.getByTestId('template-investigating-external');
  await editor.getByLabel('Message').fill('We are looking into problems with {components} since {started_at}. Next update soon.');
  await editor.getByTestId('template-preview').filter({ hasText: 'problems with API and Webhooks since' }).waitFor();
  await editor.getByLabel('Message').fill('Hello {customer}');
  await editor.getByTestId('template-preview').filter({ hasText: 'unknown placeholder {customer}' }).waitFor();
  await editor.getByLabel('Message').fill('We are looking into problems with {components}. Next update soon.');
  await editor.getByRole('button', { name: 'Save template' }).click();
  await editor.getByText('Customised').waitFor();

  // Sev 2 every 45 minutes.
  const cadence = page.getByTestId('cadence-form');
  await cadence.getByLabel('Sev 2: minutes between updates').fill('45');
  await cadence.getByRole('button', { name: 'Save cadence' }).click();
  await cadence.getByText('Saved.').waitFor();
  await page.reload();
  await page.getByTestId('cadence-form').getByLabel('Sev 2: minutes between updates').waitFor();
  await page.waitForFunction(() => document.querySelector('#cadence-sev2')?.value === '45');

  // The page's own name and description; the public page follows.
  const pageForm = page.getByTestId('page-form');
  await pageForm.getByLabel('Name').fill('Acme Status');
  await pageForm.getByLabel('Description (for search results and link previews)').fill('Is Acme up? Live status.');
  await pageForm.getByRole('button', { name: 'Save page settings' }).click();
  await pageForm.getByText('Saved.').waitFor();
  const home = await (await fetch(`${herald.url}/`)).text();
  assert.match(home, /<title>Acme Status<\/title>/);
  assert.match(home, /<meta name="description" content="Is Acme up\? Live status\." \/>/);
  const summary = await (await fetch(`${herald.url}/api/v2/summary.json`)).json();
  assert.equal(summary.page.name, 'Acme Status');

  assert.deepEqual(await axeViolations(page), []);

  // The declare page fills its external message from the new template.
  await page.goto(`${herald.url}/portal/declare`);
  await page.getByLabel('Issue key').waitFor();
  const api = page.getByLabel('API', { exact: true }).first();
  await api.check();
  await page.getByTestId('external-preview').filter({ hasText: 'We are looking into problems with API. Next update soon.' }).waitFor();
  await closePage(page);

  // The viewer signs in and gets no admin page.
  const viewer = await signedIn('/portal/admin', 'vera@herald.test', 'vera-password-1');
  await viewer.getByTestId('needs-admin').waitFor();
  assert.equal(await viewer.getByRole('navigation').getByRole('link', { name: 'Admin', exact: true }).count(), 0, 'no admin link in the nav');
  await closePage(viewer);
});

test('a token created in the portal works against the API until it is revoked; the audit trail shows who did what', async () => {
  const page = await signedIn('/portal/admin');
  const form = page.getByTestId('token-form');
  await form.getByLabel('Token name').fill('deploy pipeline');
  await form.getByRole('button', { name: 'Create token' }).click();
  const secret = await page.locator('#token-secret').inputValue();
  assert.ok(secret.length >= 20, 'the secret is shown');

  const call = () => fetch(`${herald.url}/api/incidents`, { headers: { authorization: `Bearer ${secret}` } });
  assert.equal((await call()).status, 200);
  await page.getByRole('button', { name: 'Revoke deploy pipeline' }).click();
  await page.locator('[data-testid=token-row][data-name="deploy pipeline"]').filter({ hasText: 'Revoked' }).waitFor();
  assert.equal((await call()).status, 401);

  await page.reload();
  const audit = page.getByTestId('audit');
  await audit.waitFor();
  const rows = audit.getByTestId('audit-row');
  const text = await rows.allTextContents();
  assert.ok(text.some((t) => /token\.revoke/.test(t) && t.includes('Demo Admin') && t.includes(herald.email)), text.slice(0, 5).join('\n'));
  // The earlier tests' writes too, each with the admin's name.
  for (const action of ['component.create', 'component.update', 'user.create', 'template.set', 'settings.cadence', 'token.create']) {
    assert.ok(text.some((t) => t.includes(action) && t.includes('Demo Admin')), `${action} by Demo Admin`);
  }
  await closePage(page);

  // A publisher is told the page needs the admin role.
  const res = await fetch(`${herald.url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: herald.email, password: herald.password }),
  });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  const created = await fetch(`${herald.url}/api/users`, {
    method: 'POST', headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ email: 'pat@herald.test', name: 'Pat Publisher', role: 'publisher', password: 'pat-password-1' }),
  });
  assert.equal(created.status, 201, await created.text());
  const publisher = await signedIn('/portal/admin', 'pat@herald.test', 'pat-password-1');
  await publisher.getByTestId('needs-admin').waitFor();
  await closePage(publisher);
});

test('the audit trail shows the newest fifty events and pages back to older ones', async () => {
  const res = await fetch(`${herald.url}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: herald.email, password: herald.password }),
  });
  const cookie = res.headers.get('set-cookie').split(';')[0];
  for (let i = 0; i < 60; i++) {
    const made = await fetch(`${herald.url}/api/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: `batch ${i}` }),
    });
    assert.equal(made.status, 201);
  }

  const page = await signedIn('/portal/admin');
  const rows = page.getByTestId('audit').getByTestId('audit-row');
  await rows.first().waitFor();
  const ids = async () => (await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.id))));
  const first = await ids();
  assert.equal(first.length, 50);
  await page.getByRole('button', { name: 'Show more' }).click();
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=audit-row]').length > 50);
  const both = await ids();
  assert.deepEqual(both.slice(0, 50), first, 'the first page stays');
  assert.ok(both.every((id, i) => i === 0 || id < both[i - 1]), 'newest first, no repeats');
  assert.ok(both.length <= 100);
  await closePage(page);
});
