// Issue 5: filing a 1912 complaint end to end, in Hindi and English, against the release build
// and the reference server — including bad input, double submits, server failures and reloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, ready, fillComplaint, fileViaApi, applyViaApi, T, toDevanagari, toProblemStep, dataWithAnnouncements, keepAnswer, turnOnOperator, image } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

async function complaintsOnServer(number) {
  const r = await server.record(number);
  assert.equal(r.status, 200, `complaint ${number} exists on the server`);
  return r.body;
}

/** A new page that switches to English on the home page and opens the complaint form from there. */
async function complaintInEnglish() {
  const page = await newPage(browser);
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: /Report a problem/ }).click();
  await page.waitForURL(/\/complaint\/new$/);
  return page;
}

test('full journey in Hindi with Devanagari digits', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'hi');
  await fillComplaint(page, server, { lang: 'hi', account: '१६७८ ४४४ ०७२', typedMobile: '+९१ ९८७६५ ४३२१०', mobile: '9876543210', devanagariOtp: true, description: 'सुबह से बिजली नहीं है <script>alert(1)</script>' });
  assert.match(await page.title(), /भेजने से पहले/);
  // The script string is shown as text on the check page.
  assert.match(await page.textContent('.summary-list'), /<script>alert\(1\)<\/script>/);
  assert.equal(await page.locator('.summary-list script').count(), 0);
  // Change a row: the step opens, and Continue comes back to "Check your answers".
  await page.locator('.summary-row', { hasText: 'ज़िला' }).getByRole('link').click();
  await page.waitForURL(/\/complaint\/new\?draft=.*from=check/);
  await page.selectOption('#f-district', 'GZP');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/\/complaint\/new\/check/);
  assert.match(await page.textContent('.summary-list'), /ग़ाज़ीपुर/);
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const number = page.url().match(/(\d{12})$/)[1];
  assert.match(await page.textContent('h1'), /शिकायत दर्ज हो गई/);
  assert.equal((await page.textContent('#complaint-number')).replace(/\s/g, ''), number);
  const rec = await complaintsOnServer(number);
  assert.equal(rec.request.account_number, '1678444072');
  assert.equal(rec.request.mobile, '9876543210');
  assert.equal(rec.request.category, 'no_supply');
  assert.equal(rec.request.district, 'GZP', 'the changed answer was sent');
  assert.equal(rec.request.language, 'hi');
  assert.equal(rec.request.description, 'सुबह से बिजली नहीं है <script>alert(1)</script>');
  assert.deepEqual(rec.filed_by, { kind: 'self' });
  // The script string is shown as text on the status page, never executed.
  const seen = [];
  page.on('dialog', (d) => { seen.push(d.message()); d.dismiss(); });
  await page.goto(`${server.base}/tickets`);
  await ready(page);
  assert.ok(await page.locator(`a[href="/track/${number}"]`).count(), 'filed complaint is in My tickets');
  assert.deepEqual(seen, []);
  assert.deepEqual(page.errors, []);
});

test('full journey in English; the draft is removed after the number is confirmed', async () => {
  const page = await complaintInEnglish();
  await fillComplaint(page, server, { lang: 'en', mobile: '9811111111' });
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\//);
  assert.match(await page.textContent('h1'), /Complaint registered/);
  assert.equal(await page.locator('#compensation-rate').count(), 0, 'no compensation is published for this fault');
  const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.')));
  assert.deepEqual(drafts, []);
  const rec = await complaintsOnServer(page.url().match(/(\d{12})$/)[1]);
  assert.equal(rec.request.language, 'en');
});

test('another problem at the same place starts at "what is wrong" with the place, name and mobile filled in, needs no new code, and is filed as a second complaint (English)', async () => {
  const mobile = '9822222222';
  const page = await complaintInEnglish();
  await fillComplaint(page, server, { lang: 'en', mobile, district: 'GZP', account: '1678444073' });
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}$/);
  const first = page.url().match(/(\d{12})$/)[1];
  const same = page.locator('#same-place');
  assert.equal(await same.textContent(), 'Report one more problem at the same place');
  assert.match(await page.textContent('main'), /your name and your mobile number are filled in/);
  // The address names the complaint just sent, and nothing of the person.
  assert.equal(await same.getAttribute('href'), `/complaint/new/problem?new=1&same=${first}`);
  await same.click();
  await page.waitForURL(/\/complaint\/new\/problem\?draft=/);
  assert.equal(await page.locator('input[name=category]:checked').count(), 0, 'the problem is asked afresh');
  // Nothing is stored for it until the person answers (like any new form).
  await page.waitForTimeout(1000);
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.'))), []);
  // Back shows the place it starts from.
  await page.getByRole('link', { name: 'Back' }).click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  assert.equal(await page.inputValue('#f-account_number'), '1678444073');
  assert.equal(await page.inputValue('#f-district'), 'GZP');
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/problem/);
  await page.check('input[name=category][value=voltage]');
  await page.check('input[name=subcategory][value=low]');
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/details/);
  assert.equal(await page.inputValue('#f-description'), '', 'the last description does not come along');
  await page.fill('#f-description', 'Fans run slowly in the evening');
  await page.check('input[name=started][value=today]');
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/contact/);
  assert.equal(await page.inputValue('#f-name'), 'Sita Devi');
  assert.equal(await page.inputValue('#f-mobile'), mobile);
  // Verified for the first complaint in this visit: Continue goes straight on, no second code.
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/check/);
  const summary = await page.textContent('.summary-list');
  assert.match(summary, /1678444073/);
  assert.match(summary, /Ghazipur/);
  assert.match(summary, /Low voltage/i);
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}$/);
  const second = page.url().match(/(\d{12})$/)[1];
  assert.notEqual(second, first, 'a second complaint, not the first one back');
  const rec = await complaintsOnServer(second);
  assert.equal(rec.request.account_number, '1678444073');
  assert.equal(rec.request.district, 'GZP');
  assert.equal(rec.request.mobile, mobile);
  assert.equal(rec.request.category, 'voltage');
  assert.equal(await server.otpCount(mobile), 1, 'one code for both complaints');
  // The second confirmation offers the same again.
  assert.equal(await page.locator('#same-place').getAttribute('href'), `/complaint/new/problem?new=1&same=${second}`);
  assert.deepEqual(page.errors, []);
});

