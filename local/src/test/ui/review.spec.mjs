// Drives the admin page in headless Chromium against a running local stack (started by
// AdminUiBrowserProof, which seeds an order waiting for review and passes everything in the environment):
// sign in, see the orders in the review queue, match one to a listed candidate and the other to an intent
// typed by id, set its status, write to the
// buyer, check the e-mail in the SES stand-in, filter the orders, draw the sales chart, open the dead letters.
// Prints "ok <step>" per step and "UI TEST PASSED" at the end; exits 1 with the reason otherwise.
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
const intentId = env('INTENT_ID');
const ambiguousOrderId = env('AMBIGUOUS_ORDER_ID');
const saleOrderId = env('SALE_ORDER_ID');
const strayOrderId = env('STRAY_ORDER_ID'); // a payment that needs no confirmation: dismissed with a reason
const buyer = env('BUYER_EMAIL');
const mailUrl = env('MAIL_URL');
const shots = env('SCREENSHOT_DIR');
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';

function check(condition, message) {
  if (!condition) throw new Error(message);
}

async function textOf(page, selector) {
  return (await page.locator(selector).first().textContent({ timeout: 10000 })).trim();
}

async function waitForText(page, selector, expected) {
  await page.locator(selector, { hasText: expected }).first().waitFor({ timeout: 10000 });
}

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), 'orderhub-ui-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  locale: 'ko-KR',
  viewport: { width: 1280, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
});
const problems = [];
let step = 0;
async function shot(page, name) {
  step += 1;
  await page.screenshot({ path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`), fullPage: true });
  console.log(`ok ${name}`);
}

try {
  const page = context.pages()[0] || await context.newPage();
  // Any script error or refused resource (a CSP violation is logged as a console error) fails the run.
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  // (The refused sign-in below is logged as a failed 401 load: that one is expected.)
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text()}`);
  });

  const first = await page.goto(`${base}/admin/ui`);
  check(page.url() === `${base}/admin/ui/`, `/admin/ui leads to the folder, not ${page.url()}`);
  check(first.headers()['content-security-policy'].startsWith("default-src 'self'"), 'the page has a strict CSP');
  await waitForText(page, '#sign-in h2', '로그인');
  await shot(page, 'sign-in-korean');

  await page.fill('#client-id', clientId);
  await page.fill('#admin-key', 'ohk_wrong');
  await page.click('#sign-in button[type=submit]');
  await waitForText(page, '#notice.error', '로그인 실패');
  check(await page.evaluate(() => sessionStorage.getItem('orderhub.admin')) === null, 'a refused key is not kept');
  await page.fill('#admin-key', adminKey);
  await page.click('#sign-in button[type=submit]');
  await waitForText(page, '#review h2', '결제 확인');
  const item = page.locator(`article.review-item[data-order-id="${orderId}"]`);
  await item.waitFor({ timeout: 10000 });
  check((await item.locator('.reason').textContent()).includes('no candidate'), 'the review item says why it waits');
  await shot(page, 'review-queue-korean');

  await page.selectOption('#language', 'en');
  await waitForText(page, '#review h2', 'Payment confirmation');
  check(await textOf(page, 'nav a[href="#/orders"]') === 'Orders', 'the navigation is translated');
  await shot(page, 'review-queue-english');

  const ambiguous = page.locator(`article.review-item[data-order-id="${ambiguousOrderId}"]`);
  check(await ambiguous.locator('button.match-candidate').count() === 2, 'both candidate intents are offered');
  check((await ambiguous.textContent()).includes('Coffee · for the podcast'), 'each candidate says what it was for');
  await ambiguous.locator('button.match-candidate').first().click();
  await waitForText(page, '#notice.ok', `Order ${ambiguousOrderId} matched`);
  await ambiguous.waitFor({ state: 'detached', timeout: 10000 });
  console.log('matched a candidate');

  await item.locator('input[name=intentId]').fill(intentId);
  await item.locator('form.match-by-id button').click();
  await waitForText(page, '#notice.ok', `matched to ${intentId}`);
  await page.locator(`article.review-item[data-order-id="${orderId}"]`).waitFor({ state: 'detached', timeout: 10000 });
  await shot(page, 'matched');

  const sale = page.locator(`article.review-item[data-order-id="${saleOrderId}"]`);
  await sale.locator('form.confirm-without-intent input[name=note]').fill('Ko-fi shop sale');
  await sale.locator('form.confirm-without-intent button').click();
  await waitForText(page, '#notice.ok', `Order ${saleOrderId} confirmed without an intent`);
  await sale.waitFor({ state: 'detached', timeout: 10000 });
  console.log('confirmed without an intent');

  const stray = page.locator(`article.review-item[data-order-id="${strayOrderId}"]`);
  await stray.locator('form.dismiss-review input[name=reason]').fill('sent twice by mistake');
  await stray.locator('form.dismiss-review button').click();
  await waitForText(page, '#notice.ok', `Order ${strayOrderId} dismissed`);
  await stray.waitFor({ state: 'detached', timeout: 10000 });
  console.log('dismissed with a reason');

  await page.goto(`${base}/admin/ui/#/orders/${orderId}`);
  await waitForText(page, '#order .match', intentId);
  await waitForText(page, '#order tr.audit-row', 'match');
  await page.selectOption('#order form.set-status select[name=status]', 'done');
  await page.fill('#order form.set-status input[name=reason]', 'sticker mailed');
  await page.click('#order form.set-status button');
  await waitForText(page, '#notice.ok', 'Status changed to done');
  await page.locator('#order h2 .status[data-status="done"]').waitFor({ timeout: 10000 });
  await waitForText(page, '#order tr.audit-row', 'sticker mailed');
  console.log('status done');
  await shot(page, 'status-done');

  const subject = `Your sticker ${Date.now()}`;
  await page.fill('#order form.reply input[name=subject]', subject);
  await page.fill('#order form.reply textarea[name=body]', 'It is on its way. 감사합니다!');
  await page.click('#order form.reply button');
  await waitForText(page, '#notice.ok', 'E-mail sent');
  await waitForText(page, '#order tr.email-row', 'manual-reply');
  console.log('reply listed');
  const mails = (await (await fetch(mailUrl)).json()).emails
    .filter((m) => m.destination.to.includes(buyer)).map((m) => m.subject);
  check(mails.includes(subject), `the SES stand-in has the reply to the buyer (has: ${mails.join(' | ')})`);
  console.log(`mail ${mails.length} to buyer: ${mails.join(' | ')}`);
  const mailPage = await context.newPage(); // the stand-in's own page: its console is not ours
  await mailPage.goto(mailUrl.replace(/\/store$/, '/'));
  await shot(mailPage, 'ses-stand-in');
  await mailPage.close();

  await page.goto(`${base}/admin/ui/#/orders`);
  await page.locator('#orders tr.order-row').first().waitFor({ timeout: 10000 });
  await page.selectOption('#orders select[name=status]', 'refunded');
  await page.click('#order-filters button[type=submit]');
  await waitForText(page, '#orders .count', /^0 orders$/);
  await page.selectOption('#orders select[name=status]', 'done');
  await page.selectOption('#orders select[name=provider]', 'kofi');
  await page.click('#order-filters button[type=submit]');
  await waitForText(page, '#orders .count', /^1 orders$/);
  await waitForText(page, '#orders tr.order-row', orderId);
  await shot(page, 'orders-filtered');

  await page.click('nav a[href="#/sales"]');
  const bar = page.locator('#sales svg.chart g.bar[data-label="kofi"]');
  await bar.waitFor({ timeout: 10000 });
  check(Number(await bar.getAttribute('data-value')) > 0, 'the per-provider chart has kofi sales');
  await shot(page, 'sales');

  await page.click('nav a[href="#/dead-letters"]');
  await waitForText(page, '#dead-letters h2', 'Dead letters');
  await shot(page, 'dead-letters');

  await page.click('#sign-out');
  await waitForText(page, '#sign-in h2', 'Sign in');
  check(await page.evaluate(() => sessionStorage.getItem('orderhub.admin')) === null, 'signing out forgets the key');

  check(problems.length === 0, `the browser reported problems:\n${problems.join('\n')}`);
  console.log('UI TEST PASSED');
} catch (e) {
  console.log(`UI TEST FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
