// Issue 2: the shell in a real browser — Hindi first, language switch without reload and
// without losing typed input, the choice kept across reloads, the three sections reachable,
// the static bilingual shell painted before the wasm, focus moved to the heading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, ready } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

test('static bilingual shell is in the HTML before any wasm runs', async () => {
  const html = await (await fetch(`${server.base}/`)).text();
  assert.match(html, /<html[^>]*\slang="?hi"?[\s>]/);
  // Both languages run left to right, so the app never writes `dir` (next test).
  assert.match(html, /<html[^>]*\sdir="?ltr"?[\s>]/);
  assert.match(html, /बिजली सेवा/);
  assert.match(html, /Bijli Seva/);
  assert.match(html, /लोड हो रहा है/);
});

test('no emoji on the loading screen, the pages a visit starts on or the problem tiles: their icons are SVG', async () => {
  // The first emoji drawn loads the colour-emoji font, which lengthened the first layout by
  // ~18 ms (~70 ms under Lighthouse's 4x CPU slowdown; BENCHMARKS.md, thirtieth session). On the
  // problem step they were worse: Android before 9 has no 🧮 or 🧾 and draws an empty box.
  const emoji = /\p{Emoji_Presentation}/u;
  assert.doesNotMatch(await (await fetch(`${server.base}/`)).text(), emoji);
  const page = await newPage(browser);
  for (const path of ['/', '/complaint/new', '/complaint/new/problem', '/connection/new', '/track']) {
    await page.goto(server.base + path);
    await ready(page);
    assert.doesNotMatch(await page.evaluate(() => document.body.innerText), emoji, path);
    if (path === '/complaint/new/problem') {
      // Each of the catalogue's categories has its drawing, in the tile, beside its label.
      const categories = (await (await fetch(`${server.base}/api/v1/meta`)).json()).complaint_categories.length;
      const drawn = await page.locator('.tiles .radio-label > svg.tile-icon').evaluateAll((icons) =>
        icons.filter((i) => i.getBoundingClientRect().width >= 30 && i.querySelector('path')?.getAttribute('d')).length);
      assert.equal(drawn, categories, 'every category tile has its drawn icon');
      assert.ok(categories >= 9);
    }
  }
  assert.equal(await page.evaluate(() => document.querySelectorAll('header svg.logo').length), 1);
  await page.close();
});

test('a first visit whose download fails says so in both languages, and Try again loads the portal', async () => {
  const page = await newPage(browser);
  // The connection drops while the main wasm downloads (both the streaming fetch and its fallback).
  const drop = (route) => route.abort('connectionreset');
  await page.route(/_bg\.wasm$/, drop);
  await page.goto(`${server.base}/complaint/new`);
  const failed = page.locator('#boot-failed');
  await failed.waitFor({ state: 'visible', timeout: 15000 });
  const text = await failed.textContent();
  assert.match(text, /पोर्टल लोड नहीं हो सका/);
  assert.match(text, /The portal could not load\. Check your connection and try again\./);
  assert.equal(await page.locator('#boot-status').isVisible(), false, '"Loading…" is no longer claimed');
  assert.equal(await page.locator('#boot [role=alert] #boot-failed').count(), 1, 'announced to screen readers');
  assert.equal(await page.locator('#boot a[href="tel:1912"]').count(), 1, 'the helpline stays');
  // The network is back: one tap, and the page the person asked for opens.
  await page.unroute(/_bg\.wasm$/, drop);
  await page.getByRole('button', { name: /फिर से कोशिश करें/ }).click();
  await ready(page);
  assert.match(page.url(), /\/complaint\/new$/);
  assert.equal(await page.locator('#boot').count(), 0);
});