test('the place and contact are offered to the next complaint only: not after a reload, another new complaint or "Delete all data" (Hindi)', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  const sendOne = async (mobile) => {
    await fillComplaint(page, server, { mobile, account: '1678444074' });
    await page.getByRole('button', { name: T.hi.send }).click();
    await page.waitForURL(/\/complaint\/done\/\d{12}$/);
    assert.equal(await page.textContent('#same-place'), 'इसी जगह की एक और समस्या दर्ज करें');
    assert.match(await page.textContent('main'), /नाम और मोबाइल नंबर पहले से भरे होंगे/);
  };
  // Reloaded, the confirmation has no details to offer (they were only in memory).
  await sendOne('9833333331');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('#same-place').count(), 0);
  // "Report another problem" starts an empty form; back on the confirmation, the offer is gone.
  await page.locator('#file-another').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await sendOne('9833333332');
  await page.locator('#file-another').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  assert.equal(await page.locator('input[name=account_choice]:checked').count(), 0);
  await page.goBack();
  await page.waitForURL(/\/complaint\/done\//);
  await ready(page);
  assert.equal(await page.locator('#same-place').count(), 0);
  // A shop's customer clears the device: the next one is not offered their details either.
  await page.locator('#file-another').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await sendOne('9833333333');
  const done = page.url();
  await page.getByRole('link', { name: 'सेटिंग और गोपनीयता' }).first().click();
  await page.waitForURL(/\/settings$/);
  await page.getByRole('button', { name: 'इस डिवाइस से सारा डेटा हटाएँ' }).click();
  await page.getByRole('button', { name: 'हाँ, सब हटाएँ' }).click();
  await page.goBack();
  await page.waitForURL(done);
  await ready(page);
  assert.equal(await page.locator('#same-place').count(), 0);
  assert.deepEqual(page.errors, []);
});

