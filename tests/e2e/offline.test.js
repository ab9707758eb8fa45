// Issue 8: installable, opens offline after one visit, an outbox that delivers exactly once
// (also through dropped responses), and an update prompt that never costs a half-filled form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, launchPersistent, newPage, ready, fillComplaint, copyDist, T, toProblemStep, image, axe } from './harness.js';

let server, browser, dist;
before(async () => {
  // A copy of the build, so the "new deploy" test can change it under a running portal.
  dist = copyDist();
  server = await startServer([], { dist });
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.stop(); });

async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 20000 });
}

/** A page that filed one complaint online (so the mobile is verified for this visit), then lost
 * the network. */
async function verifiedThenOffline(mobile) {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await controlled(page);
  await fillComplaint(page, server, { mobile });
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\//);
  await page.context().setOffline(true);
  return page;
}

/** A complaint for a mobile already verified in this visit: no new code is needed. `atDetails`
 * and `atCheck` run on those steps; without `send` it stops at "Check your answers". */
async function fillAgain(page, { mobile, description, account, lang = 'hi', atDetails, atCheck, send = true }) {
  const t = T[lang];
  // Another account than the first complaint's: the same problem at the same account while that
  // one is open would be answered with it (complaint.test.js), not filed again.
  await toProblemStep(page, { account, lang });
  await page.check('input[name=category][value=no_supply]');
  await page.check('input[name=subcategory][value=my_house]');
  await page.getByRole('button', { name: t.continue }).click();
  await page.waitForURL(/\/complaint\/new\/details/);
  await page.fill('#f-description', description);
  if (atDetails) await atDetails(page);
  await page.getByRole('button', { name: t.continue }).click();
  await page.waitForURL(/\/complaint\/new\/contact/);
  await page.fill('#f-name', 'Sita Devi');
  await page.fill('#f-mobile', mobile);
  await page.getByRole('button', { name: t.continue }).click();
  await page.waitForURL(/\/complaint\/new\/check/);
  if (atCheck) await atCheck(page);
  if (send) await page.getByRole('button', { name: t.send }).click();
}

/** Files this portal keeps in IndexedDB (documents and photos chosen offline). */
async function keptFiles(page) {
  return page.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open('bijli', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('kv');
    r.onsuccess = () => {
      const req = r.result.transaction('kv').objectStore('kv').getAllKeys();
      req.onsuccess = () => { ok(req.result.filter((k) => String(k).startsWith('bijli.file.')).length); r.result.close(); };
    };
  }));
}

/** The browser lost the files kept in IndexedDB (storage cleared or evicted), as can happen to a
 * photo waiting on the device. */
async function loseKeptFiles(page) {
  await page.evaluate(() => new Promise((ok) => {
    const r = indexedDB.open('bijli', 1);
    r.onsuccess = () => {
      const store = r.result.transaction('kv', 'readwrite').objectStore('kv');
      const req = store.getAllKeys();
      req.onsuccess = () => {
        for (const k of req.result) if (String(k).startsWith('bijli.file.')) store.delete(k);
        store.transaction.oncomplete = () => { r.result.close(); ok(); };
      };
    };
  }));
}

/** In English, a complaint filled offline up to its check page with a photo waiting on the device,
 * then the kept file lost and the network back: the page, ready to Send. */
async function photoLostOnTheCheckPage(mobile, description, account, file) {
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Report another problem' }).click();
  await fillAgain(page, {
    mobile, lang: 'en', description, account, send: false,
    atDetails: (p) => photoWaits(p, file, /Waiting to upload/),
  });
  await loseKeptFiles(page);
  await page.context().setOffline(false);
  return page;
}

