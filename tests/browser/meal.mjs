// meal.mjs — meal ordering in a real browser.  The agent's flow: the screen pop of a known
// caller → 订餐 → the order page with the caller pre-filled → portions, slot → 下单 → the order
// with its total; an unknown caller → 新住户订餐 → name and address inline → the order, the
// resident created with it.  The resident's flow in the portal: the menu → portions → 下单 →
// the order → 取消订单.  Screenshots go to $WL_TEST_ARTIFACTS (meal-*.png).
// Prints TAP lines; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = process.env.WL_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const URL_BASE = (process.env.WL_TEST_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const VAR = process.env.WL_VAR || path.join(ROOT, 'var/test/stack');
const ARTIFACTS = process.env.WL_TEST_ARTIFACTS || path.join(ROOT, 'var/test/artifacts');
const DB = process.env.WL_DB_NAME || 'warmline';
const WAIT = 20000;	// bounds a hung step only

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

const run = `${process.pid % 100000}${Date.now() % 1000}`;
const tail = String(run).padStart(8, '0').slice(-8);
const mobile = `136${tail}`, stranger = `135${tail}`;
const S = {};

function setup() {
  sql(`INSERT INTO community (code, name) VALUES ('bm${run}', '浏览器苑${run}')`);
  const cid = sql(`SELECT id FROM community WHERE code = 'bm${run}'`);
  sql(`INSERT INTO building (community_id, name) VALUES (${cid}, '8号楼')`);
  S.building = sql(`SELECT id FROM building WHERE community_id = ${cid}`);
  sql(`INSERT INTO unit (building_id, name) VALUES (${S.building}, '1单元')`);
  const uid = sql(`SELECT id FROM unit WHERE building_id = ${S.building}`);
  sql(`INSERT INTO household (unit_id, room) VALUES (${uid}, '501'), (${uid}, '502')`);
  const h = sql(`SELECT id FROM household WHERE unit_id = ${uid} AND room = '501'`);
  sql(`INSERT INTO resident (name) VALUES ('网页住户${run}')`);
  S.resident = sql(`SELECT id FROM resident WHERE name = '网页住户${run}'`);
  sql(`INSERT INTO resident_phone (resident_id, phone, is_primary) VALUES (${S.resident}, '${mobile}', 1)`);
  sql(`INSERT INTO resident_household (resident_id, household_id) VALUES (${S.resident}, ${h})`);
  sql(`INSERT INTO meal_period (name, cutoff, sort) VALUES ('晚市${run}', '23:59:59', -1)`);
  S.period = sql(`SELECT id FROM meal_period WHERE name = '晚市${run}'`);
  sql(`INSERT INTO meal_slot (period_id, label, sort) VALUES (${S.period}, '18:00-18:30', 1)`);
  sql(`INSERT INTO meal_item (name, category, price_fen, daily_stock) VALUES ('宫保鸡丁${run}', '热菜', 1650, 30)`);
  S.item = sql(`SELECT id FROM meal_item WHERE name = '宫保鸡丁${run}'`);
  sql(`INSERT INTO meal_menu (menu_date, period_id, item_id, stock) VALUES (CURDATE(), ${S.period}, ${S.item}, 30)`);
  // CURDATE() is the server's day; the pages use the configured zone: put it on both.
  sql(`INSERT IGNORE INTO meal_menu (menu_date, period_id, item_id, stock) VALUES
       (DATE(CONVERT_TZ(UTC_TIMESTAMP(), '+00:00', '+08:00')), ${S.period}, ${S.item}, 30)`);
}