test('a fault with a published compensation says on its confirmation what a late fix earns per day, in both languages', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await fillComplaint(page, server, { lang: 'en', mobile: '9811111131', category: 'meter', subcategory: 'stopped', description: 'Meter stopped' });
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\//);
  const rate = page.locator('#compensation-rate');
  await rate.waitFor();
  assert.equal(await rate.textContent(),
    "If it is not fixed by then, ₹50 may be due to you for each full day of delay, under the regulator's (UPERC) Standards of Performance.");
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  await page.waitForFunction(() => /देरी के हर पूरे दिन के लिए आपको ₹50 की क्षतिपूर्ति मिल सकती है/.test(document.querySelector('#compensation-rate')?.textContent || ''));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('Back from the confirmation says the complaint was sent, with its number, in both languages; nothing is sent twice', async () => {
  for (const lang of ['hi', 'en']) {
    const page = await newPage(browser);
    await page.goto(`${server.base}/complaint/new`);
    await ready(page);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    const mobile = lang === 'hi' ? '9811122201' : '9811122202';
    await fillComplaint(page, server, { lang, mobile });
    await page.getByRole('button', { name: T[lang].send }).click();
    await page.waitForURL(/\/complaint\/done\/\d{12}/);
    const number = page.url().match(/(\d{12})$/)[1];
    // Back to "Check your answers", then to the contact step: both say it was sent.
    for (let i = 0; i < 2; i++) {
      await page.goBack();
      await page.waitForSelector('#already-sent');
      const main = await page.textContent('main');
      assert.match(main, lang === 'hi' ? /यह शिकायत भेजी जा चुकी है/ : /This complaint has already been sent/);
      assert.ok(main.replace(/\s/g, '').includes(number), `${lang}: the number is shown`);
      assert.equal(await page.getByRole('button', { name: T[lang].send }).count(), 0);
      assert.match(await page.title(), lang === 'hi' ? /^यह शिकायत भेजी जा चुकी है/ : /^This complaint has already been sent/);
    }
    assert.equal((await server.ticketsOf(mobile)).length, 1);
    await page.getByRole('link', { name: lang === 'hi' ? 'पावती देखें' : 'See the acknowledgement' }).click();
    await page.waitForURL(new RegExp(`/complaint/done/${number}`));
    await page.goBack();
    await page.waitForSelector('#already-sent');
    // Report another problem starts an empty form.
    await page.getByRole('link', { name: lang === 'hi' ? 'दूसरी समस्या दर्ज करें' : 'Report another problem' }).click();
    await page.waitForURL(/\/complaint\/new\?draft=/);
    await page.waitForSelector('#f-account_number, input[name=account_choice]');
    assert.equal(await page.locator('input[name=account_choice]:checked').count(), 0);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('every field gives the right message in both languages, and nothing typed is lost', async () => {
  for (const lang of ['hi', 'en']) {
    const t = T[lang];
    const page = await newPage(browser);
    await page.goto(`${server.base}/complaint/new`);
    await ready(page);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    const radioGroups = ['account_choice', 'category', 'subcategory'];
    const expect = async (field, re) => {
      const msg = await page.textContent(`#${field}-error`);
      assert.match(msg, re, `${lang}: ${field}`);
      // Radios carry the error on their fieldset (GOV.UK pattern); inputs on themselves.
      const target = radioGroups.includes(field) ? `fieldset:has(#f-${field})` : `#f-${field}`;
      if (!radioGroups.includes(field)) assert.equal(await page.getAttribute(target, 'aria-invalid'), 'true');
      assert.ok((await page.getAttribute(target, 'aria-describedby')).includes(`${field}-error`));
    };
    // Step 1: nothing chosen.
    await page.getByRole('button', { name: t.continue }).click();
    await page.waitForSelector('.error-summary');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'error-summary', 'summary takes focus');
    assert.match(await page.title(), lang === 'hi' ? /^त्रुटि:/ : /^Error:/);
    assert.match(await page.textContent('.error-summary'), new RegExp(t.errorTitle));
    await expect('account_choice', lang === 'hi' ? /खाता संख्या/ : /account number/);
    await expect('district', lang === 'hi' ? /ज़िला/ : /district/);
    // Bad account number keeps what was typed.
    await page.check('input[name=account_choice][value=account]');
    await page.fill('#f-account_number', '12345');
    await page.getByRole('button', { name: t.continue }).click();
    await expect('account_number', lang === 'hi' ? /10 अंकों/ : /10 digits/);
    assert.equal(await page.inputValue('#f-account_number'), '12345');
    // The summary link focuses the field.
    await page.click('.error-summary-list a[href="#f-account_number"]');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-account_number');
    // Area problem without address.
    await page.check('input[name=account_choice][value=area]');
    await page.selectOption('#f-district', 'GKP');
    await page.getByRole('button', { name: t.continue }).click();
    await expect('address', lang === 'hi' ? /पता/ : /address/);
    await page.fill('#f-address', 'Near the old well, Rustampur');
    await page.getByRole('button', { name: t.continue }).click();
    await page.waitForURL(/problem/);
    // Step 2: category, then sub-category.
    await page.getByRole('button', { name: t.continue }).click();
    await expect('category', lang === 'hi' ? /समस्या/ : /what is wrong/i);
    await page.check('input[name=category][value=safety]');
    await page.getByRole('button', { name: t.continue }).click();
    await expect('subcategory', lang === 'hi' ? /प्रकार/ : /kind of problem/);
    await page.check('input[name=subcategory][value=wire_on_ground]');
    assert.match(await page.textContent('.safety-alert'), /1912/, 'safety notice shown at once');
    await page.getByRole('button', { name: t.continue }).click();
    await page.waitForURL(/details/);
    // Step 3: empty, then too long.
    await page.getByRole('button', { name: t.continue }).click();
    await expect('description', lang === 'hi' ? /समस्या के बारे में/ : /Describe the problem/);
    await page.fill('#f-description', 'x'.repeat(1005));
    await page.getByRole('button', { name: t.continue }).click();
    await expect('description', /1000/);
    assert.equal((await page.inputValue('#f-description')).length, 1005, 'long text kept for editing');
    await page.fill('#f-description', 'Wire lying on the road near the school');
    await page.getByRole('button', { name: t.continue }).click();
    await page.waitForURL(/contact/);
    // Step 4: bad mobile, wrong OTP, expired/unknown flows.
    await page.fill('#f-mobile', '12345');
    await page.getByRole('button', { name: t.continue }).click();
    await expect('name', lang === 'hi' ? /नाम/ : /name/);
    await expect('mobile', lang === 'hi' ? /6, 7, 8 या 9/ : /6, 7, 8 or 9/);
    const mobile = lang === 'hi' ? '9822222222' : '9833333333';
    await page.fill('#f-name', 'Ram');
    await page.fill('#f-mobile', mobile);
    await page.getByRole('button', { name: t.continue }).click();
    assert.match(await page.textContent('#code-error'), lang === 'hi' ? /कोड मँगाएँ/ : /Get a code/);
    await page.getByRole('button', { name: t.sendCode }).click();
    await page.waitForSelector('#f-code');
    await server.otp(mobile);
    await page.fill('#f-code', '000000');
    await page.getByRole('button', { name: t.continue }).click();
    await page.waitForSelector('#code-error');
    await expect('code', lang === 'hi' ? /कोड सही नहीं/ : /code is not correct/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('double-click on Send files exactly one complaint', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await fillComplaint(page, server, { mobile: '9844444444' });
  await server.faults({ latency_ms: 400 });
  const posts = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/complaints')) posts.push(r); });
  await page.getByRole('button', { name: T.hi.send }).dblclick();
  await page.waitForURL(/\/complaint\/done\//);
  await server.faults({});
  assert.equal(posts.length, 1, 'one request for a double click');
  assert.equal((await server.ticketsOf('9844444444')).length, 1);
});

test('a server error is retried from the outbox and files one complaint; a dropped response retried shows the same number', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await fillComplaint(page, server, { mobile: '9855555555' });
  const keys = [];
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/v1/complaints')) keys.push(r.headers()['idempotency-key']); });
  await server.faults({ fail_next: 1 });
  await page.getByRole('button', { name: T.hi.send }).click();
  // The failed send goes to the outbox, which says so and tries again by itself.
  await page.waitForURL(/\/complaint\/queued\//);
  assert.match(await page.textContent('main'), /दो बार दर्ज नहीं होगी/);
  await page.waitForURL(/\/complaint\/done\//);
  assert.equal(keys.length, 2);
  assert.equal(keys[0], keys[1], 'the retry reuses the Idempotency-Key');

  // Dropped after commit: the first response never arrives; Retry gets the original number.
  const page2 = await newPage(browser);
  await page2.goto(`${server.base}/complaint/new`);
  await ready(page2);
  await fillComplaint(page2, server, { mobile: '9866666666' });
  await server.faults({ drop_next: 1 });
  await page2.getByRole('button', { name: T.hi.send }).click();
  // Chromium itself may re-send a POST whose reused connection closed with no reply; with the
  // same Idempotency-Key that is safe. Otherwise the page offers Retry.
  const outcome = await Promise.race([
    page2.waitForURL(/\/complaint\/done\//).then(() => 'done'),
    page2.waitForSelector('.notice-error').then(() => 'error'),
  ]);
  if (outcome === 'error') await page2.getByRole('button', { name: T.hi.retry }).click();
  await page2.waitForURL(/\/complaint\/done\//);
  const number = page2.url().match(/(\d{12})$/)[1];
  const mine = await page2.evaluate(() => JSON.parse(localStorage.getItem('bijli.tickets')));
  assert.equal(mine.filter((t) => t.number === number).length, 1);
  assert.deepEqual(await server.ticketsOf('9866666666'), [number], 'exactly one complaint, the one shown');
  assert.deepEqual(await server.ticketsOf('9855555555'), [page.url().match(/(\d{12})$/)[1]]);
});

test('reload on any step returns to the same step with the same answers', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.selectOption('#f-district', 'MZP');
  await page.waitForTimeout(1200);
  await page.reload();
  await ready(page);
  assert.equal(await page.inputValue('#f-account_number'), '1678444072');
  assert.equal(await page.inputValue('#f-district'), 'MZP');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.check('input[name=category][value=meter]');
  await page.check('input[name=subcategory][value=stopped]');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.fill('#f-description', 'मीटर बंद है');
  await page.waitForTimeout(1200);
  await page.reload();
  await ready(page);
  assert.match(page.url(), /details/);
  assert.equal(await page.inputValue('#f-description'), 'मीटर बंद है');
  await page.goBack();
  await ready(page);
  assert.ok(await page.isChecked('input[name=subcategory][value=stopped]'));
});

test('a backend 422 sends the person to the field, with the message in their language', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await fillComplaint(page, server, { mobile: '9877777777' });
  await page.route('**/api/v1/complaints', (r) => r.fulfill({
    status: 422,
    contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'https://bijliseva.example/problems/validation', title: 'validation', status: 422, errors: [{ field: 'description', code: 'too_long' }] }),
  }));
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/new\/details\?draft=.*from=check/);
  assert.match(await page.textContent('#description-error'), /1000 अक्षरों/);
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  assert.equal(await page.inputValue('#f-description'), 'No light since morning', 'nothing typed is lost');
  assert.deepEqual(await server.ticketsOf('9877777777'), []);
});

test('the number can be shared to a phone where the browser has a share sheet, never from a kiosk', async () => {
  const complaint = await fileViaApi(server, '9890000031');
  const application = await applyViaApi(server, '9890000032');
  const spaced = (n) => n.replace(/(\d{4})(\d{4})(\d{4})/, '$1 $2 $3');
  // This browser has no share sheet: no button that would do nothing.
  const plain = await newPage(browser);
  await plain.goto(`${server.base}/complaint/done/${complaint}`);
  await ready(plain);
  await plain.waitForSelector('#complaint-number');
  assert.equal(await plain.locator('.share-number').count(), 0);
  // A phone's browser: the sheet gets the number and the status link, in the screen's language.
  const page = await newPage(browser);
  await page.addInitScript(() => { navigator.share = (d) => { window.shared = d; return Promise.resolve(); }; });
  await page.goto(`${server.base}/complaint/done/${complaint}`);
  await ready(page);
  await page.getByRole('button', { name: 'शेयर करें' }).click();
  let shared = await page.evaluate(() => window.shared);
  assert.match(shared.text, new RegExp(`शिकायत संख्या ${spaced(complaint)}`));
  assert.equal(shared.url, `${server.base}/track/${complaint}`);
  // The status page shares the same, for a family member to follow it too.
  await page.goto(`${server.base}/track/${complaint}`);
  await ready(page);
  await page.evaluate(() => { window.shared = null; });
  await page.getByRole('button', { name: 'शेयर करें' }).click();
  assert.deepEqual(await page.evaluate(() => window.shared), shared);
  await page.getByRole('button', { name: 'English' }).click();
  await page.goto(`${server.base}/connection/done/${application}`);
  await ready(page);
  await page.getByRole('button', { name: 'Share' }).click();
  shared = await page.evaluate(() => window.shared);
  assert.match(shared.text, new RegExp(`new connection application number ${spaced(application)}`));
  assert.equal(shared.url, `${server.base}/track/${application}`);
  assert.ok(!/98900000/.test(JSON.stringify(shared)), 'nothing but the number and the link');
  // A kiosk is not the consumer's device.
  const kiosk = await newPage(browser);
  await kiosk.addInitScript(() => { navigator.share = () => Promise.resolve(); });
  await kiosk.goto(`${server.base}/complaint/done/${complaint}?kiosk=1`);
  await ready(kiosk);
  await kiosk.waitForSelector('#complaint-number');
  assert.equal(await kiosk.locator('.share-number').count(), 0);
  await kiosk.goto(`${server.base}/track/${complaint}`);
  await ready(kiosk);
  await kiosk.waitForSelector('.summary-list');
  assert.equal(await kiosk.locator('.share-number').count(), 0, 'nor from its status page');
  assert.deepEqual([...plain.errors, ...page.errors, ...kiosk.errors], []);
});

test('filing the same problem again while it is open gets the open complaint back, not a second one, in both languages', async () => {
  for (const [lang, mobile] of [['hi', '9890000061'], ['en', '9890000062']]) {
    const t = T[lang];
    // The first complaint (by phone or earlier online): the same account and problem as the form below.
    const first = await fileViaApi(server, mobile);
    await new Promise((r) => setTimeout(r, 3200)); // the resend delay after that code
    const page = await newPage(browser);
    await page.goto(`${server.base}/complaint/new`);
    await ready(page);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    await fillComplaint(page, server, { lang, mobile, description: 'Still no light, second time of asking' });
    await page.getByRole('button', { name: t.send }).click();
    await page.waitForURL(/\/complaint\/done\/\d{12}\?again=1$/);
    assert.match(page.url(), new RegExp(`/complaint/done/${first}\\?again=1$`), 'the open complaint, not a new number');
    assert.match(await page.textContent('h1'), lang === 'hi' ? /यह समस्या आप पहले ही दर्ज करा चुके हैं/ : /You have already reported this/);
    assert.match(await page.title(), lang === 'hi' ? /पहले ही दर्ज/ : /already reported/);
    assert.match(await page.textContent('#already-open'), lang === 'hi'
      ? /पहली शिकायत अभी खुली है.*दूसरी शिकायत नहीं खोली/
      : /still open, so we have not opened a second one/);
    assert.equal((await page.textContent('#complaint-number')).replace(/\s/g, ''), first);
    assert.deepEqual(await server.ticketsOf(mobile), [first], 'one complaint on the server');
    const drafts = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.')));
    assert.deepEqual(drafts, [], 'the draft is done with');
    // The status page shows that it was reported again.
    await page.getByRole('link', { name: lang === 'hi' ? 'इस शिकायत की स्थिति देखें' : 'See the status of this complaint' }).click();
    await page.waitForURL(new RegExp(`/track/${first}$`));
    await page.waitForFunction((re) => new RegExp(re).test(document.querySelector('main')?.textContent || ''),
      lang === 'hi' ? 'उपभोक्ता ने समस्या फिर से बताई' : 'Reported again by the consumer');
    // That line is labelled by what happened, not with the status the line before already gave.
    const labels = await page.$$eval('.timeline-item strong', (els) => els.map((e) => e.textContent));
    assert.deepEqual(labels, lang === 'hi' ? ['समस्या दोबारा बताई गई', 'दर्ज'] : ['Reported again', 'Registered'], 'newest first');
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('"no supply" in a district with an announced cut says so and until when, in both languages, and filing still goes on', async () => {
  // The seeded shutdown (Sigra feeder, Varanasi), moved to now, plus one in another district.
  const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');
  const data = dataWithAnnouncements((anns) => {
    const sigra = anns.find((a) => a.id === 'a2');
    Object.assign(sigra, { from: iso(Date.now() - 3600e3), until: iso(Date.UTC(2100, 0, 1, 8, 30)) });
    anns.push({ ...sigra, id: 'gzp', district: 'GZP', title: { en: 'Ghazipur cut', hi: 'गाज़ीपुर कटौती' } });
  });
  const known = await startServer(['--data-dir', data]);
  try {
    for (const lang of ['hi', 'en']) {
      const t = T[lang];
      const page = await newPage(browser);
      const asked = [];
      page.on('request', (r) => { if (r.url().includes('/announcements')) asked.push(r.url()); });
      await page.goto(`${known.base}/complaint/new`);
      await ready(page);
      if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
      await toProblemStep(page, { lang });
      await page.check('input[name=category][value=voltage]');
      await page.waitForTimeout(500);
      assert.equal(await page.locator('#known-outage').count(), 0, 'not for other problems');
      await page.check('input[name=category][value=no_supply]');
      const notice = page.locator('#known-outage');
      await notice.waitFor({ timeout: 10000 });
      const text = await notice.textContent();
      if (lang === 'hi') {
        assert.match(text, /आपके ज़िले में यह बिजली कटौती पहले से ज्ञात है/);
        assert.match(text, /निर्धारित कटौती: सिगरा फीडर/);
        assert.match(text, /बिजली 01\/01\/2100, 14:00 तक लौट आनी चाहिए।/, 'the end in India time');
        assert.match(text, /शिकायत करने की ज़रूरत नहीं है/);
      } else {
        assert.match(text, /A power cut in your district is already known/);
        assert.match(text, /Planned shutdown: Sigra feeder/);
        assert.match(text, /Supply should be back by 01\/01\/2100, 14:00\./);
        assert.match(text, /If your power went off for another reason, or it is not back by then, carry on/);
      }
      assert.doesNotMatch(text, /Ghazipur|गाज़ीपुर/, 'only the chosen district');
      assert.equal(await notice.getAttribute('role'), 'status', 'read out when it appears');
      // It informs; it does not stop anyone.
      await page.check('input[name=subcategory][value=my_house]');
      await page.getByRole('button', { name: t.continue }).click();
      await page.waitForURL(/\/complaint\/new\/details/);
      assert.equal(asked.length, 1, `asked once, not again on each change to the form: ${asked}`);
      // Only Varanasi's and everyone's, not the cuts that are over: a phone without power downloads
      // the few that could apply.
      assert.match(asked[0], new RegExp(`/api/v1/announcements\\?lang=${lang}&hide_ended=true&district=VNS&?$`));
      assert.deepEqual(page.errors, []);
      await page.context().close();
    }
    // The notices say the cut is on now, where and until when, in both languages.
    const news = await newPage(browser);
    await news.goto(`${known.base}/announcements`);
    await ready(news);
    const sigra = news.locator('.news-item', { hasText: /सिगरा फीडर|Sigra feeder/ });
    await sigra.waitFor();
    assert.equal(await sigra.locator('.outage-phase').textContent(), 'अभी जारी');
    assert.match(await sigra.locator('.outage-window').textContent(), /^वाराणसी · \d\d\/\d\d\/\d{4}, \d\d:\d\d – 01\/01\/2100, 14:00$/);
    await news.getByRole('button', { name: 'English' }).click();
    await news.waitForFunction(() => /Sigra feeder/.test(document.querySelector('main')?.textContent || ''));
    assert.equal(await sigra.locator('.outage-phase').textContent(), 'On now');
    assert.match(await sigra.locator('.outage-window').textContent(), /^Varanasi · .* – 01\/01\/2100, 14:00$/);
    assert.deepEqual(news.errors, []);
    await news.context().close();
    // A returning visitor's service worker may hold the notices from before the cut was announced:
    // the form asks past that copy, and falls back to it only when offline.
    const back = await newPage(browser);
    await back.goto(`${known.base}/`);
    await ready(back);
    await back.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 20000 });
    for (const lang of ['hi', 'en']) await keepAnswer(back, `/announcements?lang=${lang}&hide_ended=true&district=VNS`, []);
    await back.goto(`${known.base}/complaint/new`);
    await ready(back);
    await toProblemStep(back);
    await back.check('input[name=category][value=no_supply]');
    await back.locator('#known-outage').waitFor({ timeout: 10000 });
    await back.waitForTimeout(1000); // autosave
    await back.context().setOffline(true);
    await back.reload();
    await ready(back);
    await back.locator('#known-outage').waitFor({ timeout: 10000 });
    assert.match(await back.textContent('#known-outage'), /सिगरा फीडर/, 'offline, from the copy fetched a moment ago');
    assert.deepEqual(back.errors, []);
    await back.context().close();
    // Outside its window a notice says nothing: the shared test server's seeded shutdown is long over.
    const page = await newPage(browser);
    await page.goto(`${server.base}/complaint/new`);
    await ready(page);
    await toProblemStep(page);
    await page.check('input[name=category][value=no_supply]');
    await page.waitForTimeout(1500);
    assert.equal(await page.locator('#known-outage').count(), 0);
    await page.context().close();
  } finally {
    await known.stop();
  }
});

test('the location is asked for only on a press, shown before sending and sent with an area problem; no fix says the address is enough; a shop\'s PC and a kiosk are not offered it', async () => {
  // Counts what the page asks of the phone's location service, and with which options.
  const counting = () => {
    const g = navigator.geolocation;
    const real = g.getCurrentPosition.bind(g);
    window.locateCalls = [];
    g.getCurrentPosition = (ok, err, opts) => { window.locateCalls.push({ timeout: opts?.timeout }); return real(ok, err, opts); };
  };
  const page = await newPage(browser, { permissions: ['geolocation'], geolocation: { latitude: 25.31764, longitude: 82.97391 } });
  await page.addInitScript(counting);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await page.check('input[name=account_choice][value=area]');
  await page.fill('#f-address', 'Near Sigra crossing, lane 3');
  await page.selectOption('#f-district', 'VNS');
  assert.deepEqual(await page.evaluate(() => window.locateCalls), [], 'never asked without a press');
  await page.getByRole('button', { name: 'मेरी वर्तमान लोकेशन जोड़ें' }).click();
  await page.waitForFunction(() => /लोकेशन जोड़ी गई \(25\.3176, 82\.9739\)/.test(document.querySelector('main').textContent));
  // A phone that finds no fix is not left "finding" for ever.
  assert.deepEqual(await page.evaluate(() => window.locateCalls), [{ timeout: 20000 }]);
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/\/complaint\/new\/problem/);
  await page.check('input[name=category][value=no_supply]');
  await page.check('input[name=subcategory][value=street]');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/details/);
  await page.fill('#f-description', 'Whole lane dark since 8 pm');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/contact/);
  const mobile = '9890000071';
  await page.fill('#f-name', 'Meera');
  await page.fill('#f-mobile', mobile);
  await page.getByRole('button', { name: T.hi.sendCode }).click();
  await page.fill('#f-code', await server.otp(mobile));
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/check/);
  // Before sending, the person sees that the location goes with the complaint.
  const row = page.locator('.summary-row', { has: page.locator('dt', { hasText: /^लोकेशन$/ }) });
  assert.equal(await row.locator('.summary-value').textContent(), '25.3176, 82.9739');
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const sent = (await complaintsOnServer(page.url().match(/(\d{12})$/)[1])).request;
  assert.equal(sent.address, 'Near Sigra crossing, lane 3');
  assert.ok(Math.abs(sent.location.lat - 25.31764) < 1e-6 && Math.abs(sent.location.lon - 82.97391) < 1e-6, JSON.stringify(sent.location));

  // No fix (indoors, GPS off): said in the person's language; the address typed stays, and the button can be pressed again.
  const nofix = await newPage(browser);
  await nofix.addInitScript(() => {
    navigator.geolocation.getCurrentPosition = (ok, err) => setTimeout(() => err({ code: 3, message: 'Timeout expired' }), 50);
  });
  await nofix.goto(`${server.base}/complaint/new`);
  await ready(nofix);
  await nofix.getByRole('button', { name: 'English' }).click();
  await nofix.check('input[name=account_choice][value=area]');
  await nofix.fill('#f-address', 'Behind the water tank, Lanka');
  await nofix.getByRole('button', { name: 'Add my current location' }).click();
  await nofix.waitForFunction(() => /We could not get your location\. The address is enough\./.test(document.querySelector('main').textContent));
  assert.equal(await nofix.inputValue('#f-address'), 'Behind the water tank, Lanka');
  assert.ok(await nofix.getByRole('button', { name: 'Add my current location' }).isEnabled());

  // A cyber café's PC and an office kiosk stand at the shop and the office, not at the fault.
  const shop = await newPage(browser, { permissions: ['geolocation'], geolocation: { latitude: 25.3, longitude: 83.0 } });
  await turnOnOperator(shop, server);
  await shop.locator('#new-complaint').click();
  await shop.waitForURL(/\/complaint\/new\?draft=/);
  const kiosk = await newPage(browser, { permissions: ['geolocation'], geolocation: { latitude: 25.3, longitude: 83.0 } });
  await kiosk.goto(`${server.base}/complaint/new?kiosk=1&idle=600`);
  await ready(kiosk);
  for (const p of [shop, kiosk]) {
    await p.check('input[name=account_choice][value=area]');
    await p.waitForSelector('#f-address');
    assert.equal(await p.getByRole('button', { name: 'मेरी वर्तमान लोकेशन जोड़ें' }).count(), 0);
  }
  assert.deepEqual([...page.errors, ...nofix.errors, ...shop.errors, ...kiosk.errors], []);
  await shop.context().close();
});

test('a bill complaint without the account number is asked for it where the problem is chosen, in both languages; the server refuses it too', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await toProblemStep(page, { address: 'Lane 4, Sigra' });
  await page.check('input[name=category][value=bill]');
  await page.check('input[name=subcategory][value=wrong_bill]');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(page.url(), /\/complaint\/new\/problem/, 'not on to the details');
  assert.match(await page.textContent('.error-summary'), /इसके लिए बिल पर छपी 10 अंकों की खाता संख्या चाहिए। पहले चरण पर लौटकर उसे लिखें/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /needs the 10-digit account number printed on your bill/.test(document.querySelector('.error-summary')?.textContent || ''));
  assert.ok(await page.isChecked('input[name=subcategory][value=wrong_bill]'), 'the choice is kept');
  // Back to the first step: the account number, and on.
  await page.locator('.back-link').click();
  await page.waitForURL(/\/complaint\/new(\?|$)/);
  assert.equal(await page.inputValue('#f-address'), 'Lane 4, Sigra', 'what was typed is kept');
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/problem/);
  assert.ok(await page.isChecked('input[name=subcategory][value=wrong_bill]'));
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/details/);

  // The contract says the same to any client: an address does not stand in for the account.
  const mobile = '9890000072';
  const token = await server.token(mobile, 'complaint');
  const r = await server.api('/complaints', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': `bill-${Date.now()}` },
    body: JSON.stringify({ mobile, name: 'Test', category: 'bill', subcategory: 'wrong_bill', description: 'Bill too high', district: 'VNS', address: 'Lane 4, Sigra', language: 'hi', filed_by: { kind: 'self' } }) });
  assert.equal(r.status, 422);
  assert.deepEqual(r.body.errors.map((e) => [e.field, e.code]), [['account_number', 'required']]);
  assert.deepEqual(page.errors, []);
});