test('a browser without WebAssembly, or without JavaScript, is told so in both languages, with the helpline', async () => {
  const page = await newPage(browser);
  await page.addInitScript(() => { delete self.WebAssembly; });
  await page.goto(`${server.base}/`);
  const old = page.locator('#boot-old');
  await old.waitFor({ state: 'visible', timeout: 15000 });
  assert.match(await old.textContent(), /यह ब्राउज़र इस पोर्टल के लिए बहुत पुराना है.*This browser is too old for the portal/s);
  assert.equal(await page.locator('#boot-failed').isVisible(), false);
  await page.close();

  const context = await browser.newContext({ javaScriptEnabled: false });
  const plain = await context.newPage();
  await plain.goto(`${server.base}/`);
  const body = await plain.locator('#boot').innerText();
  assert.match(body, /JavaScript चालू करें/);
  assert.match(body, /Turn on JavaScript to use this portal, or call 1912\./);
  assert.match(body, /बिजली सेवाएँ ऑनलाइन/, 'the static shell is still there');
  assert.doesNotMatch(body, /लोड हो रहा है|Loading…/, 'nothing claims to be loading');
  await context.close();
});

test('Try again with the network still down keeps the message and the helpline, and the page opens by itself once the phone is back online', async () => {
  const page = await newPage(browser);
  const drop = (route) => route.abort('connectionreset');
  await page.route(/_bg\.wasm$/, drop);
  await page.goto(`${server.base}/track`);
  await page.locator('#boot-failed').waitFor({ state: 'visible', timeout: 15000 });
  await page.context().setOffline(true);
  // Before, this reloaded the page: the browser's own error page, in English, without the helpline.
  await page.getByRole('button', { name: /फिर से कोशिश करें/ }).click();
  const offline = page.locator('#boot-offline');
  await offline.waitFor({ state: 'visible', timeout: 10000 });
  const text = await offline.textContent();
  assert.match(text, /अब भी कनेक्शन नहीं मिला/);
  assert.match(text, /Still no connection\. Try again when you have a signal/);
  assert.match(page.url(), /\/track$/);
  assert.equal(await page.locator('#boot a[href="tel:1912"]').count(), 1, 'the helpline stays');
  assert.equal(await page.getByRole('button', { name: /फिर से कोशिश करें/ }).isEnabled(), true, 'the button can be pressed again');
  // Signal returns: nobody has to find the button again.
  await page.unroute(/_bg\.wasm$/, drop);
  await page.context().setOffline(false);
  await ready(page);
  assert.match(page.url(), /\/track$/);
  await page.context().close();
});

