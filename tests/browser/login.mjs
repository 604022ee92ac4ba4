// login.mjs — a real browser logs in: the system Chromium (headless, driven by
// playwright-core) opens the login page, checks that it is Chinese and that the heading is
// drawn with a CJK font (not boxes), logs in as t_agent and finds the user's name on the
// dashboard.  Screenshots go to $WL_TEST_ARTIFACTS (login.png, dashboard.png).
// Prints TAP lines; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = process.env.WL_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const URL_BASE = (process.env.WL_TEST_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const VAR = process.env.WL_VAR || path.join(ROOT, 'var/test/stack');
const ARTIFACTS = process.env.WL_TEST_ARTIFACTS || path.join(ROOT, 'var/test/artifacts');

// The fixture's accounts (tests/fixture.sh writes $WL_VAR/test.env).
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

// Font families a CJK glyph can come from on Debian (fonts-wqy-zenhei, fonts-noto-cjk, ...).
const CJK_FONT = /wenquanyi|wqy|noto (sans|serif) (cjk|sc|tc)|source han|droid sans fallback|ar pl|文泉|思源/i;

// The platform fonts Chromium used to draw the text of the element matching selector.
async function platformFonts(page, selector) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');
  await cdp.send('CSS.enable');
  const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
  const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
  if (!nodeId) return [];
  const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
  await cdp.detach();
  return fonts;
}

async function main() {
  const env = fixture();
  const user = 't_agent';
  const password = env.T_PASSWORD || 'Test-pass-2026';
  const name = env.T_T_AGENT_NAME || '测试座席甲';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'wl-chromium-'));
  fs.mkdirSync(ARTIFACTS, { recursive: true });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // --user-data-dir is Playwright's own (a fresh temporary profile per launch)
    ],
    env: { ...process.env, HOME: profile },
    timeout: 60000,
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', (e) => consoleErrors.push(String(e)));

    const resp = await page.goto(`${URL_BASE}/login`, { waitUntil: 'networkidle' });
    ok(resp && resp.status() === 200, 'login page answers 200', resp && resp.status());
    const body = await page.locator('body').innerText();
    ok(body.includes('登录'), 'login page text contains 登录', body.slice(0, 200));
    ok(await page.getAttribute('html', 'lang') === 'zh-CN', 'login page is <html lang="zh-CN">');
    const heading = await page.locator('h1').first().innerText();
    ok(/[\u4e00-\u9fff]/.test(heading), 'login heading is Chinese', heading);
    const fonts = await platformFonts(page, 'h1');
    const families = fonts.map((f) => `${f.familyName} (${f.glyphCount})`).join(', ');
    ok(fonts.some((f) => CJK_FONT.test(f.familyName) && f.glyphCount > 0),
      `login heading is drawn with a CJK font [${families}]`, families);
    const cssLoaded = await page.evaluate(() => [...document.styleSheets].some((s) => /wl\.css/.test(s.href || '') && s.cssRules.length > 0));
    ok(cssLoaded, 'wl.css is loaded (not blocked by CSP or a 404)');
    await page.screenshot({ path: path.join(ARTIFACTS, 'login.png'), fullPage: true });

    await page.fill('input[name="login"]', user);
    await page.fill('input[name="password"]', password);
    await Promise.all([
      page.waitForURL(/\/dashboard$/, { timeout: 30000 }),
      page.click('button[type="submit"]'),
    ]);
    ok(new URL(page.url()).pathname === '/dashboard', 'submitting the form lands on /dashboard', page.url());
    const nameVisible = await page.getByText(name, { exact: false }).first().isVisible().catch(() => false);
    ok(nameVisible, `the dashboard shows the user's name (${name})`);
    const cookies = await context.cookies();
    const sid = cookies.find((c) => c.name === 'wl_sid');
    ok(sid && sid.httpOnly && sid.sameSite === 'Lax', 'wl_sid is HttpOnly, SameSite=Lax in the browser', JSON.stringify(sid));
    ok(!(await page.evaluate(() => document.cookie)).includes('wl_sid'), 'page scripts cannot read wl_sid');
    await page.screenshot({ path: path.join(ARTIFACTS, 'dashboard.png'), fullPage: true });
    ok(consoleErrors.length === 0, 'no console errors (CSP violations, script errors)', consoleErrors.join(' | '));

    // Log out with the page's own form.
    const logout = page.locator('form[action="/logout"] button, form[action="/logout"] [type="submit"]').first();
    if (await logout.count()) {
      await Promise.all([page.waitForURL(/\/login/, { timeout: 30000 }), logout.click()]);
      ok(new URL(page.url()).pathname === '/login', 'the logout button leads back to the login page', page.url());
      const r = await page.goto(`${URL_BASE}/dashboard`);
      ok(new URL(page.url()).pathname === '/login', 'after logout /dashboard shows the login page', `${r && r.status()} ${page.url()}`);
    } else {
      ok(false, 'the dashboard has a logout button (form action=/logout)');
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  ok(false, 'browser test completes', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e);
}).finally(() => {
  console.log(`# browser/login: ${n} checks, ${failed} failed`);
  process.exit(failed || n === 0 ? 1 : 0);
});
