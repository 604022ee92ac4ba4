// report.mjs — a manager prints the call report: headless Chromium prints /reports/calls to
// an A4 PDF (print media: no navigation, no filter form), pdftotext reads it back.  A
// one-day report fits on one page; a 60-day report runs over several pages, each with the
// table's header row (repeated by print.css), and the Chinese title, period, company and
// totals are text in the PDF.  Calls are inserted with SQL under a queue unique to the run.
// PDFs go to $WL_TEST_ARTIFACTS.  Prints TAP lines; exits 1 when a check failed.
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = process.env.WL_ROOT || path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const URL_BASE = (process.env.WL_TEST_URL || 'http://127.0.0.1:18080').replace(/\/$/, '');
const VAR = process.env.WL_VAR || path.join(ROOT, 'var/test/stack');
const BUILD = process.env.WL_BUILD || path.join(ROOT, 'build/asan');
const ARTIFACTS = process.env.WL_TEST_ARTIFACTS || path.join(ROOT, 'var/test/artifacts');
const PASSWORD = 'Test-pass-2026';
const RUN = crypto.randomBytes(3).toString('hex');

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

function sql(q) {
  return execFileSync('mariadb', [`--defaults-file=${path.join(VAR, 'my.cnf')}`, '-u', 'root', '--batch', '-N',
    '-e', q, process.env.WL_DB_NAME || 'warmline'], { encoding: 'utf8' });
}

function pdfPages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number((/^Pages:\s+(\d+)/m.exec(info) || [])[1] || 0);
}

function pdfText(file) {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

async function main() {
  execFileSync(path.join(BUILD, 'bin/wlctl'), ['user-add', 't_rmgr', '测试经理', 'manager'],
    { input: PASSWORD, env: { ...process.env, WL_ROOT: ROOT } });
  // 60 local days from 2020-03-01, one answered call each at 10:00 local (02:00 UTC).
  const queue = `pq${RUN}`;
  sql(`INSERT INTO acd_queue (code, name) VALUES ('${queue}', '打印测试队列${RUN}')`);
  const values = [];
  for (let d = 0; d < 60; d++) {
    const day = new Date(Date.UTC(2020, 2, 1 + d, 2, 0, 0)).toISOString().slice(0, 19).replace('T', ' ');
    values.push(`('in', '138${RUN}', '${queue}', '${day}', '${day}', '${day}' + INTERVAL 90 SECOND, 8, 90, 'answered', NULL)`);
  }
  sql('INSERT INTO `call` (direction, caller, queue, started_at, answered_at, ended_at, wait_seconds,'
    + ' talk_seconds, disposition, agent_id) VALUES ' + values.join(', '));

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
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const errors = [];
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.goto(`${URL_BASE}/login`);
    await page.fill('input[name="login"]', 't_rmgr');
    await page.fill('input[name="password"]', PASSWORD);
    await Promise.all([page.waitForURL(/\/dashboard$/, { timeout: 30000 }), page.click('button[type="submit"]')]);

    await page.emulateMedia({ media: 'print' });
    const one = `${URL_BASE}/reports/calls?from=2020-03-05&to=2020-03-05&group=hour&queue=${queue}`;
    let r = await page.goto(one, { waitUntil: 'networkidle' });
    ok(r && r.status() === 200, 'the one-day report opens', r && r.status());
    ok(!(await page.locator('nav.mainnav').isVisible().catch(() => false)), 'no navigation in print');
    ok(!(await page.locator('form.toolbar').isVisible().catch(() => false)), 'no filter form in print');
    const pdf1 = path.join(ARTIFACTS, 'report-day.pdf');
    await page.pdf({ path: pdf1, format: 'A4', printBackground: false });
    const t1 = pdfText(pdf1);
    ok(pdfPages(pdf1) === 1, 'a one-day report prints on one A4 page', `pages=${pdfPages(pdf1)}`);
    ok(t1.includes('话务统计'), 'the PDF has the Chinese title 话务统计', t1.slice(0, 300));
    ok(t1.includes('2020-03-05 — 2020-03-05'), 'the PDF has the period', t1.slice(0, 400));
    ok(t1.includes('生成时间') && t1.includes('统计期间'), 'the PDF says when it was generated');
    ok(/合计\s+1\s+1\s+0/.test(t1), 'the totals row: 1 offered, 1 answered, 0 abandoned', t1.slice(0, 1200));

    const sixty = `${URL_BASE}/reports/calls?from=2020-03-01&to=2020-04-29&group=day&queue=${queue}`;
    r = await page.goto(sixty, { waitUntil: 'networkidle' });
    ok(r && r.status() === 200, 'the 60-day report opens', r && r.status());
    const pdf2 = path.join(ARTIFACTS, 'report-60days.pdf');
    await page.pdf({ path: pdf2, format: 'A4', printBackground: false });
    const pages = pdfPages(pdf2);
    const t2 = pdfText(pdf2).split('\f').filter((p) => p.trim());
    ok(pages >= 2 && t2.length === pages, 'sixty rows run over several A4 pages', `pages=${pages}`);
    ok(t2.every((p) => p.includes('排队来电')), 'every page repeats the table header', t2.map((p) => p.includes('排队来电')).join(','));
    ok(t2.every((p) => p.includes('话务统计') && p.includes('2020-03-01 — 2020-04-29') && p.includes('生成时间')),
      'every page names the report, its period and when it was generated',
      t2.map((p) => [p.includes('话务统计'), p.includes('2020-03-01 — 2020-04-29'), p.includes('生成时间')].join('/')).join(','));
    ok(t2.join('\n').includes('2020-04-29') && /合计\s+60\s+60/.test(t2[t2.length - 1]),
      'the last page has the last day and the totals (60 offered, 60 answered)', (t2[t2.length - 1] || '').slice(-600));
    ok(errors.length === 0, 'no console errors (CSP)', errors.join(' | '));
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((e) => {
  ok(false, 'browser test completes', e && e.stack ? e.stack.split('\n').slice(0, 3).join(' ') : e);
}).finally(() => {
  console.log(`# browser/report: ${n} checks, ${failed} failed`);
  process.exit(failed || n === 0 ? 1 : 0);
});
