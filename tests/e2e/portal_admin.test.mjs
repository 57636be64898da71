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
  // Signing in, the page first asks who is signed in: a 401 the browser logs.
  const errors = page.errors.filter((e) => ![/status of 401/, ...allowed].some((re) => re.test(e)));
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

  assert.deepEqual(await axeViolations(page), []);
  await closePage(page, [/status of 422/]);
});
