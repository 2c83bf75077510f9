// The Order screen's history in headless Chromium against a running local stack (started and seeded by
// AdminUiBrowserProof, which passes everything in the environment): an order whose Ko-fi callback came with a
// User-Agent holding markup and an X-Api-Key the hub kept by name only. Each history entry expands to the request
// headers and the raw body; the markup appears as text (no element made of it, its handler never run), the removed
// value is said to be removed, Ko-fi's token is not in the body; the same in Korean. Each step prints "ok <job>";
// screenshots, desktop and 390 px wide, land in SCREENSHOT_DIR. "UI TEST PASSED" at the end.
import { chromium } from 'playwright-core';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) throw new Error(`missing environment variable ${name}`);
  return v;
};
const base = env('BASE_URL');
const clientId = env('CLIENT_ID');
const adminKey = env('ADMIN_KEY');
const orderId = env('ORDER_ID');
const userAgent = env('USER_AGENT'); // the callback's User-Agent: markup that must stay text
const shots = env('SCREENSHOT_DIR');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

function check(condition, message) {
  if (!condition) throw new Error(message);
}

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'orderhub-ui-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  locale: 'en-GB',
  viewport: DESKTOP,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const problems = [];

/** The screen at desktop width and at 390 px, where it must not scroll sideways. */
async function both(page, name) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: join(shots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(shots, `${name}-390.png`), fullPage: true });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  check(wide <= PHONE.width, `${name} does not scroll sideways at 390 px (${wide})`);
  await page.setViewportSize(DESKTOP);
}

/** The order's screen with its first history entry expanded. */
async function openFirstEntry(page) {
  await page.goto(`${base}/admin/ui/#/orders/${orderId}`);
  await page.reload(); // the same hash again would not redraw the screen
  await page.locator('#order tr.history-row details.raw-event').first().waitFor({ timeout: 15000 });
  const entry = page.locator('#order tr.history-row details.raw-event').first();
  await entry.locator('summary').click();
  await entry.locator('dl.raw-headers').waitFor({ timeout: 5000 });
  return entry;
}

/** The expanded entry's headers: name → shown value. */
async function headers(entry) {
  return entry.locator('dl.raw-headers').evaluate((dl) => {
    const out = {};
    for (const dt of dl.querySelectorAll('dt')) out[dt.textContent] = dt.nextElementSibling.textContent;
    return out;
  });
}

try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });

  await page.goto(`${base}/admin/ui/`);
  await page.selectOption('#language', 'en');
  await page.fill('#client-id', clientId);
  await page.fill('#admin-key', adminKey);
  await page.click('#sign-in button[type=submit]');
  await page.locator('#review h2').waitFor({ timeout: 15000 });

  const entry = await openFirstEntry(page);
  const shown = await headers(entry);
  check(shown['user-agent'] === userAgent, `the User-Agent is shown as the provider sent it (got ${shown['user-agent']})`);
  check(shown['content-type'] === 'application/x-www-form-urlencoded', `the Content-Type is shown (got ${shown['content-type']})`);
  check(shown['x-api-key'] === '(value removed by the hub)', `a header off the allowlist shows only that it was removed (got ${shown['x-api-key']})`);
  check(!Object.values(shown).some((v) => /sk_live/.test(v)), 'no removed value reaches the page');
  console.log('ok the history entry expands to its request headers');

  check(await page.locator('#order img').count() === 0, 'no element is made of a header value');
  check(await page.evaluate(() => window.__pwned === undefined), 'a header value\'s handler never ran');
  const markup = await entry.locator('dl.raw-headers dd').evaluateAll((dds) => dds.map((d) => d.innerHTML));
  check(markup.some((html) => html.includes('&lt;img')), 'the markup is in the page as text');
  console.log('ok a header value holding markup appears as text');

  const body = await entry.locator('pre.raw').textContent();
  check(body.includes('kofi_transaction_id') && !body.includes('verification_token'), 'the raw body is shown, without Ko-fi\'s token');
  console.log('ok the raw body is shown without the token');
  await both(page, 'order-history');

  await page.selectOption('#language', 'ko');
  const korean = await openFirstEntry(page);
  check((await korean.locator('h4').first().textContent()) === '요청 헤더', 'the headers are titled in Korean');
  check((await headers(korean))['x-api-key'] === '(허브가 값을 제거함)', 'the removed value is said so in Korean');
  await both(page, 'order-history-korean');
  await page.selectOption('#language', 'en');
  console.log('ok korean');
  console.log('ok screenshots');

  check(problems.length === 0, `the browser reported problems:\n${problems.join('\n')}`);
  console.log('UI TEST PASSED');
} catch (e) {
  console.log(`UI TEST FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