/** On the details step: the photo block of `lang`, its bad input, then `file` uploaded. */
async function photoBlock(page, lang, file) {
  const block = page.locator('#doc-complaint_photo');
  assert.equal((await block.locator('h2').textContent()).trim(), lang === 'hi' ? 'समस्या की फ़ोटो (वैकल्पिक)' : 'Photo of the problem (optional)');
  assert.match(await block.textContent(), lang === 'hi' ? /तारों से दूर रहें/ : /Keep well away from wires/);
  assert.equal(await page.getAttribute('[id="f-photo"]', 'accept'), 'image/jpeg,image/png', 'the picker offers photos only');
  // Bad input: a file that only calls itself a photo, and a PDF (a document, not a photo).
  for (const bad of [{ name: 'pole.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 not really a photo') },
    { name: 'pole.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%pole\n') }]) {
    await page.setInputFiles('[id="f-photo"]', bad);
    await block.locator('.error-message').waitFor();
    assert.match(await block.locator('.error-message').textContent(),
      lang === 'hi' ? /समस्या की फ़ोटो: फ़ाइल इनमें से एक प्रकार की होनी चाहिए: JPEG, PNG/ : /Photo of the problem: the file must be one of: JPEG, PNG/);
    assert.equal(await block.locator('.uploaded').count(), 0);
  }
  await page.setInputFiles('[id="f-photo"]', file);
  await block.locator('.uploaded').waitFor({ timeout: 30000 });
  assert.equal(await block.locator('.error-message').count(), 0, 'a good file clears the problem');
  assert.match(await block.locator('.file-name').textContent(), new RegExp(file.name.replace(/\.\w+$/, '')));
}

