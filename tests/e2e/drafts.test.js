// Issue 4: drafts never lose what someone typed — reload, a killed browser, two tabs, a full
// storage quota, and "Clear all data".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { startServer, launch, newPage, ready, CHROMIUM, CHROMIUM_ARGS, T, toProblemStep } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function toDetails(page) {
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await toProblemStep(page);
  await page.check('input[name=category][value=voltage]');
  await page.check('input[name=subcategory][value=low]');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/details/);
}

test('autosave announces "saved", and the home page offers to continue at the same step', async () => {
  const page = await newPage(browser);
  await toDetails(page);
  await page.fill('#f-description', 'वोल्टेज बहुत कम है');
  await page.waitForSelector('.save-status .saved');
  assert.equal(await page.getAttribute('.save-status', 'aria-live'), 'polite');
  await page.goto(`${server.base}/`);
  await ready(page);
  assert.match(await page.textContent('.resume'), /अपनी शिकायत जारी रखें/);
  await page.locator('.resume a.button').click();
  await page.waitForURL(/details\?draft=/);
  assert.equal(await page.inputValue('#f-description'), 'वोल्टेज बहुत कम है');
  // Discard removes it.
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.locator('.resume button').click();
  assert.equal(await page.locator('.resume').count(), 0);
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.')));
  assert.deepEqual(left, []);
});

test('hiding the page (another app, the lock screen) saves what was typed at once, before the autosave\'s pause', async () => {
  const page = await newPage(browser);
  await toDetails(page);
  await page.fill('#f-description', 'बिजली बार-बार जा रही है');
  // As the browser does when the phone switches app: the document hidden, its event bubbling.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  const stored = await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('bijli.draft.')).map(([, v]) => JSON.parse(v).data.description));
  assert.deepEqual(stored, ['बिजली बार-बार जा रही है'], 'saved in the same task, not 0.8 s later');
  assert.deepEqual(page.errors, []);
});

test('the browser killed ~1.5 s after the last keystroke: the input is back after restart', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'bijli-profile-'));
  const start = async () => {
    const port = 9300 + Math.floor(Math.random() * 500);
    const proc = spawn(CHROMIUM, [...CHROMIUM_ARGS, '--headless=new', `--user-data-dir=${profile}`, `--remote-debugging-port=${port}`, 'about:blank'], { stdio: 'ignore' });
    let b;
    for (let i = 0; i < 100 && !b; i++) {
      try { b = await chromium.connectOverCDP(`http://127.0.0.1:${port}`); } catch { await new Promise((r) => setTimeout(r, 100)); }
    }
    return { proc, b };
  };
  let { proc, b } = await start();
  let page = await b.contexts()[0].newPage();
  await toDetails(page);
  await page.fill('#f-description', 'Typed just before the crash');
  await page.waitForTimeout(Number(process.env.KILL_AFTER_MS || 1500));
  proc.kill('SIGKILL');
  await new Promise((r) => proc.once('exit', r));
  ({ proc, b } = await start());
  page = await b.contexts()[0].newPage();
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.locator('.resume a.button').click();
  await page.waitForURL(/details/);
  assert.equal(await page.inputValue('#f-description'), 'Typed just before the crash');
  await b.close().catch(() => {});
  proc.kill('SIGKILL');
});

test('two tabs on one draft: the older tab adopts newer input instead of overwriting it', async () => {
  const ctx = await browser.newContext();
  const a = await ctx.newPage();
  await toDetails(a);
  await a.fill('#f-description', 'first words from tab A');
  await a.waitForTimeout(1300);
  const url = a.url();
  const b = await ctx.newPage();
  await b.goto(url);
  await ready(b);
  assert.equal(await b.inputValue('#f-description'), 'first words from tab A');
  await b.fill('#f-description', 'newer words from tab B');
  await b.waitForTimeout(1300);
  // Tab A learns about B's newer input without a reload.
  await a.waitForFunction(() => document.querySelector('#f-description').value === 'newer words from tab B', null, { timeout: 5000 });
  // A's next save must not bring back the older text.
  await a.evaluate(() => document.dispatchEvent(new Event('visibilitychange', { bubbles: true })));
  await a.waitForTimeout(300);
  const stored = await a.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('bijli.draft.')).map(([, v]) => JSON.parse(v)));
  assert.equal(stored.length, 1);
  assert.equal(stored[0].data.description, 'newer words from tab B');
  await ctx.close();
});

test('storage full: a clear warning, the form keeps working, nothing thrown', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await page.evaluate(() => {
    // Fill to the last byte: big chunks first, then ever smaller ones.
    let n = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 64, 1]) {
      const chunk = 'x'.repeat(size);
      for (let i = 0; i < 5000; i++) { try { localStorage.setItem(`f${n++}`, chunk); } catch { break; } }
    }
  });
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.selectOption('#f-district', 'VNS');
  await page.waitForSelector('.save-status .warning-text', { timeout: 5000 });
  assert.match(await page.textContent('.save-status'), /स्टोरेज भर गई/);
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/problem/);
  assert.deepEqual(page.errors, []);
});

test('"Clear all data" leaves nothing of ours in localStorage', async () => {
  const page = await newPage(browser);
  await toDetails(page);
  await page.fill('#f-description', 'to be cleared');
  await page.waitForSelector('.save-status .saved');
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(`${server.base}/settings`);
  await ready(page);
  await page.getByRole('button', { name: /Clear all data/ }).click();
  await page.getByRole('button', { name: /Yes, clear everything/ }).click();
  assert.match(await page.textContent('.notice-success'), /removed/);
  const ours = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.')));
  assert.deepEqual(ours, []);
});