async function main() {
  const password = fixture().T_PASSWORD || 'Test-pass-2026';
  setup();
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
    const ctx = await browser.newContext({ locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error' && !/favicon/.test(m.text())) errors.push(m.text()); });

    await page.goto(`${URL_BASE}/login?next=/pop`, { waitUntil: 'load' });
    await page.fill('input[name="login"]', 't_agent');
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL(/\/pop$/, { timeout: WAIT }), page.click('button[type="submit"]')]);

    // A known caller: pop → 订餐 → pre-filled → order.
    await page.goto(`${URL_BASE}/pop?phone=${mobile}`, { waitUntil: 'load' });
    await Promise.all([page.waitForURL(/\/meal\/order\?/, { timeout: WAIT }), page.click('#pop-meal')]);
    ok((await page.textContent('#m-resident-name')).trim() === `网页住户${run}`, 'the order page has the caller pre-filled');
    await Promise.all([page.waitForLoadState('load'), page.click(`a.btn:has-text("晚市${run}")`)]);
    await page.fill(`input[data-name="宫保鸡丁${run}"]`, '2');
    await page.fill('#f-note', '不要辣');
    await page.screenshot({ path: path.join(ARTIFACTS, 'meal-agent-order.png'), fullPage: true });
    await Promise.all([page.waitForURL(/\/meal\/orders\/\d+$/, { timeout: WAIT }), page.click('#meal-place')]);
    ok((await page.textContent('#m-total')).includes('33.00'), 'the placed order shows its total ¥33.00',
       await page.textContent('#m-total').catch(() => ''));
    const oid = page.url().match(/orders\/(\d+)$/)[1];
    ok(sql(`SELECT CONCAT(resident_id, ' ', channel, ' ', note, ' ', total_fen) FROM meal_order WHERE id = ${oid}`)
       === `${S.resident} phone 不要辣 3300`, 'stored for the caller, by phone, with the note');

    // An unknown caller: pop → 新住户订餐 → name and address inline → order.
    await page.goto(`${URL_BASE}/pop?phone=${stranger}`, { waitUntil: 'load' });
    await Promise.all([page.waitForURL(/\/meal\/order\?/, { timeout: WAIT }), page.click('#pop-meal-new')]);
    ok(await page.inputValue('#f-new-phone') === stranger, 'the new resident form has the number');
    await Promise.all([page.waitForLoadState('load'), page.click(`a.btn:has-text("晚市${run}")`)]);
    await page.fill('#f-new-name', `新住户${run}`);
    await page.selectOption('#f-building', S.building);
    await page.fill('#f-unit', '1');
    await page.fill('#f-room', '502');
    await page.fill(`input[data-name="宫保鸡丁${run}"]`, '1');
    await Promise.all([page.waitForURL(/\/meal\/orders\/\d+$/, { timeout: WAIT }), page.click('#meal-place')]);
    ok((await page.textContent('#m-total')).includes('16.50'), 'the new resident\'s order is placed');
    ok(sql(`SELECT COUNT(*) FROM resident r JOIN resident_phone p ON p.resident_id = r.id
            WHERE r.name = '新住户${run}' AND p.phone = '${stranger}'`) === '1', 'the caller became a resident');
    await page.screenshot({ path: path.join(ARTIFACTS, 'meal-agent-new.png'), fullPage: true });

    // The resident in the portal (a session as the SMS-code login makes one).
    const token = crypto.randomBytes(32).toString('base64url');
    const hash = crypto.createHash('sha256').update(token).digest('hex');
    sql(`INSERT INTO portal_session (token_hash, resident_id, phone, ip, expires_at) VALUES
         (UNHEX('${hash}'), ${S.resident}, '${mobile}', '127.0.0.1', UTC_TIMESTAMP() + INTERVAL 1 DAY)`);
    const rctx = await browser.newContext({ locale: 'zh-CN' });
    await rctx.addCookies([{ name: 'wl_rsid', value: token, url: URL_BASE }]);
    const rp = await rctx.newPage();
    rp.on('pageerror', (e) => errors.push(String(e)));
    await rp.goto(`${URL_BASE}/portal/meal?period=${S.period}`, { waitUntil: 'load' });
    ok((await rp.textContent('body')).includes(`宫保鸡丁${run}`), 'the portal shows today\'s menu');
    await rp.fill(`input[aria-label="份数 宫保鸡丁${run}"]`, '3');
    await Promise.all([rp.waitForURL(/\/portal\/meal\/orders\/\d+$/, { timeout: WAIT }), rp.click('#portal-meal-place')]);
    ok((await rp.textContent('#m-total')).includes('49.50'), 'the resident\'s order shows ¥49.50');
    const pid = rp.url().match(/orders\/(\d+)$/)[1];
    ok(sql(`SELECT channel FROM meal_order WHERE id = ${pid}`) === 'portal', 'stored as a portal order');
    await rp.screenshot({ path: path.join(ARTIFACTS, 'meal-portal-order.png'), fullPage: true });
    await Promise.all([rp.waitForLoadState('load'), rp.click('#m-cancel')]);
    ok((await rp.textContent('h1')).includes('已取消'), 'the resident cancels before the cut-off');
    ok(sql(`SELECT status FROM meal_order WHERE id = ${pid}`) === 'cancelled', 'the order is cancelled');
    ok(errors.length === 0, 'no console errors (CSP violations, script errors)', errors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  ok(false, 'browser test completes', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e);
}).finally(() => {
  console.log(`# browser/meal: ${n} checks, ${failed} failed`);
  process.exit(failed || n === 0 ? 1 : 0);
});