/** On the details step, offline: a photo is chosen, cannot be uploaded, and waits on the device. */
async function photoWaits(page, name, waitingText) {
  const block = page.locator('#doc-complaint_photo');
  // The block's code comes with the connection part, from the service worker's cache.
  await block.waitFor({ timeout: 15000 });
  const png = await image(page, { w: 300, h: 200, type: 'image/png' });
  await page.setInputFiles('[id="f-photo"]', { name, mimeType: 'image/png', buffer: png });
  const waiting = block.locator('#waiting-complaint_photo');
  await waiting.waitFor({ timeout: 20000 });
  assert.match(await waiting.textContent(), waitingText);
  assert.match(await waiting.textContent(), new RegExp(name.replace('.', '\\.')));
  assert.equal(await keptFiles(page), 1, 'the photo waits in IndexedDB');
  // Kept to go later is not an error: no alert, and "Try again" sits in the waiting line.
  assert.equal(await block.locator('.notice-error').count(), 0);
  assert.equal(await waiting.getByRole('button').count(), 1);
}

test('installable: manifest, icons and service worker pass Chromium\'s installability check', async () => {
  // Installability is never offered in incognito, which is what an ordinary context is.
  const context = await launchPersistent(mkdtempSync(join(tmpdir(), 'bijli-profile-')));
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  await ready(page);
  await controlled(page);
  const cdp = await page.context().newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installabilityErrors, []);
  const { url, errors } = await cdp.send('Page.getAppManifest');
  assert.match(url, /manifest\.webmanifest$/);
  assert.deepEqual(errors, []);
  const manifest = await (await fetch(`${server.base}/manifest.webmanifest`)).json();
  assert.match(manifest.name, /बिजली सेवा/);
  assert.match(manifest.name, /Bijli Seva/);
  assert.equal(manifest.display, 'standalone');
  // The precache list is this build's real file names.
  const sw = await (await fetch(`${server.base}/sw.js`)).text();
  const wasm = readFileSync(join(dist, 'index.html'), 'utf8').match(/bijli-seva-[0-9a-f]+_bg\.wasm/)[0];
  assert.ok(sw.includes(`'/${wasm}'`), 'wasm of this build is precached');
  assert.ok(!sw.includes("const VERSION = 'dev'"));
  await context.close();
});

test('after one visit the portal opens offline, in the language chosen', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await controlled(page);
  await page.context().setOffline(true);
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('.banner-offline'), /You are offline/);
  // A deep link too (the app shell answers every route).
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  assert.equal(await page.locator('#f-district option').count() > 1, true, 'the catalogue came from the cache');
  await page.context().setOffline(false);
  await page.locator('.banner-offline').waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

/** Traces what V8 did with wasm in `page` while `visit` runs: whether it wrote a module's compiled
 * code to the cache (an event of the DevTools timeline's category), whether it read compiled code
 * from a cache, and how many functions it compiled on first call. */
async function traceWasm(page, visit) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['v8.wasm', 'disabled-by-default-v8.wasm.detailed', 'disabled-by-default-devtools.timeline'] } });
  await visit();
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  const count = (name) => events.filter((e) => e.name === name).length;
  return { written: count('v8.wasm.cachedModule') > 0, fromCache: count('wasm.Deserialize') > 0, compiled: count('wasm.CompileLazy') };
}

/** One visit in a new browser profile, then a return visit in a new browser process (nothing
 * compiled left in memory). */