test('the app replaces the loading screen whole, never piece by piece', async () => {
  // The first render takes several tasks (components/later.rs); the boot shell must cover all of
  // them, so at the moment it goes the header, the page and the footer are all there.
  const page = await newPage(browser);
  await page.addInitScript(() => {
    new MutationObserver((changes, obs) => {
      // While it is being drawn, the app is there but hidden.
      for (const c of changes) for (const n of c.addedNodes) {
        if (n.classList?.contains('header') && document.getElementById('boot')) window.__drawnHidden = getComputedStyle(n).display === 'none';
      }
      if (changes.some((c) => [...c.removedNodes].some((n) => n.id === 'boot'))) {
        const visible = (sel) => { const e = document.querySelector(sel); return !!e && getComputedStyle(e).display !== 'none'; };
        window.__atReveal = { header: visible('header .lang-switch'), heading: visible('main h1'), footer: visible('footer .helpline-number') };
        obs.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${server.base}/`);
  await ready(page);
  assert.equal(await page.evaluate(() => window.__drawnHidden), true, 'the header was drawn hidden behind the loading screen');
  assert.deepEqual(await page.evaluate(() => window.__atReveal), { header: true, heading: true, footer: true });
  await page.close();
});

test('a tap replaces the page with the next one at once, never with an empty page', async () => {
  // Only a deep link's form draws its step a task after the flow (app/split.rs); after a tap the
  // old page stays until the new one is there whole.
  const page = await newPage(browser);
  for (const href of ['/complaint/new', '/connection/new']) {
    await page.goto(`${server.base}/`);
    await ready(page);
    await page.evaluate(() => {
      window.__headings = [];
      new MutationObserver(() => {
        window.__headings.push(document.querySelector('main h1')?.textContent ?? null);
      }).observe(document.querySelector('main'), { childList: true, subtree: true });
    });
    await page.click(`main a[href="${href}"]`);
    await page.waitForFunction(() => window.__headings.some((h) => h && !/बिजली सेवाएँ/.test(h)));
    const seen = await page.evaluate(() => window.__headings);
    assert.ok(!seen.includes(null), `${href}: a moment without any page: ${JSON.stringify(seen)}`);
  }
  await page.close();
});

test('<html lang> is written only when the language changes', async () => {
  // Chromium restyles and lays out the whole page on any write to `lang`, even of the value it
  // already has; the i18n provider's own writes of `lang` and `dir` did that to the boot shell
  // after the first paint. A MutationObserver sees every write, changed or not.
  const page = await newPage(browser);
  await page.addInitScript(() => {
    // Runs before <html> may exist, so the whole document is observed.
    window.__htmlWrites = [];
    new MutationObserver((records) => {
      for (const r of records) {
        if (r.target === document.documentElement) window.__htmlWrites.push(`${r.attributeName}=${r.target.getAttribute(r.attributeName)}`);
      }
    }).observe(document, { subtree: true, attributes: true, attributeFilter: ['lang', 'dir'] });
  });
  await page.goto(`${server.base}/`);
  await ready(page);
  assert.deepEqual(await page.evaluate(() => window.__htmlWrites), [], 'a Hindi start writes neither');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  assert.deepEqual(await page.evaluate(() => window.__htmlWrites), ['lang=en'], 'a switch writes lang once');
  await page.close();
});

test('Hindi first, switch to English, every section, reload keeps English', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'hi');
  assert.equal(await page.textContent('main h1'), 'बिजली सेवाएँ ऑनलाइन');
  let loads = 0;
  page.on('load', () => loads++);
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.textContent('main h1'), 'Electricity services online');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(loads, 0, 'no reload on language switch');

  for (const [link, url, heading] of [
    [/Apply for a new connection/, /\/connection\/new$/, /new connection/],
    [/Report a problem/, /\/complaint\/new$/, /Which connection/],
    [/Track a complaint/, /\/track$/, /Track a complaint/],
  ]) {
    await page.goto(`${server.base}/`);
    await ready(page);
    await page.getByRole('link', { name: link }).click();
    await page.waitForURL(url);
    assert.match(await page.textContent('main h1'), heading);
    // The shell focuses the heading in the animation frame after it appears (a page in a part
    // appears when its part has arrived), so allow a busy machine a few frames; its own fallback,
    // for a heading it cannot tell from the last page's, comes only after 300 frames (~5 s).
    const focused = await page.waitForFunction(() => document.activeElement?.tagName === 'H1', null, { timeout: 3000 })
      .then(() => 'H1', () => page.evaluate(() => document.activeElement?.tagName));
    assert.equal(focused, 'H1', 'focus moves to the heading');
  }
  await page.reload();
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.match(await page.textContent('main h1'), /Track a complaint/);
  assert.deepEqual(page.errors, []);
});

test('a browser set to English still starts in Hindi, and a saved English choice wins over a Hindi browser', async () => {
  // The portal's own rule (build.rs: never_match_browser_language), not the browser's languages.
  const en = await newPage(browser, { locale: 'en-GB' });
  assert.equal(await en.evaluate(() => navigator.language), 'en-GB');
  await en.goto(`${server.base}/`);
  await ready(en);
  assert.equal(await en.getAttribute('html', 'lang'), 'hi');
  assert.equal(await en.textContent('main h1'), 'बिजली सेवाएँ ऑनलाइन');
  await en.getByRole('button', { name: 'English' }).click();
  assert.equal(await en.textContent('main h1'), 'Electricity services online');
  assert.deepEqual(en.errors, []);
  await en.context().close();

  const hi = await newPage(browser, { locale: 'hi-IN' });
  await hi.goto(`${server.base}/`);
  await ready(hi);
  await hi.getByRole('button', { name: 'English' }).click();
  await hi.reload();
  await ready(hi);
  assert.equal(await hi.getAttribute('html', 'lang'), 'en');
  assert.equal(await hi.textContent('main h1'), 'Electricity services online');
  assert.deepEqual(hi.errors, []);
  await hi.context().close();
});

test('the language chosen survives a crash that loses localStorage\'s last writes, unless a link names one or it was switched since', async () => {
  const page = await newPage(browser);
  const idbLang = () => page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('bijli', 1); r.onsuccess = () => ok(r.result); });
    const v = await new Promise((ok) => { const r = db.transaction('kv').objectStore('kv').get('bijli.lang'); r.onsuccess = () => ok(r.result); });
    db.close();
    return v ?? null;
  });
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  // On disk at once (IndexedDB, durably), while localStorage reaches it seconds later.
  for (let i = 0; i < 50 && await idbLang() !== 'en'; i++) await page.waitForTimeout(100);
  assert.equal(await idbLang(), 'en');
  // What a browser killed just after the choice comes back with: localStorage without it.
  const crash = () => page.evaluate(() => localStorage.removeItem('bijli.lang'));
  await crash();
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Electricity services online');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.evaluate(() => localStorage.getItem('bijli.lang')), 'en', 'put back for the next visit');
  // A link that names Hindi (an SMS for someone who chose Hindi updates) opens in Hindi all the same.
  await crash();
  await page.goto(`${server.base}/?lang=hi`);
  await ready(page);
  await page.waitForTimeout(500);
  assert.equal(await page.textContent('main h1'), 'बिजली सेवाएँ ऑनलाइन');
  // Switched back to Hindi: that is the choice kept, on disk too.
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('main h1')?.textContent === 'Electricity services online');
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  for (let i = 0; i < 50 && await idbLang() !== 'hi'; i++) await page.waitForTimeout(100);
  await crash();
  await page.reload();
  await ready(page);
  await page.waitForTimeout(500);
  assert.equal(await page.textContent('main h1'), 'बिजली सेवाएँ ऑनलाइन');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a kiosk keeps its language for the visit only: nothing of it reaches the disk', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/?kiosk=1`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForTimeout(500);
  const kept = await page.evaluate(async () => {
    const db = await new Promise((ok) => { const r = indexedDB.open('bijli', 1); r.onsuccess = () => ok(r.result); });
    const v = await new Promise((ok) => { const r = db.transaction('kv').objectStore('kv').get('bijli.lang'); r.onsuccess = () => ok(r.result); });
    db.close();
    return [v ?? null, localStorage.getItem('bijli.lang')];
  });
  assert.deepEqual(kept, [null, null]);
  await page.context().close();
});

test('switching language keeps what was typed and re-renders messages', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '12345');
  await page.getByRole('button', { name: 'जारी रखें' }).click();
  assert.match(await page.textContent('#account_number-error'), /10 अंकों/);
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.inputValue('#f-account_number'), '12345');
  assert.match(await page.textContent('#account_number-error'), /10 digits/);
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  assert.equal(await page.inputValue('#f-account_number'), '12345');
});

test('unknown address shows the not-found page in both languages', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/no/such/page`);
  await ready(page);
  assert.equal(await page.textContent('main h1'), 'पेज नहीं मिला');
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await page.textContent('main h1'), 'Page not found');
  // Addresses under the two forms that are no step of them (the forms route their own steps).
  for (const path of ['/complaint/new/bogus', '/connection/new/applicant/extra']) {
    await page.goto(`${server.base}${path}`);
    await ready(page);
    await page.waitForSelector('main h1:text("Page not found")');
  }
  await page.goto(`${server.base}/complaint/new/problem`);
  await ready(page);
  assert.notEqual(await page.textContent('main h1'), 'Page not found', 'a real step still opens');
  const r = await fetch(`${server.base}/api/v1/nothing`);
  assert.equal(r.status, 404);
  assert.equal(r.headers.get('content-type'), 'application/problem+json');
});

test('the privacy notice is a footer link away, in both languages, and leads to Settings', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.locator('footer').getByRole('link', { name: 'गोपनीयता', exact: true }).click();
  await page.waitForURL(/\/privacy$/);
  await page.waitForSelector('main h1:text("हम आपकी जानकारी का उपयोग कैसे करते हैं")');
  const hi = await page.textContent('main');
  assert.match(hi, /आधार वैकल्पिक है/);
  assert.match(hi, /सूची केवल एक बार दिखाई जाती है और इस डिवाइस पर नहीं रखी जाती/);
  assert.match(hi, /जो आवेदन या शिकायत कभी भेजी नहीं गई, उसके लिए अपलोड किए गए दस्तावेज़ और फ़ोटो 31 दिन बाद मिटा दिए जाते हैं/);
  assert.match(hi, /डिजिटल व्यक्तिगत डेटा संरक्षण अधिनियम, 2023/);
  assert.match(hi, /इंटरनेट पता.*180 दिन रखा जाता है/);
  // What a complaint collects is what its form asks: the name, the photo if one is added, and the
  // location only from its button.
  assert.match(hi, /आपका नाम \(बिजली चोरी की सूचना नाम बताए बिना भी दी जा सकती है\)/);
  assert.match(hi, /केवल तब जब आप "मेरी वर्तमान लोकेशन जोड़ें" दबाएँ, आपके फ़ोन की लोकेशन/);
  assert.match(hi, /समस्या का विवरण, समस्या की फ़ोटो यदि आप जोड़ें/);
  assert.match(hi, /शिकायत की फ़ोटो शिकायत के साथ रखी जाती है/);
  // And what the status page's forms collect after filing (feedback, a query's answer, a withdrawal).
  assert.match(hi, /दर्ज किया हुआ वापस लें, तब वह मोबाइल नंबर जिससे दर्ज किया था/);
  // Paying the fees: the bank's page takes the payment details, the portal never does.
  assert.match(hi, /बैंक खाते का विवरण बैंक के पेज पर भरा जाता है, इस पोर्टल पर कभी नहीं/);
  assert.match(await page.title(), /^हम आपकी जानकारी/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('main h1:text("How we use your information")');
  const en = await page.textContent('main');
  assert.match(en, /what is wrong, a photo of the problem if you add one and, only if you press/);
  assert.match(en, /A document or photo you replace or remove.*are deleted at once\. A complaint's photo is kept with the complaint\./);
  for (const want of [/your name \(a report of electricity theft can be made without it\)/, /only if you press "Add my current location", your phone's location/, /Aadhaar is optional/, /withdraw what you filed, the mobile number it was filed with \(for the one-time code\) and what you choose and write/, /never kept here/, /The list is shown once and is not kept on this device/, /never sent are deleted after 31 days/, /the documents of an application you discard or clear from a shared computer or kiosk, are deleted at once/, /Data Protection Board of India/, /bank details are typed on the bank's page, never on this portal\. We receive only the amount paid and the bank's reference/, /no advertising or tracking code/, /internet address each request comes from.*kept for 180 days/]) {
    assert.match(en, want);
  }
  await page.locator('main').getByRole('link', { name: 'Settings and privacy' }).click();
  await page.waitForURL(/\/settings$/);
  // And back again from Settings.
  await page.locator('main').getByRole('link', { name: 'How we use your information' }).click();
  await page.waitForURL(/\/privacy$/);
  assert.deepEqual(page.errors, []);
});

test('the accessibility statement is a footer link away, in both languages, and says how to report a problem', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.locator('footer').getByRole('link', { name: 'सुगम्यता', exact: true }).click();
  await page.waitForURL(/\/accessibility$/);
  await page.waitForSelector('main h1:text("सुगम्यता विवरण")');
  const hi = await page.textContent('main');
  for (const want of [/GIGW 3\.0/, /दिव्यांगजन अधिकार अधिनियम, 2016/, /मुख्य सामग्री पर जाएँ/, /STQC ने इसका ऑडिट नहीं किया है/, /राज्य आयुक्त, दिव्यांगजन, उत्तर प्रदेश/]) assert.match(hi, want);
  assert.match(await page.title(), /^सुगम्यता विवरण/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('main h1:text("Accessibility statement")');
  const en = await page.textContent('main');
  for (const want of [/WCAG 2\.1 at level AA/, /Skip to main content/, /not yet been tested by people who use screen readers/, /call 1912/, /State Commissioner for Persons with Disabilities, Uttar Pradesh/]) assert.match(en, want);
  // The "skip" link the statement promises is the first thing a keyboard reaches.
  assert.equal(await page.evaluate(() => document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])')?.textContent), 'Skip to main content');
  assert.equal(await page.getAttribute('main a[href="tel:1912"]', 'href'), 'tel:1912');
  assert.deepEqual(page.errors, []);
});
