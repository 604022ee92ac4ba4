// pop.mjs — the screen pop reaches the agent's browser: t_agent sits on the dashboard;
// when a call is offered to them (the call_event "offer" ivrd writes when the ACD rings
// their phone, inserted here with SQL) the browser opens that caller's pop by itself.
// On a page with a form (a new work order) it only shows a banner with the link, so
// nothing typed is lost.  Screenshots go to $WL_TEST_ARTIFACTS (pop-offer*.png).
// Prints TAP lines; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = process.env.WL_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const URL_BASE = (process.env.WL_TEST_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const VAR = process.env.WL_VAR || path.join(ROOT, 'var/test/stack');
const ARTIFACTS = process.env.WL_TEST_ARTIFACTS || path.join(ROOT, 'var/test/artifacts');
const DB = process.env.WL_DB_NAME || 'warmline';
// Generous: the page asks once a second; this only bounds a hung test.
const WAIT = 20000;

let n = 0, failed = 0;
function ok(cond, name, detail = '') {
  n++;
  if (cond) console.log(`ok - ${name}`);
  else {
    failed++;
    console.log(`not ok - ${name}${detail ? ': ' + String(detail).replace(/\s+/g, ' ').slice(0, 400) : ''}`);
  }
  return cond;
}

function fixture() {
  const env = {};
  try {
    for (const line of fs.readFileSync(path.join(VAR, 'test.env'), 'utf8').split('\n')) {
      const i = line.indexOf('=');
      if (i > 0 && !line.startsWith('#')) env[line.slice(0, i)] = line.slice(i + 1);
    }
  } catch { /* defaults */ }
  return env;
}

function sql(query) {
  const out = execFileSync('mariadb', [`--defaults-file=${path.join(VAR, 'my.cnf')}`, '-u', 'root',
    '--batch', '-N', '-e', query, DB], { encoding: 'utf8' });
  return out.split('\n')[0].split('\t')[0];
}

// A resident with a mobile number, and a call from it offered to t_agent now.
const run = `${process.pid % 100000}${Date.now() % 1000}`;
const mobile = `137${String(run).padStart(8, '0').slice(-8)}`;
const name = `弹屏住户${run}`;
function makeResident() {
  sql(`INSERT INTO resident (name) VALUES ('${name}')`);
  const rid = sql(`SELECT id FROM resident WHERE name = '${name}'`);
  sql(`INSERT INTO resident_phone (resident_id, phone, kind, is_primary) VALUES (${rid}, '${mobile}', 'mobile', 1)`);
  return rid;
}
function offer(rid) {
  const agent = sql("SELECT id FROM staff WHERE login = 't_agent'");
  sql(`INSERT INTO \`call\` (direction, caller, callee, started_at, resident_id) VALUES
       ('in', '${mobile}', '4008001234', UTC_TIMESTAMP(), ${rid})`);
  const call = sql(`SELECT MAX(id) FROM \`call\` WHERE caller = '${mobile}'`);
  sql(`INSERT INTO call_event (call_id, at, event, queue, agent_id) VALUES
       (${call}, UTC_TIMESTAMP(3), 'offer', 'repair', ${agent})`);
  return call;
}

async function main() {
  const env = fixture();
  const password = env.T_PASSWORD || 'Test-pass-2026';
  const rid = makeResident();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wl-chromium-'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, HOME: profile },
    timeout: 60000,
  });
  try {
    const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));
    const asked = () => page.waitForResponse((r) => r.url().includes('/api/v1/me/offers') && r.status() === 200,
      { timeout: WAIT });

    await page.goto(`${URL_BASE}/login?next=/dashboard`, { waitUntil: 'load' });
    await page.fill('input[name="login"]', 't_agent');
    await page.fill('input[name="password"]', password);
    const first = asked();
    await Promise.all([page.waitForURL(/\/dashboard$/, { timeout: WAIT }), page.click('button[type="submit"]')]);
    await first;	// the page has asked once: what comes now is news
    ok(true, 'the dashboard asks for offered calls');

    offer(rid);
    await page.waitForURL(/\/pop\?/, { timeout: WAIT }).catch(() => {});
    const url = new URL(page.url());
    ok(url.pathname === '/pop' && url.searchParams.get('phone') === mobile &&
       url.searchParams.get('resident') === String(rid),
       'an offered call opens the caller\'s pop by itself', page.url());
    ok((await page.locator('h2.pop-name').innerText().catch(() => '')).includes(name),
       'the pop shows the caller', await page.locator('main').innerText().catch(() => ''));
    await page.screenshot({ path: path.join(ARTIFACTS, 'pop-offer.png'), fullPage: true });

    await page.goto(`${URL_BASE}/tickets/new`, { waitUntil: 'load' });
    await asked();
    await page.fill('textarea[name="description"]', '正在填写的内容');
    offer(rid);
    const banner = page.locator('#pop-offer');
    await banner.waitFor({ state: 'visible', timeout: WAIT }).catch(() => {});
    const text = await banner.innerText().catch(() => '');
    ok(text.includes('来电') && text.includes(mobile) && text.includes(name),
       'on a form the offer shows as a banner with the caller', text);
    ok(new URL(page.url()).pathname === '/tickets/new' &&
       (await page.inputValue('textarea[name="description"]')) === '正在填写的内容',
       'and the page with what was typed stays', page.url());
    ok((await banner.locator('a').getAttribute('href')) === `/pop?phone=${mobile}&resident=${rid}`,
       'the banner links to the pop', await banner.innerHTML().catch(() => ''));
    await page.screenshot({ path: path.join(ARTIFACTS, 'pop-offer-banner.png'), fullPage: true });
    ok(errors.length === 0, 'no console errors (CSP violations, script errors)', errors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  ok(false, 'browser test completes', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e);
}).finally(() => {
  console.log(`# browser/pop: ${n} checks, ${failed} failed`);
  process.exit(failed || n === 0 ? 1 : 0);
});