async function returnVisit() {
  const profile = mkdtempSync(join(tmpdir(), 'bijli-profile-'));
  const open = () => launchPersistent(profile);
  let context = await open();
  let first;
  try {
    const page = context.pages()[0] || await context.newPage();
    first = await traceWasm(page, async () => {
      await page.goto(`${server.base}/`);
      await ready(page);
      await controlled(page);
      // V8 writes the code cache once some functions have run often enough to be optimised and
      // nothing new was compiled for 2 s: a few pages, then a quiet moment. The pages are opened
      // inside the app, as a visitor's taps do, so the main wasm is compiled only once, from the
      // network's answer, before the service worker took over: a reload here would compile the
      // service worker's answer, and its cache would get compiled code too (Chromium 156 keeps
      // it for a Cache API copy that was compiled), which is not what a one-page visit leaves.
      for (let round = 0; round < 2; round++) {
        for (const path of ['/complaint/new', '/track']) {
          const before = await page.textContent('main h1');
          await page.click(`main a[href="${path}"]`);
          await page.waitForFunction((h) => document.querySelector('main h1')?.textContent !== h, before);
          await page.goBack();
          await page.waitForFunction((h) => document.querySelector('main h1')?.textContent === h, before);
        }
      }
      await page.waitForTimeout(6000);
    });
  } finally {
    await context.close();
  }
  context = await open();
  try {
    const page = context.pages()[0] || await context.newPage();
    const again = await traceWasm(page, async () => {
      await page.goto(`${server.base}/`);
      await ready(page);
    });
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller !== null), true, 'the service worker answered');
    return { written: first.written, fromCache: again.fromCache, compiled: again.compiled };
  } finally {
    await context.close();
  }
}

test('a return visit reuses the wasm\'s compiled code: the service worker hands over the HTTP cache\'s copy', async () => {
  // V8 keeps a wasm module's compiled code beside its copy in the browser's HTTP cache. The
  // service worker's own copy (filled by addAll at install, never compiled from) comes without
  // it, and every function would be compiled again on its first call (on `/`, ~1,260 of them, on
  // the main thread); with `wasm()` in sw.js made to skip the HTTP cache, this test fails with
  // 1,263. Whether V8 writes the cache during a first visit is its own heuristic (one CI run had
  // three first visits in a row without it), so the first visit is traced too: a try where V8
  // wrote nothing proves nothing about the service worker and is made again, up to five times.
  const tries = [];
  while (tries.length < 5 && !tries.some((r) => r.written)) tries.push(await returnVisit());
  const judged = tries.find((r) => r.written);
  assert.ok(judged, `V8 wrote no code cache in ${tries.length} first visits: ${JSON.stringify(tries)}`);
  // What is compiled even with the cache (functions V8 had not compiled when it wrote it) varies
  // with the machine's load: up to exactly 300 on a busy 2-core CI run. A broken handover compiles
  // everything `/` calls (1,263), so the line is drawn halfway, where neither case comes near it.
  assert.ok(judged.fromCache && judged.compiled < 630, `compiled code reused: ${JSON.stringify(tries)}`);
});