test('a complaint carries an optional photo of the problem, shrunk on the phone, named on the check and status pages (Hindi)', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  const description = 'खंभे पर तार से चिंगारी निकल रही है';
  // A camera's photo: several MB, sent at most 500 KB.
  const big = await image(page, { w: 2400, h: 1800, noise: true, quality: 0.95 });
  assert.ok(big.length > 1024 * 1024, `a camera-sized photo: ${big.length} B`);
  await fillComplaint(page, server, { lang: 'hi', mobile: '9876500101', description, atDetails: async (p) => {
    await photoBlock(p, 'hi', { name: 'khamba.jpg', mimeType: 'image/jpeg', buffer: big });
    assert.equal(await p.inputValue('#f-description'), description, 'nothing typed is lost to a refused file');
    const kb = Number((await p.locator('#doc-complaint_photo .uploaded .hint').textContent()).match(/(\d+) KB/)[1]);
    assert.ok(kb <= 500, `shrunk before sending: ${kb} KB`);
  } });
  assert.match(await page.locator('.summary-row', { hasText: 'फ़ोटो' }).textContent(), /khamba\.jpg/);
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const number = page.url().match(/(\d{12})$/)[1];
  const rec = await complaintsOnServer(number);
  assert.equal(rec.request.photo.document_type, 'complaint_photo');
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  assert.equal((await page.textContent('#photo')).trim(), 'शिकायत के साथ भेजी गई');
  assert.deepEqual(page.errors, []);
});

