// The Dead letters and Settings screens in headless Chromium against a running local stack (started and seeded by
// AdminUiBrowserProof, which passes everything in the environment: a Ko-fi event of the site that failed five times,
// carrying a verification token, about an order the site has). A seller opens the dead letter's payload (shown as
// text, the token not in it), follows it to its order, then previews a draft auto-reply with a sample order, and
// sees a template that tries to include a file refused beside the body field. Each step prints "ok <job>";
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
const eventId = env('EVENT_ID'); // the dead letter's event
const secretToken = env('SECRET_TOKEN'); // the verification token the dead letter's message carried
const orderId = env('ORDER_ID'); // the order the event is about
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

async function screen(page, hash, ready) {
  await page.goto(`${base}/admin/ui/${hash}`);
  await page.locator(ready).first().waitFor({ timeout: 15000 });
}

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

try {
  const page = context.pages()[0] || await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // The refused draft answers 400 (shown beside the field): that load is expected.
    const expected = /status of 400/.test(m.text()) && /\/settings\/auto-reply\/preview$/.test(m.location().url);
    if (m.type() === 'error' && !expected) problems.push(`console: ${m.text()}`);
  });

  await page.goto(`${base}/admin/ui/`);
  await page.selectOption('#language', 'en');
  await page.fill('#client-id', clientId);
  await page.fill('#admin-key', adminKey);
  await page.click('#sign-in button[type=submit]');
  await page.locator('#review h2').waitFor({ timeout: 15000 });

  // Dead letters: the payload on demand, as text, without the token; the reason; the order it is about.
  await screen(page, '#/dead-letters', '#dead-letters tr.dead-letter');
  const row = page.locator('#dead-letters tr.dead-letter', { hasText: /kofi/ }).first();
  check(await row.locator('pre.payload').count() === 0, 'the payload is not loaded before it is asked for');
  await row.locator('button.show-payload').click();
  const payload = row.locator('pre.payload');
  await payload.waitFor({ timeout: 10000 });
  const text = await payload.textContent();
  check(text.includes(eventId) && text.includes('NO_SUCH_KIND'), `the payload shows the queued event (${text.slice(0, 200)})`);
  check(!(await page.content()).includes(secretToken), 'the verification token is nowhere on the page');
  check(await payload.evaluate((el) => el.children.length === 0), 'the payload is text, no markup');
  const reason = (await row.locator('p.reason').textContent()).trim();
  check(reason.includes('failed 5 times'), `the reason is said in words (${reason})`);
  check(await row.locator('button.show-payload').isHidden(), 'the button gives way to the payload');
  console.log('ok dead letter payload shown as text without the token');
  await both(page, 'dead-letters-payload');
  const link = row.locator('a.payload-order');
  check(decodeURIComponent((await link.getAttribute('href')).split('/').pop()) === orderId, 'the payload links its order');
  await link.click();
  await page.locator('#order h2').waitFor({ timeout: 15000 });
  console.log('ok the dead letter opens its order');

  // Settings: a draft auto-reply previewed with the sample order, as text; a file include refused beside the body.
  await screen(page, '#/settings', '#auto-reply form.auto-reply');
  const form = page.locator('#auto-reply form.auto-reply');
  await form.locator('input[name=subject]').fill('Thank you {{buyerName}}');
  await form.locator('textarea[name=body]').fill('We got {{amount}} {{currency}} <b>for</b> {{orderId}}.');
  const asked = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/admin/sites/${clientId}/settings/auto-reply/preview`));
  await form.locator('button.preview').click();
  await asked;
  const subject = form.locator('.auto-reply-preview .preview-subject');
  await subject.waitFor({ timeout: 10000 });
  const shownSubject = (await subject.textContent()).trim();
  const shownBody = (await form.locator('.auto-reply-preview pre.preview-body').textContent()).trim();
  check(/^Thank you \S.+$/.test(shownSubject) && !shownSubject.includes('{{'), `the subject is rendered (${shownSubject})`);
  check(/^We got \d+\.\d{2} [A-Z]{3} <b>for<\/b> \S+\.$/.test(shownBody), `the body is rendered, as text (${shownBody})`);
  check(await form.locator('.auto-reply-preview b').count() === 0, 'seller text is never markup');
  check(await page.locator('#notice.error:not([hidden])').count() === 0, 'no error');
  console.log('ok auto-reply previewed with a sample order');
  await both(page, 'settings-preview');

  await form.locator('textarea[name=body]').fill('Hello {{> /etc/passwd}}');
  await form.locator('button.preview').click();
  const bodyError = form.locator('label:has(textarea[name=body]) + .form-error');
  await bodyError.filter({ hasText: /\S/ }).first().waitFor({ timeout: 10000 });
  const refusal = (await bodyError.first().textContent()).trim();
  check(refusal.includes('{{> /etc/passwd}}') && refusal.includes('cannot include'), `the refusal names the tag (${refusal})`);
  check(await form.locator('.auto-reply-preview .preview-subject').count() === 0, 'nothing is rendered for a refused draft');
  check(!(await page.content()).includes('root:x:0:0'), 'no file content reached the page');
  console.log('ok a file include is refused beside the body field');
  await both(page, 'settings-preview-refused');

  // Saved with the subject left empty: the default subject applies (the page used to send "" and the save refused it).
  await form.locator('textarea[name=body]').fill('Thanks for {{orderId}}.');
  await form.locator('input[name=subject]').fill('');
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes(`/admin/sites/${clientId}/providers/`));
  await form.locator('button[type=submit]').click();
  const savedAnswer = await saved;
  check(savedAnswer.status() === 200, `an auto-reply with an empty subject saves (${savedAnswer.status()}: ${await savedAnswer.text()})`);
  console.log('ok an auto-reply with an empty subject saves');

  check(problems.length === 0, `the browser reported problems:\n${problems.join('\n')}`);
  console.log('UI TEST PASSED');
} catch (e) {
  console.log(`UI TEST FAILED: ${e.message}`);
  process.exitCode = 1;
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