test('offline: a complaint is queued, then sent exactly once when the network returns, and its number shown', async () => {
  const mobile = '9822200001';
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
  await fillAgain(page, { mobile, description: 'Second one, offline', account: '1678444100' });
  await page.waitForURL(/\/complaint\/queued\//);
  assert.match(await page.textContent('h1'), /इंटरनेट लौटने पर भेजा जाएगा/);
  assert.match(await page.textContent('#queue-state'), /प्रतीक्षा/);
  // Still queued after a while offline; nothing reached the server.
  await page.waitForTimeout(1500);
  assert.equal((await server.ticketsOf(mobile)).length, 1);
  // Back to "Check your answers" says it waits to be sent (not an empty form to send again),
  // and leads back to it.
  const queuedAt = page.url();
  await page.goBack();
  await page.waitForSelector('#already-sent');
  assert.match(await page.textContent('main'), /इंटरनेट लौटते ही भेज दी जाएगी/);
  await page.getByRole('link', { name: 'भेजे जाने की प्रतीक्षा में रखी शिकायत देखें' }).click();
  await page.waitForURL(queuedAt);
  // Queued, it already offers one more problem at the same place (named by its place in the
  // outbox); once sent, its confirmation offers the same under its number.
  const key = queuedAt.match(/queued\/([^/?]+)/)[1];
  assert.equal(await page.locator('#same-place').getAttribute('href'), `/complaint/new/problem?new=1&same=${key}`);
  await page.context().setOffline(false);
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  const number = page.url().match(/(\d{12})$/)[1];
  await ready(page);
  assert.equal(await page.locator('#same-place').getAttribute('href'), `/complaint/new/problem?new=1&same=${number}`);
  const all = await server.ticketsOf(mobile);
  assert.equal(all.length, 2, 'exactly one more complaint');
  assert.ok(all.includes(number));
  const rec = await server.record(number);
  assert.equal(rec.body.request.description, 'Second one, offline');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('offline: a photo chosen offline waits on the device and goes with the queued complaint when the network returns', async () => {
  const mobile = '9822200011';
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
  await fillAgain(page, {
    mobile, description: 'खंभे से चिंगारी, इंटरनेट नहीं', account: '1678444120',
    atDetails: (p) => photoWaits(p, 'khamba.png', /अपलोड की प्रतीक्षा/),
    atCheck: async (p) => assert.match(await p.locator('.summary-row', { hasText: 'फ़ोटो' }).textContent(), /khamba\.png \(अपलोड की प्रतीक्षा\)/),
  });
  await page.waitForURL(/\/complaint\/queued\//);
  assert.equal(await keptFiles(page), 1, 'handed to the outbox, the photo still waits on the device');
  assert.equal((await server.ticketsOf(mobile)).length, 1);
  await page.context().setOffline(false);
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  const number = page.url().match(/(\d{12})$/)[1];
  const rec = await server.record(number);
  assert.equal(rec.body.request.description, 'खंभे से चिंगारी, इंटरनेट नहीं');
  assert.equal(rec.body.request.photo?.document_type, 'complaint_photo', 'the photo went with it');
  assert.equal((await server.ticketsOf(mobile)).length, 2, 'filed once');
  assert.equal(await keptFiles(page), 0, 'sent, it is no longer kept on the device');
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  assert.equal((await page.textContent('#photo')).trim(), 'शिकायत के साथ भेजी गई');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a photo chosen offline can be removed, and one still waiting when the network is back goes with Send from the check page, also through the outbox (English)', async () => {
  const mobile = '9822200012';
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Report another problem' }).click();
  await fillAgain(page, {
    mobile, lang: 'en', description: 'Meter burnt, no network', account: '1678444121', send: false,
    atDetails: async (p) => {
      await photoWaits(p, 'wrong.png', /Waiting to upload/);
      await p.locator('#doc-complaint_photo').getByRole('button', { name: /^Remove/ }).click();
      assert.equal(await p.locator('#waiting-complaint_photo').count(), 0);
      assert.equal(await keptFiles(p), 0, 'removed, it is deleted from the device');
      await photoWaits(p, 'meter.png', /Waiting to upload/);
    },
  });
  assert.match(await page.locator('.summary-row', { hasText: 'Photo' }).textContent(), /meter\.png \(Waiting to upload\)/);
  // Back online on the check page, where no photo block is open to upload it: Send does. The
  // complaint itself then fails once (a server error) and goes to the outbox: with the photo.
  await page.context().setOffline(false);
  const uploads = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/uploads')) uploads.push(r.url()); });
  await server.faults({ fail_next: 1, path: '/complaints' });
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/queued\//);
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  const rec = await server.record(page.url().match(/(\d{12})$/)[1]);
  assert.equal(rec.body.request.photo?.document_type, 'complaint_photo', 'the photo went with it');
  assert.equal(uploads.length, 1, 'uploaded once');
  await server.faults({});
  assert.equal(await keptFiles(page), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a queued complaint sent while the person is on another page: a banner gives its number until its confirmation is opened', async () => {
  const mobile = '9822200015';
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
  await fillAgain(page, { mobile, description: 'Queued, then went home', account: '1678444125' });
  await page.waitForURL(/\/complaint\/queued\//);
  // Away from the queued page (in the app: a reload would forget the code confirmed this visit).
  await page.locator('a.header-title').click();
  await page.waitForURL(`${server.base}/`);
  assert.equal(await page.locator('.banner-sent').count(), 0);
  await page.context().setOffline(false);
  const banner = page.locator('.banner-sent');
  await banner.waitFor({ timeout: 20000 });
  const all = await server.ticketsOf(mobile);
  assert.equal(all.length, 2, 'sent once');
  const described = await Promise.all(all.map(async (n) => [n, (await server.record(n)).body.request.description]));
  const number = described.find(([, d]) => d === 'Queued, then went home')[0];
  assert.match(await banner.textContent(), /इंटरनेट न होने पर रखी गई आपकी शिकायत भेज दी गई है। उसका नंबर:/);
  const scanned = await axe(page);
  assert.deepEqual(scanned.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`), []);
  assert.equal((await banner.locator('a').textContent()).replace(/\s/g, ''), number);
  // In English too, and on every page until the confirmation is opened.
  await page.getByRole('button', { name: 'English' }).click();
  assert.match(await banner.textContent(), /kept while you were offline has been sent/);
  await page.getByRole('link', { name: 'My tickets' }).first().click();
  await page.waitForURL(/\/tickets$/);
  await banner.waitFor();
  await banner.locator('a').click();
  await page.waitForURL(new RegExp(`/complaint/done/${number}$`));
  assert.equal((await page.textContent('#complaint-number')).replace(/\s/g, ''), number);
  assert.equal(await page.locator('.banner-sent').count(), 0, 'seen, it goes');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a photo that can no longer go: the queued complaint is filed without it, and its confirmation and status page say so', async () => {
  const mobile = '9822200013';
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
  await fillAgain(page, {
    mobile, description: 'तार टूटा, फ़ोटो खो गई', account: '1678444122',
    atDetails: (p) => photoWaits(p, 'taar.png', /अपलोड की प्रतीक्षा/),
  });
  await page.waitForURL(/\/complaint\/queued\//);
  await loseKeptFiles(page);
  await page.context().setOffline(false);
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  const number = page.url().match(/(\d{12})$/)[1];
  const rec = await server.record(number);
  assert.equal(rec.body.request.description, 'तार टूटा, फ़ोटो खो गई', 'the complaint is not held back by its photo');
  assert.equal(rec.body.request.photo ?? null, null);
  assert.match(await page.textContent('#photo-left'), /फ़ोटो नहीं भेजी जा सकी.*उसके बिना दर्ज हुई/);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  assert.match(await page.textContent('#photo'), /नहीं भेजी गई/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Send from the check page with a waiting photo that can no longer go: filed without it, said on the confirmation (English)', async () => {
  const mobile = '9822200014';
  const page = await photoLostOnTheCheckPage(mobile, 'Sparking pole, photo lost', '1678444123', 'pole.png');
  const uploads = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/uploads')) uploads.push(r.url()); });
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  const number = page.url().match(/(\d{12})$/)[1];
  assert.equal((await server.record(number)).body.request.photo ?? null, null);
  assert.equal(uploads.length, 0, 'nothing to upload');
  assert.match(await page.textContent('#photo-left'), /photo you chose could not be sent.*filed without it/);
  // A complaint whose photo went says nothing of the kind.
  await page.getByRole('link', { name: 'Report another problem' }).click();
  await fillAgain(page, { mobile, lang: 'en', description: 'No photo at all', account: '1678444124' });
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  assert.equal(await page.locator('#photo-left').count(), 0);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a waiting photo that can no longer go, then the form sent back for correction (422): the form and its check page say the photo was not sent, and so does the confirmation (English)', async () => {
  const mobile = '9822200016';
  const page = await photoLostOnTheCheckPage(mobile, 'Meter burnt, picture lost', '1678444126', 'meter.png');
  // The backend refuses the description this once (as if its limit had changed).
  let refused = 0;
  await page.route('**/api/v1/complaints', (r) => (refused++ ? r.continue() : r.fulfill({
    status: 422, contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'about:blank', title: 'validation', status: 422, errors: [{ field: 'description', code: 'too_long' }] }),
  })));
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/new\/details\?.*from=check/);
  assert.match(await page.textContent('#description-error'), /1000/);
  assert.match(await page.textContent('#photo-left'), /photo you chose could not be sent.*Take or choose it again, or go on without it/);
  assert.equal(await page.inputValue('#f-description'), 'Meter burnt, picture lost', 'nothing typed is lost');
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/check/);
  assert.match(await page.locator('.summary-row', { hasText: 'Photo' }).textContent(), /Not sent: it could not be uploaded/);
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/, { timeout: 20000 });
  const number = page.url().match(/(\d{12})$/)[1];
  assert.equal((await server.record(number)).body.request.photo ?? null, null);
  assert.match(await page.textContent('#photo-left'), /photo you chose could not be sent.*filed without it/);
  assert.equal(refused, 2);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('offline: a queued complaint that repeats the open one is answered with it when sent, not filed twice', async () => {
  const mobile = '9822200004';
  const page = await verifiedThenOffline(mobile);
  const first = page.url().match(/(\d{12})$/)[1];
  await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
  await fillAgain(page, { mobile, description: 'Asked again while offline', account: '1678444072' });
  await page.waitForURL(/\/complaint\/queued\//);
  await page.context().setOffline(false);
  await page.waitForURL(new RegExp(`/complaint/done/${first}\\?again=1$`), { timeout: 20000 });
  assert.match(await page.textContent('h1'), /यह समस्या आप पहले ही दर्ज करा चुके हैं/);
  assert.deepEqual(await server.ticketsOf(mobile), [first]);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('flaky network: 20 queued complaints, 30% of responses lost after commit → exactly 20 filed, every number shown', async () => {
  const mobile = '9822200002';
  const page = await verifiedThenOffline(mobile);
  for (let i = 1; i <= 20; i++) {
    await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
    await fillAgain(page, { mobile, description: `Queued complaint ${i}`, account: `16784441${String(i).padStart(2, '0')}` });
    await page.waitForURL(/\/complaint\/queued\//);
  }
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('bijli.outbox')).filter((i) => i.state === 'waiting').length);
  assert.equal(queued, 20);
  await server.faults({ drop_after_commit_rate: 0.3, path: '/complaints' });
  await page.context().setOffline(false);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('bijli.outbox')).filter((i) => i.state !== 'sent').length === 0, null, { timeout: 120000, polling: 500 });
  await server.faults({});
  assert.ok(server.logs().includes('fault_drop_after_commit'), 'some responses really were lost');
  const onServer = await server.ticketsOf(mobile);
  assert.equal(onServer.length, 21, 'the first complaint plus exactly 20 queued ones');
  const descriptions = await Promise.all(onServer.map(async (n) => (await server.record(n)).body.request.description));
  for (let i = 1; i <= 20; i++) assert.equal(descriptions.filter((d) => d === `Queued complaint ${i}`).length, 1, `complaint ${i} once`);
  // Every number is shown in My tickets.
  await page.getByRole('link', { name: 'मेरी शिकायतें/आवेदन' }).first().click();
  await page.waitForURL(/\/tickets/);
  const shown = (await page.textContent('main')).replace(/\s/g, '');
  for (const n of onServer) assert.ok(shown.includes(n), `${n} shown`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a new version deployed while a form is open: the person is asked, and nothing typed is lost', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await controlled(page);
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.selectOption('#f-district', 'VNS');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/\/complaint\/new\/problem/);
  await page.check('input[name=category][value=no_supply]');
  await page.check('input[name=subcategory][value=my_house]');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/\/complaint\/new\/details/);
  await page.fill('#f-description', 'Typed before the deploy');
  // Deploy: a new build means a new sw.js (its version is the hash of the build's files).
  const swPath = join(dist, 'sw.js');
  writeFileSync(swPath, readFileSync(swPath, 'utf8').replace(/const VERSION = '[^']+'/, "const VERSION = 'next-release'"));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.locator('#reload-update').waitFor({ timeout: 20000 });
  // The page did not reload by itself: the text is still in the box.
  assert.equal(await page.inputValue('#f-description'), 'Typed before the deploy');
  await page.waitForTimeout(1000);
  assert.equal(await page.inputValue('#f-description'), 'Typed before the deploy');
  // Wait for the reload's load event from before the click: index.html loads in a moment now that
  // nothing but the page itself is fetched before its first paint.
  await Promise.all([page.waitForEvent('load'), page.locator('#reload-update').click()]);
  await ready(page);
  assert.match(page.url(), /\/complaint\/new\/details/);
  assert.equal(await page.inputValue('#f-description'), 'Typed before the deploy');
  const keys = await page.evaluate(() => caches.keys());
  assert.ok(keys.includes('bijli-shell-next-release'), `new version active: ${keys}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a queued complaint the backend refuses (422) comes back to the form, its offline photo uploaded once; one queued in an earlier visit asks to confirm the mobile again', async () => {
  const mobile = '9822200003';
  const page = await verifiedThenOffline(mobile);
  await page.getByRole('link', { name: 'दूसरी समस्या दर्ज करें' }).click();
  // With a photo chosen offline: it waits on the device through the new visit too.
  await fillAgain(page, { mobile, description: 'Queued, then refused', account: '1678444100', atDetails: (p) => photoWaits(p, 'taar.png', /अपलोड की प्रतीक्षा/) });
  await page.waitForURL(/\/complaint\/queued\//);
  // Something the backend will refuse (as if its catalogue changed meanwhile), then a new visit.
  await page.evaluate(() => {
    const items = JSON.parse(localStorage.getItem('bijli.outbox'));
    items[0].request.category = 'no_such_category';
    localStorage.setItem('bijli.outbox', JSON.stringify(items));
  });
  await page.reload();
  await ready(page);
  await page.context().setOffline(false);
  await page.goto(`${server.base}/tickets`);
  await ready(page);
  await page.locator('#outbox-list a').click();
  await page.waitForURL(/\/complaint\/queued\//);
  assert.match(await page.textContent('main'), /मोबाइल नंबर की कोड से फिर पुष्टि करें/);
  const before = await server.otpCount(mobile);
  await page.waitForTimeout(3200); // the server's resend interval in tests
  await page.getByRole('button', { name: T.hi.sendCode }).click();
  await page.fill('#f-code', await server.otp(mobile, before + 1));
  await page.getByRole('button', { name: 'पुष्टि करें और भेजें' }).click();
  await page.getByRole('button', { name: 'शिकायत सुधारें' }).waitFor({ timeout: 20000 });
  assert.equal((await server.ticketsOf(mobile)).length, 1, 'nothing filed yet');
  await page.getByRole('button', { name: 'शिकायत सुधारें' }).click();
  await page.waitForURL(/\/complaint\/new\/check\?draft=/);
  assert.match(await page.textContent('.summary-list'), /Queued, then refused/);
  // The photo went up before the refusal, once: the form names it as uploaded, not waiting.
  const photoRow = await page.locator('.summary-row', { hasText: 'फ़ोटो' }).textContent();
  assert.match(photoRow, /taar\.png/);
  assert.doesNotMatch(photoRow, /प्रतीक्षा/);
  assert.equal(await keptFiles(page), 0);
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  assert.equal((await server.ticketsOf(mobile)).length, 2);
  const rec = await server.record(page.url().match(/(\d{12})$/)[1]);
  assert.equal(rec.body.request.photo?.document_type, 'complaint_photo', 'the photo went with it');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