test('a photo the server no longer has sends the person back to it, in English; removed, the complaint goes without one', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new?lang=en`);
  await ready(page);
  const png = await image(page, { w: 300, h: 200, type: 'image/png' });
  // The upload's id as the server gave it. Read back from the draft in localStorage instead, it was
  // missing in two whole-suite runs (CI's, and one here) and never in this file alone; the cause
  // is not found (the upload saves the draft at once). The journey below checks what the person sees.
  const uploads = [];
  page.on('response', async (r) => {
    if (r.request().method() === 'POST' && r.url().endsWith('/api/v1/uploads') && r.status() === 201) uploads.push((await r.json()).upload_id);
  });
  await fillComplaint(page, server, { lang: 'en', mobile: '9876500102', atDetails: (p) => photoBlock(p, 'en', { name: 'meter.png', mimeType: 'image/png', buffer: png }) });
  assert.match(await page.locator('.summary-row', { hasText: 'Photo' }).textContent(), /meter\.png/);
  // The upload is gone on the server (31 days unused, or deleted): the backend refuses the photo.
  assert.equal(uploads.length, 1, 'one upload');
  const [id] = uploads;
  assert.equal((await server.api(`/uploads/${id}`, { method: 'DELETE' })).status, 204);
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/new\/details\?.*from=check/);
  assert.match(await page.locator('#doc-complaint_photo .error-message').textContent(), /The photo is no longer on the server: take or choose it again, or remove it\./);
  assert.match(await page.locator('.error-summary').textContent(), /The photo is no longer on the server/);
  await page.locator('#doc-complaint_photo').getByRole('button', { name: /^Remove/ }).click();
  assert.equal(await page.locator('#doc-complaint_photo .uploaded').count(), 0);
  assert.equal(await page.locator('#doc-complaint_photo .error-message').count(), 0, 'the problem went with the photo');
  await page.getByRole('button', { name: T.en.continue }).click();
  await page.waitForURL(/\/complaint\/new\/check/);
  assert.match(await page.locator('.summary-row', { hasText: 'Photo' }).textContent(), /Not provided/);
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const rec = await complaintsOnServer(page.url().match(/(\d{12})$/)[1]);
  assert.equal(rec.request.photo, undefined, 'sent without a photo');
  assert.deepEqual(page.errors, []);
});

test('an office kiosk offers no photo (nobody\'s photo is on it, and a file dialog would open its disk); a shop\'s PC does', async () => {
  const kiosk = await newPage(browser);
  await kiosk.goto(`${server.base}/complaint/new?kiosk=1&idle=600`);
  await ready(kiosk);
  const shop = await newPage(browser);
  await turnOnOperator(shop, server);
  await shop.locator('#new-complaint').click();
  await shop.waitForURL(/\/complaint\/new\?draft=/);
  for (const p of [kiosk, shop]) {
    await toProblemStep(p);
    await p.check('input[name=category][value=safety]');
    await p.check('input[name=subcategory][value=wire_on_ground]');
    await p.getByRole('button', { name: T.hi.continue }).click();
    await p.waitForURL(/\/complaint\/new\/details/);
    await p.waitForSelector('#f-description');
  }
  await shop.locator('#doc-complaint_photo').waitFor({ timeout: 15000 });
  // The kiosk's page is whole (its step drawn, the shop's block arrived meanwhile): no photo there.
  assert.equal(await kiosk.locator('#doc-complaint_photo').count(), 0);
  assert.equal(await kiosk.locator('input[type=file]').count(), 0, 'no file dialog on a kiosk');
  assert.deepEqual([...kiosk.errors, ...shop.errors], []);
  await shop.context().close();
});
