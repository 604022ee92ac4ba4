// tech.mjs — a technician's phone: the system Chromium (headless, playwright-core) at
// 375 x 812 logs in as t_tech, opens 我的工单 (/m), opens a work order, accepts it, departs,
// arrives and completes it with a note, a part and a photo taken "with the camera"
// (setInputFiles with a generated PNG); the page then shows the status resolved (已完成 or
// whatever Lang.ticket.status.resolved says) and the photo.
// Every page must fit the screen (no sideways scrolling) and the buttons must be big
// enough to hit with a thumb.  Screenshots: $WL_TEST_ARTIFACTS/tech-*.png.
// The work order is made here with SQL (as the database root, like the Python tests).
// Prints TAP lines; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const ROOT = process.env.WL_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const URL_BASE = (process.env.WL_TEST_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const VAR = process.env.WL_VAR || path.join(ROOT, 'var/test/stack');
const ARTIFACTS = process.env.WL_TEST_ARTIFACTS || path.join(ROOT, 'var/test/artifacts');
const DB = process.env.WL_DB_NAME || 'warmline';
const WIDTH = 375;

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
  } catch { /* defaults below */ }
  return env;
}

// The strings the pages show, read like the kit does: <lang>.hdf, then each <lang>-<area>.hdf
// in name order, later files winning (status and action names are shared strings).
function langStrings(lang = 'zh_CN') {
  const dir = path.join(ROOT, 'templates/lang');
  const files = [`${lang}.hdf`, ...fs.readdirSync(dir).filter((f) => f.startsWith(`${lang}-`) && f.endsWith('.hdf')).sort()];
  const out = {};
  for (const f of files) {
    const prefix = [];
    for (let line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      line = line.trim();
      if (!line || line.startsWith('#')) continue;
      if (line.endsWith('{')) prefix.push(line.slice(0, -1).trim());
      else if (line === '}') prefix.pop();
      else if (line.includes('=')) {
        const i = line.indexOf('=');
        out[[...prefix, line.slice(0, i).trim()].join('.')] = line.slice(i + 1).trim();
      }
    }
  }
  return out;
}
const L = langStrings();

// SQL as the database root; the first column of the first row.
function sql(query) {
  const out = execFileSync('mariadb', [`--defaults-file=${path.join(VAR, 'my.cnf')}`, '-u', 'root',
    '--batch', '-N', '-e', query, DB], { encoding: 'utf8' });
  return out.split('\n')[0].split('\t')[0];
}

// A work order assigned to t_tech at a household of its own; returns its id and number.
function makeTicket() {
  const run = `${process.pid % 100000}${Date.now() % 1000}`;
  const number = `B${run}`.slice(0, 16);
  sql(`INSERT INTO community (code, name) VALUES ('tb${run}', '浏览器小区${run}')`);
  const cid = sql(`SELECT id FROM community WHERE code = 'tb${run}'`);
  sql(`INSERT INTO building (community_id, name) VALUES (${cid}, '3号楼')`);
  const bid = sql(`SELECT id FROM building WHERE community_id = ${cid}`);
  sql(`INSERT INTO unit (building_id, name) VALUES (${bid}, '1单元')`);
  const uid = sql(`SELECT id FROM unit WHERE building_id = ${bid}`);
  sql(`INSERT INTO household (unit_id, room) VALUES (${uid}, '802')`);
  const hid = sql(`SELECT id FROM household WHERE unit_id = ${uid}`);
  sql(`INSERT INTO ticket (number, type_id, status, priority, title, description, channel,
       household_id, community_id, building_id, contact_name, contact_phone, department_id,
       assignee_id, appointment_at, response_due_at, resolve_due_at) VALUES ('${number}',
       (SELECT id FROM ticket_type WHERE code = 'heating'), 'dispatched', 3, '客厅暖气不热',
       '客厅两组暖气片都是凉的，卧室正常。住户下午在家。', 'phone', ${hid}, ${cid}, ${bid},
       '刘先生', '13700137000', (SELECT id FROM department WHERE code = 't_eng'),
       (SELECT id FROM staff WHERE login = 't_tech'), UTC_TIMESTAMP() + INTERVAL 1 HOUR,
       UTC_TIMESTAMP() + INTERVAL 30 MINUTE, UTC_TIMESTAMP() + INTERVAL 8 HOUR)`);
  const id = sql(`SELECT id FROM ticket WHERE number = '${number}'`);
  sql(`INSERT INTO ticket_event (ticket_id, kind, to_status, public) VALUES (${id}, 'created', 'new', 1)`);
  return { id, number };
}