test('the drafts page lists every draft (kind, name or masked mobile, last change, progress), newest first, with open and delete', async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  // Two applicants side by side.
  for (const [name, acct] of [['Ramesh Yadav', '1111111111'], ['Geeta Devi', '2222222222']]) {
    // A new tab's worth of state (no active draft), without opening the previous form again.
    await page.goto(`${server.base}/`);
    await ready(page);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${server.base}/complaint/new`);
    await ready(page);
    await page.check('input[name=account_choice][value=account]');
    await page.fill('#f-account_number', acct);
    await page.selectOption('#f-district', 'BST');
    await page.getByRole('button', { name: T.hi.continue }).click();
    await page.waitForURL(/\/problem\?draft=/);
    await page.goto(`${server.base}/complaint/new/contact?${page.url().split('?')[1]}`);
    await ready(page);
    await page.fill('#f-name', name);
    await page.waitForTimeout(1200);
  }
  await page.goto(`${server.base}/drafts`);
  await ready(page);
  const rows = await page.locator('.ticket-row').allTextContents();
  assert.equal(rows.length, 2);
  assert.match(rows[0], /Geeta Devi/, 'newest first');
  assert.match(rows[1], /Ramesh Yadav/);
  assert.match(rows[0], /शिकायत/);
  assert.match(rows[0], /70% पूरा/);
  // Open returns to the step where it was left.
  await page.locator('.ticket-row').nth(1).getByRole('link').click();
  await page.waitForURL(/\/complaint\/new\/contact\?draft=/);
  assert.equal(await page.inputValue('#f-name'), 'Ramesh Yadav');
  await page.goto(`${server.base}/drafts`);
  await ready(page);
  await page.locator('.ticket-row').first().getByRole('button').click();
  assert.equal(await page.locator('.ticket-row').count(), 1);
  await ctx.close();
});

test('an address naming a draft of the other kind opens a new one under its own id, and both drafts keep what was typed', async () => {
  const page = await newPage(browser);
  const stored = () => page.evaluate(() => Object.fromEntries(Object.entries(localStorage)
    .filter(([k]) => k.startsWith('bijli.draft.')).map(([, v]) => JSON.parse(v)).map((e) => [e.id, e])));
  await toDetails(page);
  await page.fill('#f-description', 'शिकायत के शब्द');
  await page.waitForSelector('.save-status .saved');
  const complaint = new URL(page.url()).searchParams.get('draft');
  // A complaint's id under the application form (a hand-made or mistyped address): it used to
  // open an empty application under that id, whose first save overwrote the complaint.
  await page.goto(`${server.base}/connection/new?draft=${complaint}`);
  await ready(page);
  await page.waitForURL((u) => u.searchParams.get('draft') && u.searchParams.get('draft') !== complaint);
  const application = new URL(page.url()).searchParams.get('draft');
  await page.locator('#task-applicant').click();
  await page.waitForURL(/\/connection\/new\/applicant/);
  assert.equal(await page.inputValue('#f-name'), '');
  await page.fill('#f-name', 'Naya Aavedak');
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.')).length === 2);
  let drafts = await stored();
  assert.equal(drafts[complaint].kind, 'complaint');
  assert.equal(drafts[complaint].data.description, 'शिकायत के शब्द');
  assert.equal(drafts[application].kind, 'connection');
  // The other way round: the application's id under the complaint form.
  await page.goto(`${server.base}/complaint/new?draft=${application}`);
  await ready(page);
  await page.waitForURL((u) => u.searchParams.get('draft') && u.searchParams.get('draft') !== application);
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1234567890');
  await page.waitForFunction(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.')).length === 3);
  drafts = await stored();
  assert.equal(drafts[application].kind, 'connection');
  assert.equal(drafts[application].data.name, 'Naya Aavedak');
  // Each opens again with its own answers.
  await page.goto(`${server.base}/complaint/new/details?draft=${complaint}`);
  await ready(page);
  assert.equal(await page.inputValue('#f-description'), 'शिकायत के शब्द');
  await page.goto(`${server.base}/connection/new/applicant?draft=${application}`);
  await ready(page);
  assert.equal(await page.inputValue('#f-name'), 'Naya Aavedak');
  assert.deepEqual(page.errors, []);
});

test('a link that starts a new complaint or application draws its form once: what the person sees first is not replaced a moment later', async () => {
  const page = await newPage(browser);
  // Every form field or task link added to or removed from the page, as it happens. The form used
  // to be built a second time when it named its new draft in the address (`?new=1` → `?draft=`),
  // 10–20 ms after the first: what was typed or focused in between was gone with it.
  await page.addInitScript(() => {
    window.__drawn = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const [nodes, sign] of [[r.addedNodes, '+'], [r.removedNodes, '-']]) {
          for (const n of nodes) {
            if (!n.querySelectorAll) continue;
            for (const el of [n, ...n.querySelectorAll('[id^="f-"], [id^="task-"]')]) {
              if (el.id && /^(f|task)-/.test(el.id)) window.__drawn.push(sign + el.id);
            }
          }
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 }); // a cheap phone
  for (const [path, first] of [['/complaint/new', 'f-account_choice'], ['/connection/new', 'task-applicant']]) {
    await page.goto(`${server.base}${path}?new=1`);
    await ready(page);
    await page.waitForURL((u) => u.searchParams.get('draft'));
    await page.locator(`#${first}`).waitFor({ state: 'attached' });
    await page.waitForTimeout(1000);
    const drawn = await page.evaluate(() => window.__drawn);
    assert.equal(drawn.filter((d) => d === `+${first}`).length, 1, `${path}: ${drawn.join(' ')}`);
    assert.deepEqual(drawn.filter((d) => d.startsWith('-')), [], `${path}: ${drawn.join(' ')}`);
  }
  assert.deepEqual(page.errors, []);
});