// A real PNG (an orange-to-blue gradient), as a phone camera would hand over a JPEG.
function png(w = 96, h = 64) {
  const table = Array.from({ length: 256 }, (_, i) => {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4), sum = Buffer.alloc(4), td = Buffer.concat([Buffer.from(type), data]);
    len.writeUInt32BE(data.length);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(242 - (x * 2), 140, 40 + (y * 3));
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// The page fits the phone: nothing makes it scroll sideways.
async function fits(page, what) {
  const w = await page.evaluate(() => document.documentElement.scrollWidth);
  ok(w <= WIDTH, `${what}: no horizontal scrolling at ${WIDTH} px (scrollWidth ${w})`, w);
}

async function shot(page, name) {
  await page.screenshot({ path: path.join(ARTIFACTS, `tech-${name}.png`), fullPage: true });
}

// Clicks a step's button and waits for the page it leads to.
async function step(page, label) {
  const button = page.locator('form.m-action button', { hasText: label }).first();
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
}

async function flow(page, t) {
  await page.goto(`${URL_BASE}/m`, { waitUntil: 'load' });
  const card = page.locator(`a.m-card[href="/m/tickets/${t.id}"]`);
  ok(await card.isVisible(), '/m shows the work order as a card', t.number);
  ok((await card.innerText()).includes('浏览器小区'), 'the card shows the address');
  await fits(page, '/m');
  await shot(page, 'list');

  await Promise.all([page.waitForURL(new RegExp(`/m/tickets/${t.id}$`)), card.click()]);
  ok((await page.locator('h1').innerText()).includes('客厅暖气不热'), 'the card opens the work order');
  const call = page.locator('a[href="tel:13700137000"]');
  ok(await call.isVisible(), 'the resident phone is a tap-to-call link');
  const accept = page.locator('form.m-action button', { hasText: L['ticket.action.accepted'] }).first();
  const box = await accept.boundingBox();
  ok(box && box.height >= 40 && box.width >= WIDTH / 2, 'the accept button is a big touch target', JSON.stringify(box));
  await fits(page, 'work order');
  await shot(page, 'detail');

  for (const to of ['accepted', 'en_route', 'on_site']) {
    const label = L[`ticket.action.${to}`], shown = L[`ticket.status.${to}`];
    await step(page, label);
    const badge = await page.locator('.page-head .badge').first().innerText();
    ok(badge === shown, `after ${label} the work order shows ${shown}`, badge);
  }
  await fits(page, 'work order on site');

  await page.locator('details.m-action summary', { hasText: L['ticket.action.resolved'] }).click();
  const form = page.locator('details.m-action[open] form');
  await form.locator('textarea[name="note"]').fill('更换客厅暖气片进水阀，已恢复供热。');
  await form.locator('input[name="part_name"]').first().fill('暖气片阀门');
  await form.locator('input[name="part_quantity"]').first().fill('1');
  await form.locator('input[name="part_unit"]').first().fill('个');
  const photo = form.locator('input[type="file"][name="photos"]');
  ok(await photo.getAttribute('capture') === 'environment' && await photo.getAttribute('accept') === 'image/*',
    'the photo input opens the camera (accept=image/*, capture=environment)');
  await photo.setInputFiles({ name: 'camera.png', mimeType: 'image/png', buffer: png() });
  await fits(page, 'completion form');
  await shot(page, 'complete-form');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
    form.locator('button[type="submit"]').click()]);

  const badge = await page.locator('.page-head .badge').first().innerText();
  ok(badge === L['ticket.status.resolved'], `after completing the work order shows ${L['ticket.status.resolved']} (resolved)`, badge);
  const img = page.locator('.m-thumbs img').first();
  await img.scrollIntoViewIfNeeded().catch(() => {});
  const loaded = await img.evaluate((el) => el.complete && el.naturalWidth === 96).catch(() => false);
  ok(loaded, 'the uploaded photo is shown (thumbnail loads, 96 px wide)');
  ok((await page.locator('body').innerText()).includes('暖气片阀门'), 'the part is listed');
  await fits(page, 'completed work order');
  await shot(page, 'done');
}

async function main() {
  const env = fixture();
  const password = env.T_PASSWORD || 'Test-pass-2026';
  const t = makeTicket();
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
    const context = await browser.newContext({
      viewport: { width: WIDTH, height: 812 }, deviceScaleFactor: 2, isMobile: true,
      hasTouch: true, locale: 'zh-CN',
    });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(`${URL_BASE}/login?next=/m`, { waitUntil: 'load' });
    await page.fill('input[name="login"]', 't_tech');
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL(/\/m$/, { timeout: 30000 }), page.click('button[type="submit"]')]);
    ok(new URL(page.url()).pathname === '/m', 't_tech logs in and lands on /m', page.url());
    await flow(page, t);
    ok(errors.length === 0, 'no console errors (CSP violations, script errors)', errors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  ok(false, 'browser test completes', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e);
}).finally(() => {
  console.log(`# browser/tech: ${n} checks, ${failed} failed`);
  process.exit(failed || n === 0 ? 1 : 0);
});
