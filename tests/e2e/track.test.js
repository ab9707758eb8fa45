// Issue 7: live status without reload (304s while unchanged, nothing while hidden), the
// consumer closes or reopens with an OTP, clear messages for bad numbers and a down server,
// and "My tickets".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, launch, newPage, ready, fileViaApi, applyViaApi, T, keepAnswer, dataWithAnnouncements, axe } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** A Jhatpat application (through the API) whose office has raised a query, after document
 * scrutiny: its number. */
async function queryRaised(mobile) {
  const number = await applyViaApi(server, mobile);
  await server.advance(number); // document scrutiny
  await server.advance(number); // the office raises a query
  return number;
}

/** A query's answer confirmed with a code: the mobile, "Send code", and the code that came. */
async function codeForAnswer(page, mobile) {
  await page.fill('#f-mobile', mobile);
  await page.waitForTimeout(3200); // the application's own OTP went to this mobile just now
  const seen = await server.otpCount(mobile);
  await page.locator('#query-title ~ button.button-secondary').click();
  await page.fill('#f-code', await server.otp(mobile, seen + 1));
}

test('a status change on the server appears without reload; 304 while unchanged; silent while hidden', async () => {
  const number = await fileViaApi(server, '9890000001');
  const page = await newPage(browser);
  const statuses = [];
  page.on('response', (r) => { if (r.url().includes(`/api/v1/complaints/${number}`)) statuses.push(r.status()); });
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  await page.waitForSelector('.tag');
  assert.match(await page.textContent('.tag'), /दर्ज/);
  await page.waitForTimeout(2500);
  assert.ok(statuses.filter((s) => s === 304).length >= 1, `304s while unchanged: ${statuses}`);
  await server.advance(number);
  await page.waitForFunction(() => /सौंपी गई/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 5000 });
  assert.match(await page.textContent('[role=status][aria-live=polite]'), /स्थिति बदली/);
  assert.equal(await page.locator('.timeline-item').count(), 2);
  // Hidden tab: no requests.
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(500);
  const before = statuses.length;
  await page.waitForTimeout(3000);
  assert.equal(statuses.length, before, 'no requests while hidden');
  await page.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await page.waitForTimeout(1500);
  assert.ok(statuses.length > before, 'resumes when visible again');
  assert.deepEqual(page.errors, []);
});

test('the SMS sent on filing links to the status page in the language chosen for updates; each step the office takes sends another', async () => {
  for (const [language, mobile, says, tag] of [['en', '9890000021', /^Bijli Seva: your complaint \d{4} \d{4} \d{4}\. Complaint registered/, /Registered/], ['hi', '9890000022', /^बिजली सेवा: आपकी शिकायत \d{4} \d{4} \d{4}। शिकायत दर्ज हुई/, /दर्ज/]]) {
    const number = await fileViaApi(server, mobile, { language });
    const updates = (await server.sms(mobile)).filter((b) => !b.includes('OTP'));
    assert.equal(updates.length, 1);
    assert.match(updates[0], says);
    const link = updates[0].match(/https?:\/\/\S+$/)[0];
    assert.equal(link, `${server.base}/track/${number}?lang=${language}`);
    // A phone that never visited the portal (Hindi by default) opens the link in the SMS's language.
    const page = await newPage(browser);
    await page.goto(link);
    await ready(page);
    await page.waitForSelector('.tag');
    assert.equal(await page.getAttribute('html', 'lang'), language);
    assert.match(await page.textContent('.tag'), tag);
    assert.ok((await page.textContent('main')).replace(/\s/g, '').includes(number));
    assert.equal(await page.evaluate(() => localStorage.getItem('bijli.lang')), null, 'the link does not change the saved language');
    await server.advance(number);
    const after = (await server.sms(mobile)).filter((b) => !b.includes('OTP'));
    assert.equal(after.length, 2);
    assert.match(after[0], language === 'en' ? /Assigned to the junior engineer/ : /अवर अभियंता को सौंपी गई/);
    assert.deepEqual(page.errors, []);
    await page.close();
  }
});

async function resolve(number) {
  for (let i = 0; i < 3; i++) await server.advance(number);
}

async function giveFeedback(page, mobile, fixed) {
  await page.check(`input[name=resolved][value=${fixed ? 'yes' : 'no'}]`);
  if (fixed) await page.check('input[name=rating][value="4"]');
  await page.fill('#f-comment', fixed ? 'Thank you' : 'Still no light in the evening');
  await page.fill('#f-mobile', mobile);
  // The complaint's own OTP went to this mobile moments ago; the server (started with
  // --otp-resend-secs 3) rightly refuses another one sooner.
  await page.waitForTimeout(3200);
  const seen = await server.otpCount(mobile);
  await page.locator('.panel-feedback button.button-secondary').click();
  const code = await server.otp(mobile, seen + 1);
  await page.fill('#f-code', code);
  await page.locator('.panel-feedback button.button:not(.button-secondary)').click();
}

test('resolved → confirmed with OTP and rated → closed on the server', async () => {
  const mobile = '9890000002';
  const number = await fileViaApi(server, mobile);
  await resolve(number);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  await page.waitForSelector('.panel-feedback');
  // Bad input first: nothing chosen.
  await page.locator('.panel-feedback button.button:not(.button-secondary)').click().catch(() => {});
  await giveFeedback(page, mobile, true);
  await page.waitForFunction(() => /बंद/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 8000 });
  assert.equal(await page.textContent('#rated'), '★★★★ 5 में से 4', 'the rating given stays on the page');
  const { body } = await server.api(`/complaints/${number}`);
  assert.equal(body.status, 'closed');
  assert.equal(body.feedback.rating, 4);
});

test('a complaint whose problem went away is withdrawn with an OTP: bad input explained in both languages, words kept over a reload, the office told', async () => {
  const mobile = '9890000083';
  const number = await fileViaApi(server, mobile);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  const form = page.locator('#withdraw');
  await form.getByText('यह शिकायत वापस लें').click();
  // Nothing chosen: each field says what it needs, in Hindi, then in English.
  await form.getByRole('button', { name: 'वापस लें', exact: true }).click();
  await form.locator('.error-summary').waitFor();
  const summary = await form.locator('.error-summary').textContent();
  for (const m of [/वापस लेने का कारण चुनें/, /मोबाइल नंबर/]) assert.match(summary, m);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Choose why you are withdrawing it/.test(document.querySelector('#withdraw .error-summary')?.textContent || ''));
  // A complaint is not offered "no longer need the connection".
  assert.deepEqual(await form.locator('input[name=withdraw_reason]').evaluateAll((xs) => xs.map((x) => x.value)), ['fixed', 'duplicate', 'other']);
  await form.locator('input[name=withdraw_reason][value=other]').check();
  await page.fill('#f-withdraw_mobile', mobile);
  await form.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await page.waitForFunction(() => /Write the reason in a few words/.test(document.querySelector('#withdraw .error-summary')?.textContent || ''));
  await page.fill('#f-withdraw_comment', 'A neighbour replaced the fuse');
  // What was typed is kept: "Unfinished forms" names it a withdrawal and leads back to it, and
  // over a reload the form opens by itself with it.
  await page.waitForTimeout(1200);
  await page.goto(`${server.base}/drafts`);
  await ready(page);
  const row = page.locator('.ticket-row', { hasText: 'Withdrawal' });
  await row.waitFor();
  assert.match(await row.textContent(), /Withdrawal — XXXXXX0083/);
  assert.equal(await row.getByRole('link').getAttribute('href'), `/track/${number}`);
  await row.getByRole('link').click();
  await page.waitForURL(new RegExp(`/track/${number}$`));
  await page.reload();
  await ready(page);
  await page.locator('#withdraw[open]').waitFor();
  assert.equal(await page.inputValue('#f-withdraw_comment'), 'A neighbour replaced the fuse');
  assert.equal(await page.locator('input[name=withdraw_reason][value=other]').isChecked(), true);
  await page.waitForTimeout(3200); // the filing's own code went to this mobile moments ago
  const seen = await server.otpCount(mobile);
  await form.getByRole('button', { name: /Send code|कोड भेजें/ }).click();
  const code = await server.otp(mobile, seen + 1);
  assert.match((await server.sms(mobile))[0], /to withdraw a complaint or application/);
  await page.fill('#f-withdraw_code', code);
  await form.getByRole('button', { name: /^(Withdraw|वापस लें)$/ }).click();
  await page.waitForFunction(() => /Withdrawn|वापस लिया गया/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 8000 });
  assert.equal(await page.locator('#withdraw').count(), 0, 'nothing left to withdraw');
  assert.match(await page.textContent('.timeline'), /A neighbour replaced the fuse/);
  const { body } = await server.api(`/complaints/${number}`);
  assert.equal(body.status, 'withdrawn');
  assert.match((await server.sms(mobile))[0], /आपके कहने पर शिकायत वापस ली गई/);
  // The draft went with it.
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('withdraw-')).length), 0);
  await page.close();
});

test('a withdrawal sent just after the office marked the complaint fixed is refused with why, in Hindi', async () => {
  const mobile = '9890000085';
  const number = await fileViaApi(server, mobile);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.locator('#withdraw summary').click();
  await page.locator('input[name=withdraw_reason][value=fixed]').check();
  await page.fill('#f-withdraw_mobile', mobile);
  await page.waitForTimeout(3200);
  const seen = await server.otpCount(mobile);
  await page.locator('#withdraw').getByRole('button', { name: 'कोड भेजें' }).click();
  await page.fill('#f-withdraw_code', await server.otp(mobile, seen + 1));
  for (let i = 0; i < 3; i++) await server.advance(number); // meanwhile the crew fixed it
  await page.locator('#withdraw').getByRole('button', { name: 'वापस लें', exact: true }).click();
  await page.getByText('अब यह नहीं किया जा सकता: इसकी स्थिति अभी-अभी बदली है').waitFor();
  assert.equal((await server.api(`/complaints/${number}`)).body.status, 'resolved');
  await page.close();
});

test('a refused application says who refused it and why, and where to take it, in both languages', async () => {
  const mobile = '9890000086';
  const number = await applyViaApi(server, mobile);
  await server.advance(number);
  const why = { en: 'The premises are more than 300 m from a line; a line estimate is needed', hi: 'परिसर लाइन से 300 मीटर से अधिक दूर है; लाइन का एस्टीमेट चाहिए' };
  const r = await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ reject: why }) });
  assert.equal(r.body.status, 'rejected');
  // A complaint cannot be refused this way.
  const complaint = await fileViaApi(server, '9890000087');
  assert.equal((await server.api(`/dev/tickets/${complaint}/advance`, { method: 'POST', body: JSON.stringify({ reject: why }) })).status, 409);
  assert.match((await server.sms(mobile))[0], /अधिशासी अभियंता द्वारा अस्वीकृत: परिसर लाइन से 300 मीटर से अधिक दूर है/);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.locator('#refused').waitFor();
  assert.equal(await page.textContent('.tag'), 'अस्वीकृत');
  const panel = await page.textContent('#refused');
  assert.match(panel, /यह आवेदन अस्वीकार हुआ/);
  assert.match(panel, /केवल अधिशासी अभियंता कनेक्शन अस्वीकार कर सकते हैं/);
  assert.match(panel, /उपभोक्ता शिकायत निवारण फोरम/);
  assert.match(await page.getAttribute('#refused a[href^="tel:"]', 'href'), /^tel:[0-9+]+$/);
  assert.match(await page.textContent('.timeline'), /अधिशासी अभियंता द्वारा अस्वीकृत: परिसर लाइन से 300 मीटर/);
  assert.equal(await page.locator('.stages, #withdraw').count(), 0, 'nothing still to come, nothing to withdraw');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /This application was refused/.test(document.querySelector('#refused')?.textContent || ''));
  assert.match(await page.textContent('#refused'), /Only the Executive Engineer may refuse a connection, and must give the reason/);
  assert.match(await page.textContent('.timeline'), /Refused by the Executive Engineer: The premises are more than 300 m from a line/);
  await page.close();
});

test('an application with a query open can be answered or withdrawn; withdrawn in English, its stages stop', async () => {
  const mobile = '9890000084';
  const number = await queryRaised(mobile);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  const form = page.locator('#withdraw');
  await form.getByText('Withdraw this application').click();
  // Both forms on one page, and no id twice.
  const twice = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(twice, []);
  assert.deepEqual(await form.locator('input[name=withdraw_reason]').evaluateAll((xs) => xs.map((x) => x.value)), ['not_needed', 'duplicate', 'other']);
  await form.locator('input[name=withdraw_reason][value=not_needed]').check();
  await page.fill('#f-withdraw_mobile', mobile);
  await page.waitForTimeout(3200);
  const seen = await server.otpCount(mobile);
  await form.getByRole('button', { name: 'Send code' }).click();
  // A wrong code is refused by the field, and the choice stays.
  await server.otp(mobile, seen + 1);
  await page.fill('#f-withdraw_code', '000000');
  await form.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#withdraw .error-summary a[href="#f-withdraw_code"]'));
  // The query's answer form fails too, beside it: still no id twice.
  await page.locator('.panel-feedback button.button:not(.button-secondary)').click();
  await page.locator('.panel-feedback .error-summary').waitFor();
  assert.deepEqual(await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  }), []);
  assert.equal(await page.locator('input[name=withdraw_reason][value=not_needed]').isChecked(), true);
  const code = await server.otp(mobile, seen + 1);
  await page.fill('#f-withdraw_code', code);
  await form.getByRole('button', { name: 'Withdraw', exact: true }).click();
  await page.waitForFunction(() => /Withdrawn/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 8000 });
  assert.equal(await page.locator('.panel-feedback, #withdraw').count(), 0, 'no query to answer, nothing to withdraw');
  assert.equal(await page.locator('.stages').count(), 0, 'no stages still to come');
  assert.match(await page.textContent('.timeline'), /Withdrawn by the person who filed it: the connection is no longer needed/);
  const { body } = await server.api(`/connections/${number}`);
  assert.equal(body.status, 'withdrawn');
  await page.close();
});

test('resolved → "not fixed" → reopened on the server, reason in the timeline; the half-filled answer survives a reload', async () => {
  const mobile = '9890000003';
  const number = await fileViaApi(server, mobile);
  await resolve(number);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  await page.waitForSelector('.panel-feedback');
  await page.check('input[name=resolved][value=no]');
  await page.fill('#f-comment', 'half typed');
  await page.waitForTimeout(2500); // autosave, and a poll or two that must not wipe it
  assert.equal(await page.inputValue('#f-comment'), 'half typed');
  await page.reload();
  await ready(page);
  await page.waitForSelector('.panel-feedback');
  assert.equal(await page.inputValue('#f-comment'), 'half typed');
  await giveFeedback(page, mobile, false);
  await page.waitForFunction(() => /फिर से खोली/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 8000 });
  assert.match(await page.textContent('.timeline'), /Still no light in the evening/);
  const { body } = await server.api(`/complaints/${number}`);
  assert.equal(body.status, 'reopened');
  const left = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.draft.')));
  assert.deepEqual(left, [], 'the feedback draft is removed once the server accepted it');
});

test('malformed and unknown numbers, and a server that is down, get clear messages', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/track`);
  await ready(page);
  const show = async (typed, name = 'स्थिति देखें') => {
    await page.fill('#f-number', typed);
    await page.getByRole('button', { name }).click();
    await page.locator('.error-summary').waitFor();
    assert.equal(await page.inputValue('#f-number'), typed, 'what was typed stays');
    return page.textContent('#number-error');
  };
  // Each usual mistake gets its own advice: too few digits, the account or mobile number, a digit mistyped.
  assert.match(await show('12345'), /इसमें 5 अंक हैं। शिकायत या आवेदन संख्या 12 अंकों की होती है/);
  assert.match(await show('1678444072'), /यह खाता संख्या या मोबाइल नंबर जैसा लगता है। शिकायत या आवेदन संख्या 12 अंकों की होती है/);
  const real = await fileViaApi(server, '9890000081');
  const i = [...real].findIndex((c, k) => k > 0 && k < 10 && c !== real[k + 1]); // two different neighbours
  const swapped = real.slice(0, i) + real[i + 1] + real[i] + real.slice(i + 2);
  assert.match(await show(swapped.replace(/(\d{4})(?=\d)/g, '$1 ')), /शायद कोई अंक गलत लिखा गया है या दो अंक आपस में बदल गए हैं/);
  // The message follows the language, and so does the summary's.
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /a digit may be mistyped, or two swapped/.test(document.querySelector('#number-error')?.textContent || ''));
  assert.match(await page.textContent('.error-summary'), /a digit may be mistyped, or two swapped/);
  assert.match(await show('+91 98765 43210', 'Show status'), /This looks like an account or mobile number\. A complaint or application number has 12 digits/);
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  // The whole SMS pasted in (its text, the spaced number, the link): the number is read from it.
  const sms = (await server.sms('9890000081')).find((b) => !b.includes('OTP'));
  assert.ok(sms.includes(real.slice(0, 4) + ' '), sms);
  await page.fill('#f-number', sms);
  await page.getByRole('button', { name: 'स्थिति देखें' }).click();
  await page.waitForURL(new RegExp(`/track/${real}$`));
  await page.waitForSelector('#subject');
  await page.goto(`${server.base}/track/123456789012`);
  await ready(page);
  assert.match(await page.textContent('main'), /12 अंकों का नंबर/);
  await page.goto(`${server.base}/track/100000000011`);
  await ready(page);
  // A well-formed number (valid check digit) that does not exist.
  const wellFormed = '1' + '0'.repeat(10);
  const digits = [...wellFormed].reverse();
  const d = [[0,1,2,3,4,5,6,7,8,9],[1,2,3,4,0,6,7,8,9,5],[2,3,4,0,1,7,8,9,5,6],[3,4,0,1,2,8,9,5,6,7],[4,0,1,2,3,9,5,6,7,8],[5,9,8,7,6,0,4,3,2,1],[6,5,9,8,7,1,0,4,3,2],[7,6,5,9,8,2,1,0,4,3],[8,7,6,5,9,3,2,1,0,4],[9,8,7,6,5,4,3,2,1,0]];
  const p = [[0,1,2,3,4,5,6,7,8,9],[1,5,7,6,2,8,3,0,9,4],[5,8,0,3,7,9,6,1,4,2],[8,9,1,6,0,4,3,5,2,7],[9,4,5,3,1,2,6,8,7,0],[4,2,8,6,5,7,3,9,0,1],[2,7,9,3,8,0,6,4,1,5],[7,0,4,6,9,1,3,2,5,8]];
  const inv = [0,4,3,2,1,5,6,7,8,9];
  let c = 0; digits.forEach((x, i) => { c = d[c][p[(i + 1) % 8][Number(x)]]; });
  const missing = wellFormed + inv[c];
  await page.goto(`${server.base}/track/${missing}`);
  await ready(page);
  await page.waitForSelector('[role=alert]');
  assert.match(await page.textContent('[role=alert]'), /नंबर नहीं मिला/);
  // Server down: the page says so instead of crashing.
  const number = await fileViaApi(server, '9890000004');
  const down = await newPage(browser);
  await down.route('**/api/v1/complaints/**', (r) => r.abort('connectionrefused'));
  await down.goto(`${server.base}/track/${number}`);
  await ready(down);
  await down.waitForSelector('[role=alert]');
  assert.match(await down.textContent('[role=alert]'), /सर्वर से संपर्क नहीं/);
  assert.deepEqual(down.errors.filter((e) => !/ERR_|net::/.test(e)), []);
});

test('the status page does not move when the catalogue that names the problem arrives after the ticket', async () => {
  const number = await fileViaApi(server, '9890000082');
  const page = await newPage(browser);
  let release;
  const gate = new Promise((r) => { release = r; });
  await page.route('**/api/v1/meta*', async (route) => { await gate; await route.continue(); });
  try {
    await page.goto(`${server.base}/track/${number}`);
    await page.waitForSelector('#filed-at');
    const before = await page.locator('#filed-at').boundingBox();
    assert.equal(await page.textContent('#subject'), '', 'the row is kept for the name');
    release();
    await page.waitForFunction(() => document.querySelector('#subject')?.textContent === 'बिजली नहीं है — केवल मेरे घर में');
    const after = await page.locator('#filed-at').boundingBox();
    assert.equal(after.y, before.y, 'the rows below did not move');
  } finally {
    release();
    await page.close();
  }
});

test('My tickets: a tracked complaint appears, says what it is about, survives reload, and can be removed', async () => {
  const number = await fileViaApi(server, '9890000005');
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.waitForSelector('.tag');
  // The status page says what kind of number it is and what the complaint is about, and when it was filed.
  assert.equal(await page.textContent('.caption'), 'शिकायत');
  assert.equal(await page.textContent('#subject'), 'बिजली नहीं है — केवल मेरे घर में');
  assert.match(await page.textContent('#filed-at'), /^\d\d\/\d\d\/20\d\d, \d\d:\d\d$/);
  assert.match(await page.title(), new RegExp(`^शिकायत ${number.replace(/(\d{4})(?=\d)/g, '$1 ')}`));
  await page.goto(`${server.base}/tickets`);
  await ready(page);
  assert.equal(await page.locator(`a[href="/track/${number}"]`).count(), 1);
  // With several numbers on one phone, each line says which problem it is.
  await page.waitForSelector('.ticket-what');
  assert.equal(await page.textContent('.ticket-row .ticket-what'), 'बिजली नहीं है — केवल मेरे घर में');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('.ticket-what')?.textContent === 'No electricity — Only my house');
  await page.reload();
  await ready(page);
  assert.equal(await page.locator(`a[href="/track/${number}"]`).count(), 1);
  await page.locator('.ticket-row button').first().click();
  assert.equal(await page.locator(`a[href="/track/${number}"]`).count(), 0);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator(`a[href="/track/${number}"]`).count(), 0);
});

test('My tickets brings open statuses up to date when opened, marks the overdue ones, and says when it cannot', async () => {
  const moving = await fileViaApi(server, '9890000023');
  const late = await fileViaApi(server, '9890000024');
  const page = await newPage(browser);
  for (const n of [moving, late]) {
    await page.goto(`${server.base}/track/${n}`);
    await ready(page);
    await page.waitForSelector('.tag');
  }
  // While nobody is looking, the office moves one and the other passes its deadline.
  await server.advance(moving);
  await server.api(`/dev/tickets/${late}/advance`, { method: 'POST', body: JSON.stringify({ overdue: true }) });
  const gets = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/complaints/')) gets.push(r.url()); });
  await page.goto(`${server.base}/tickets`);
  await ready(page);
  const row = (n) => page.locator('.ticket-row', { has: page.locator(`a[href="/track/${n}"]`) });
  await page.waitForFunction(() => document.querySelectorAll('.tag-overdue').length === 1);
  assert.match(await row(moving).textContent(), /सौंपी गई/);
  assert.equal(await row(moving).locator('.tag-overdue').count(), 0);
  assert.match(await row(late).locator('.tag-overdue').textContent(), /देरी/);
  assert.equal(gets.length, 2, `one request per open ticket: ${gets}`);
  // Offline: the list stays, with a word that it may be out of date.
  await page.route('**/api/v1/complaints/**', (r) => r.abort('internetdisconnected'));
  await page.getByRole('button', { name: 'English' }).click();
  await page.reload();
  await ready(page);
  await page.waitForSelector('.notice-offline');
  assert.match(await page.textContent('.notice-offline'), /last known status/);
  assert.match(await row(moving).textContent(), /Assigned/);
  assert.match(await row(late).locator('.tag-overdue').textContent(), /Overdue/);
  assert.deepEqual(page.errors, []);
});

test('an application shows its stages; a raised query is answered with a document and an OTP', async () => {
  const mobile = '9890000006';
  const number = await queryRaised(mobile);
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  await page.waitForSelector('.stages');
  assert.match(await page.textContent('.stage-current'), /आपसे प्रश्न/);
  assert.equal(await page.textContent('.stage-current .stage-yours'), 'आपकी बारी');
  assert.equal(await page.textContent('.stage-current .stage-who'), 'आप कार्यालय के प्रश्न का उत्तर देते हैं');
  assert.equal(await page.locator('.stage-done').count(), 2);
  await page.waitForSelector('#query-title');
  // The statutory clock stops while the office waits for the applicant: no date, no countdown.
  assert.match(await page.textContent('#clock-paused'), /समय-सीमा रुकी हुई है/);
  assert.equal(await page.locator('.countdown').count(), 0);
  // The applicant's own time limit instead: the last day to answer, and what may follow it.
  const { body: raised } = await server.api(`/connections/${number}`);
  const [y, m, d] = raised.answer_by.split('-');
  assert.match(await page.textContent('#answer-by'), new RegExp(`${d}/${m}/${y}`));
  assert.match(await page.textContent('#answer-by'), /इस दिन के अंत तक उत्तर न मिलने पर कार्यालय बिना कनेक्शन दिए आवेदन बंद कर सकता है/);
  assert.match(await page.textContent('.timeline'), new RegExp(`कृपया ${d}/${m}/${y} तक स्थिति पेज पर उत्तर दें`));
  // A program renamed .jpg is refused by its content, with a clear message.
  await page.fill('#f-comment', 'House tax receipt attached');
  await page.setInputFiles('#f-file', { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00 not really a photo') });
  // Our own button and the file's name, in the page's language (not the browser's "Choose File").
  assert.equal((await page.textContent('label[for=f-file].file-button')).trim(), 'फ़ाइल चुनें');
  assert.equal(await page.textContent('#f-file-name'), 'receipt.jpg');
  await codeForAnswer(page, mobile);
  await page.getByRole('button', { name: 'उत्तर भेजें' }).click();
  await page.waitForSelector('#file-error');
  assert.match(await page.textContent('#file-error'), /JPG या PNG/);
  // A real PDF goes through.
  await page.setInputFiles('#f-file', { name: 'receipt.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%receipt\n') });
  await page.getByRole('button', { name: 'उत्तर भेजें' }).click();
  await page.waitForFunction(() => /उत्तर भेजा गया/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 8000 });
  // Answered: the full three days (Varanasi) start again.
  await page.waitForSelector('.countdown');
  // Days and hours, not "71 घंटे 59 मिनट".
  assert.match(await page.textContent('.countdown'), /^ \((2 दिन 23 घंटे|3 दिन) बाकी\)$/);
  assert.equal(await page.locator('#clock-paused').count(), 0);
  assert.equal(await page.locator('#answer-by').count(), 0, 'answered: no date to answer by');
  // Answered, the question's step is still the current one, but no longer the applicant's turn.
  assert.match(await page.textContent('.stage-current .stage-name'), /आपसे प्रश्न/);
  assert.equal(await page.locator('.stage-yours').count(), 0);
  const { body } = await server.api(`/connections/${number}`);
  assert.equal(body.status, 'resubmitted');
  assert.ok(body.updates.some((u) => u.note.en.includes('House tax receipt attached')));
  assert.deepEqual(page.errors.filter((e) => !/status of 422/.test(e)), []);
});

test('at an office kiosk a query is answered with a document photographed by the kiosk\'s camera, never a file from its disk (English)', async () => {
  const mobile = '9890000007';
  const number = await queryRaised(mobile);
  const page = await newPage(browser);
  await page.goto(`${server.base}/?kiosk=1&idle=600`);
  await ready(page);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('#query-title');
  assert.equal(await page.locator('input[type=file]').count(), 0, 'nothing opens the kiosk\'s disk');
  await page.fill('#f-comment', 'Tax receipt photographed');
  const form = page.locator('.panel-feedback');
  await form.getByRole('button', { name: /^Take a photo/ }).click();
  const capture = form.getByRole('button', { name: 'Capture' });
  await capture.waitFor();
  await page.waitForFunction(() => !document.querySelector('.panel-feedback .camera .button:not(.button-secondary)')?.disabled);
  await capture.click();
  await form.getByRole('button', { name: 'Use this photo' }).click();
  await page.waitForFunction(() => document.querySelector('#f-file-name')?.textContent === 'document.jpg');
  assert.equal(await form.locator('video').count(), 0, 'the camera is closed once the photo is taken');
  await codeForAnswer(page, mobile);
  await page.getByRole('button', { name: 'Send answer' }).click();
  await page.waitForFunction(() => /Answer sent/.test(document.querySelector('.tag')?.textContent || ''), null, { timeout: 8000 });
  const rec = await server.record(number);
  assert.ok(rec.body.uploads.some((u) => u.document_type === 'ownership_proof' && u.content_type === 'image/jpeg'), 'the photographed document reached the office');
  assert.deepEqual(page.errors, []);
});

test('notices follow the language; overdue says what to do; offline shows the last known status', async () => {
  const page = await newPage(browser);
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/announcements')) asked.push(new URL(r.url()).search); });
  await page.goto(`${server.base}/`);
  await ready(page);
  await page.waitForSelector('.news-item');
  // The home page downloads only the notices it shows, however many the discom has posted.
  assert.ok(asked.length > 0 && asked.every((q) => /[?&]hide_ended=true&limit=3\b/.test(q)), asked.join(' '));
  // The seeded shutdown (30 November) is over: the home page's latest notices leave it out rather
  // than let "supply will be off" read as news; the notices page keeps it, tagged.
  assert.match(await page.textContent('.news'), /स्मार्ट प्रीपेड मीटर/);
  assert.doesNotMatch(await page.textContent('.news'), /निर्धारित कटौती/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Smart prepaid meter/.test(document.querySelector('.news')?.textContent || ''));
  assert.doesNotMatch(await page.textContent('.news'), /Planned shutdown/);
  // A returning visitor's service worker may answer from a copy kept before the cut ended: the
  // cut is left out of that copy too (the marked title shows the kept copy was the one used).
  await page.waitForFunction(() => navigator.serviceWorker?.controller, null, { timeout: 20000 });
  const { body: all } = await server.api('/announcements?lang=en');
  assert.ok(all.some((a) => /Planned shutdown/.test(a.title)), 'the full list has the ended cut');
  const kept = all.map((a) => (/Smart prepaid meter/.test(a.title) ? { ...a, title: `${a.title} (kept copy)` } : a));
  await keepAnswer(page, '/announcements?lang=en&hide_ended=true&limit=3', kept);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => /kept copy/.test(document.querySelector('.news')?.textContent || ''));
  assert.doesNotMatch(await page.textContent('.news'), /Planned shutdown/);
  await page.goto(`${server.base}/announcements`);
  await ready(page);
  await page.waitForSelector('.news-item');
  assert.equal(await page.locator('.news-item').count(), 3);
  const shutdown = (p) => p.locator('.news-item', { hasText: /Sigra feeder/ });
  assert.equal(await shutdown(page).locator('.outage-phase').textContent(), 'Over');
  assert.equal(await page.locator('.outage-phase').count(), 1, 'only power cuts carry one');
  assert.equal(await shutdown(page).locator('.outage-window').textContent(), 'Varanasi · 30/11/2026, 10:00 – 30/11/2026, 14:00',
    'where, and when in India time');
  assert.ok(await page.locator('main a[href*="PuVVNL"]').count() >= 1, 'official social pages linked');
  // Overdue: past the SLA, the page explains escalation to the grievance forum.
  const number = await fileViaApi(server, '9890000007');
  await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ overdue: true }) });
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  await page.waitForSelector('#overdue-title');
  assert.match(await page.textContent('.warning-panel'), /Grievance Redressal Forum, which must decide within 45 days/, 'the days come from /meta');
  assert.equal(await page.locator('.warning-panel a[href="tel:1912"]').textContent(), '1912', 'a tap calls the forum');
  assert.match(await page.textContent('.countdown'), /^ \(overdue by 1 h( [1-9] min)?\)$/, 'no "0 min" beside the hour');
  // Hindi: "1 घंटे की देरी" (the oblique form before की), not "1 घंटा की देरी".
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  await page.waitForFunction(() => /^ \(1 घंटे( [1-9] मिनट)? की देरी\)$/.test(document.querySelector('.countdown')?.textContent || ''));
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /overdue by/.test(document.querySelector('.countdown')?.textContent || ''));
  assert.equal(await page.locator('#compensation').count(), 0, 'no compensation is published for this fault');
  assert.equal(await page.locator('#compensation-rate').count(), 0);
  // The network goes away: the last known status stays, with its time.
  await page.route('**/api/v1/complaints/**', (r) => r.abort('internetdisconnected'));
  await page.waitForSelector('.notice-offline', { timeout: 10000 });
  assert.match(await page.textContent('.notice-offline'), /last known status/);
  assert.match(await page.textContent('.tag'), /Assigned/);
});

/** An instant as the data files write it (RFC 3339, whole seconds). */
const iso = (ms) => new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z');

/** The query of every notices request `page` makes from now on, as sent (without a trailing `&`). */
function noticesAsked(page) {
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('/api/v1/announcements')) asked.push(new URL(r.url()).search.replace(/&$/, '')); });
  return asked;
}

test('the notices page shows 20 at a time and older ones on asking, a failed page said and tried again, one district\'s on choosing it, in both languages', async () => {
  // 45 notices: the three shipped, and 42 more published an hour apart before them (two of them
  // at the same minute, which the server orders by id so that the pages meet).
  const data = dataWithAnnouncements((anns) => {
    for (let i = 1; i <= 42; i++) {
      const at = Date.UTC(2026, 9, 1) - Math.min(i, 41) * 3600e3;
      anns.push({ id: `n${String(i).padStart(2, '0')}`, published_at: iso(at), kind: 'notice', link: null,
        title: { en: `Notice number ${i}`, hi: `सूचना क्रमांक ${i}` }, body: { en: `Body ${i}`, hi: `विवरण ${i}` } });
    }
    // Two of them are Ghazipur's power cuts (the shipped one is Varanasi's).
    for (const n of ['n05', 'n06']) {
      Object.assign(anns.find((a) => a.id === n), { kind: 'outage', district: 'GZP', from: '2026-09-01T04:30:00Z', until: '2026-09-01T08:30:00Z' });
    }
  });
  const many = await startServer(['--data-dir', data]);
  const empty = await startServer(['--data-dir', dataWithAnnouncements((anns) => anns.splice(0))]);
  try {
    const page = await newPage(browser);
    const asked = noticesAsked(page);
    await page.goto(`${many.base}/announcements`);
    await ready(page);
    await page.waitForSelector('.news-item');
    const items = () => page.locator('.news-item h3').allTextContents();
    // The other notices' pages; the cuts ahead are asked for on their own (another test).
    const pages = () => asked.filter((q) => !/kind=outage/.test(q));
    assert.equal((await items()).length, 20, 'a page at a time on a weak network');
    assert.deepEqual(pages(), ['?lang=hi&limit=21'], 'one more than it shows tells whether older remain');
    const older = page.getByRole('button', { name: 'पुरानी सूचनाएँ दिखाएँ' });
    await older.click();
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 40);
    assert.equal(pages().at(-1), '?lang=hi&limit=21&offset=20');
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'notice-20', 'focus goes on from the first notice added');
    // The network drops: said in Hindi, the 40 stay, and the button tries again.
    await page.context().setOffline(true);
    await older.click();
    await page.waitForSelector('.error-message[role=alert]');
    assert.equal(await page.textContent('.error-message'), 'पुरानी सूचनाएँ लोड नहीं हो सकीं। अपना इंटरनेट जाँचें और बटन फिर से दबाएँ।');
    assert.equal((await items()).length, 40);
    await page.context().setOffline(false);
    await older.click();
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 45);
    assert.equal(await page.locator('.error-message').count(), 0);
    assert.equal(await older.count(), 0, 'nothing older remains');
    const shown = await items();
    assert.equal(new Set(shown).size, 45, 'none twice');
    assert.deepEqual(shown.slice(-3), ['सूचना क्रमांक 40', 'सूचना क्रमांक 41', 'सूचना क्रमांक 42'], 'oldest last, the tie by id');
    // English starts the list again, in English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => {
      const h = [...document.querySelectorAll('.news-item h3')];
      return h.length === 20 && h.every((x) => !/[\u0900-\u097F]/.test(x.textContent));
    });
    await page.getByRole('button', { name: 'Show older notices' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 40);
    assert.ok((await items()).every((t) => !/सूचना/.test(t)));
    // One district's: its cuts and the notices for everyone, not another district's cut; the
    // address keeps the choice (in place of the address before: no Back through each district).
    const historyBefore = await page.evaluate(() => history.length);
    await page.selectOption('#f-district', 'GZP');
    await page.waitForURL(/\/announcements\?district=GZP$/);
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 20);
    assert.equal(pages().at(-1), '?lang=en&limit=21&district=GZP');
    await page.getByRole('button', { name: 'Show older notices' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 40);
    assert.equal(pages().at(-1), '?lang=en&limit=21&offset=20&district=GZP');
    await page.getByRole('button', { name: 'Show older notices' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 44);
    const gzp = await items();
    assert.ok(!gzp.some((t) => /Sigra/.test(t)), 'not Varanasi\'s cut');
    assert.equal(gzp.filter((t) => /Notice number [56]$/.test(t)).length, 2, 'Ghazipur\'s cuts');
    assert.equal(await page.locator('.news-item', { hasText: 'Notice number 5' }).locator('.outage-window').first().textContent(),
      'Ghazipur · 01/09/2026, 10:00 – 01/09/2026, 14:00');
    assert.equal(await page.evaluate(() => history.length), historyBefore);
    await page.selectOption('#f-district', '');
    await page.waitForURL(/\/announcements$/);
    await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 20 && /Sigra/.test(document.querySelector('.news-list').textContent));
    assert.equal(await page.inputValue('#f-district'), '');
    assert.equal(await page.evaluate(() => history.length), historyBefore);
    assert.deepEqual(page.errors, []);
    await page.context().close();
    // A district the catalogue does not know (an old or mistyped link): every district's.
    const unknown = await newPage(browser);
    await unknown.goto(`${many.base}/announcements?district=XYZ`);
    await ready(unknown);
    await unknown.waitForFunction(() => document.querySelectorAll('.news-item').length === 20);
    assert.equal(await unknown.inputValue('#f-district'), '');
    assert.match(await unknown.textContent('.news-list'), /Sigra|सिगरा/);
    await unknown.context().close();
    // No notices at all: said, in both languages, with no button.
    const none = await newPage(browser);
    await none.goto(`${empty.base}/announcements`);
    await ready(none);
    await none.waitForFunction(() => /अभी कोई सूचना नहीं है।/.test(document.querySelector('main')?.textContent || ''));
    await none.getByRole('button', { name: 'English' }).click();
    await none.waitForFunction(() => /There are no notices at the moment\./.test(document.querySelector('main')?.textContent || ''));
    assert.equal(await none.locator('.news-list, main .button-secondary').count(), 0);
    await none.context().close();
  } finally {
    await many.stop();
    await empty.stop();
  }
});

test('the notices page lists the power cuts on now and coming up first, the soonest first, for the chosen district, in both languages', async () => {
  // Published in another order than they start: the one announced last starts last.
  const H = 3600e3;
  const now = Date.now();
  const data = dataWithAnnouncements((anns) => {
    const cut = (id, district, from, until, published, en, hi) => anns.push({ id, kind: 'outage', link: null, district,
      published_at: iso(now + published * H), from: iso(now + from * H), until: until === null ? null : iso(now + until * H),
      title: { en, hi }, body: { en: `About ${en}`, hi: `${hi} के बारे में` } });
    cut('later', 'VNS', 48, 52, -1, 'Lanka feeder', 'लंका फीडर');
    cut('soon', 'VNS', 20, 24, -30, 'Bhelupur feeder', 'भेलूपुर फीडर');
    cut('on', 'VNS', -1, 3, -50, 'Lahurabir feeder', 'लहुराबीर फीडर');
    cut('gzp', 'GZP', 5, 8, -2, 'Ghazipur town feeder', 'ग़ाज़ीपुर नगर फीडर');
    // Begun, and nobody gave it an end: not "on now" for ever; it stays among the other notices.
    cut('stuck', 'VNS', -5, null, -6, 'Cantt feeder', 'कैंट फीडर');
  });
  const s = await startServer(['--data-dir', data]);
  try {
    const page = await newPage(browser);
    const asked = noticesAsked(page);
    await page.goto(`${s.base}/announcements`);
    await ready(page);
    const cuts = () => page.locator('ul[aria-labelledby=cuts-title] .news-item h3').allTextContents();
    const others = () => page.locator('ul[aria-labelledby=others-title] .news-item h3').allTextContents();
    await page.waitForSelector('ul[aria-labelledby=cuts-title] .news-item');
    await page.waitForSelector('ul[aria-labelledby=others-title] .news-item');
    assert.equal(await page.textContent('#cuts-title'), 'बिजली कटौती: अभी जारी और आने वाली');
    assert.deepEqual(await cuts(), ['अभी जारी लहुराबीर फीडर', 'आने वाली ग़ाज़ीपुर नगर फीडर', 'आने वाली भेलूपुर फीडर', 'आने वाली लंका फीडर'],
      'on now first, then the soonest to start');
    assert.ok(asked.includes('?lang=hi&kind=outage&hide_ended=true&order=soonest&limit=21'), asked.join(' '));
    const below = await others();
    assert.ok(below.some((t) => /कैंट फीडर/.test(t)), 'a cut without an end is still told, below');
    assert.ok(below.some((t) => /सिगरा फीडर/.test(t)), 'and the one that is over');
    assert.ok(!below.some((t) => /लंका|भेलूपुर|लहुराबीर|ग़ाज़ीपुर/.test(t)), 'none of the cuts above twice');
    assert.equal(await page.textContent('#others-title'), 'अन्य सूचनाएँ');
    const scan = async () => (await axe(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
    assert.deepEqual(await scan(), [], 'the two lists pass axe (headings in order, the lists named)');
    // English: the same cuts in the same order.
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => /Lanka/.test(document.querySelector('ul[aria-labelledby=cuts-title]')?.textContent || ''));
    assert.deepEqual(await cuts(), ['On now Lahurabir feeder', 'Coming up Ghazipur town feeder', 'Coming up Bhelupur feeder', 'Coming up Lanka feeder']);
    assert.equal(await page.textContent('#cuts-title'), 'Power cuts: on now and coming up');
    await page.setViewportSize({ width: 360, height: 740 });
    assert.deepEqual(await scan(), [], 'and at 360 px in English');
    // One district: only its cuts.
    await page.selectOption('#f-district', 'GZP');
    await page.waitForFunction(() => document.querySelectorAll('ul[aria-labelledby=cuts-title] .news-item').length === 1);
    assert.deepEqual(await cuts(), ['Coming up Ghazipur town feeder']);
    assert.ok(asked.includes('?lang=en&kind=outage&hide_ended=true&order=soonest&limit=21&district=GZP'), asked.join(' '));
    // A district with none: said with its name, in both languages, and where to report a cut.
    await page.selectOption('#f-district', 'BAL');
    await page.waitForSelector('#cuts-none');
    assert.equal(await page.textContent('#cuts-none'), 'No power cut is announced for Ballia.');
    assert.equal(await page.locator('ul[aria-labelledby=cuts-title]').count(), 0);
    await page.getByRole('button', { name: 'हिन्दी' }).click();
    await page.waitForFunction(() => document.querySelector('#cuts-none')?.textContent === 'बलिया के लिए कोई बिजली कटौती घोषित नहीं है।');
    await page.getByRole('link', { name: 'शिकायत दर्ज करें' }).click();
    await page.waitForURL(/\/complaint\/new/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
    // The cuts could not be loaded: said there, and the other notices still list every one.
    const failed = await newPage(browser);
    await failed.route(/\/api\/v1\/announcements\?.*kind=outage/, (r) => r.abort('internetdisconnected'));
    await failed.goto(`${s.base}/announcements?district=VNS`);
    await ready(failed);
    await failed.waitForSelector('ul[aria-labelledby=others-title] .news-item');
    await failed.waitForSelector('#cuts-title + p[role=alert]');
    assert.equal(await failed.textContent('#cuts-title + p[role=alert]'), 'बिजली कटौती की जानकारी लोड नहीं हो सकी। अपना इंटरनेट जाँचें और यह पेज फिर से खोलें।');
    const all = await failed.locator('ul[aria-labelledby=others-title] .news-item h3').allTextContents();
    assert.ok(['लंका', 'भेलूपुर', 'लहुराबीर', 'कैंट'].every((f) => all.some((t) => t.includes(f))), all.join(' | '));
    assert.ok(!all.some((t) => /ग़ाज़ीपुर/.test(t)), 'Varanasi\'s only');
    await failed.context().close();
  } finally {
    await s.stop();
  }
});

test('a late transformer fix says what compensation may be due, while open and once fixed, in both languages', async () => {
  const number = await fileViaApi(server, '9890000017', { category: 'transformer', subcategory: 'burnt' });
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  // Before the deadline: the rate a late fix would earn, under the deadline.
  const rate = page.locator('.summary-row #compensation-rate');
  await rate.waitFor();
  assert.match(await rate.textContent(), /^अगर तब तक ठीक नहीं हुआ, .* देरी के हर पूरे दिन के लिए आपको ₹150 की क्षतिपूर्ति मिल सकती है।$/);
  // Assigned, with the deadline 50 hours ago: two whole days late, still open.
  await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ overdue_hours: 50 }) });
  await page.waitForSelector('.warning-panel #compensation', { timeout: 10000 });
  assert.equal(await page.locator('#compensation-rate').count(), 0, 'once late, the figure owed says it instead');
  const hi = await page.textContent('#compensation');
  assert.match(hi, /₹150/);
  assert.match(hi, /अब तक पूरे दिन: 2, यानी ₹300/);
  assert.match(await page.textContent('.countdown'), /^ \(2 दिन 2 घंटे की देरी\)$/, 'days and hours once a day late');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Full days so far: 2, that is ₹300/.test(document.querySelector('#compensation')?.textContent || ''));
  assert.match(await page.textContent('.countdown'), /^ \(overdue by 2 days 2 h\)$/);
  // The printed page is the case file for the forum.
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print or save this page for the forum' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  // The office fixes it: the figure moves into the summary and stops growing.
  await server.advance(number);
  await server.advance(number);
  await page.waitForSelector('dd#compensation', { timeout: 10000 });
  assert.equal(await page.locator('.warning-panel').count(), 0);
  assert.match(await page.textContent('.summary-list'), /Compensation/);
  assert.match(await page.textContent('dd#compensation'), /^₹300 may be due/);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await page.isVisible('dd#compensation'), 'the figure is on the printout');
  assert.ok(await page.isVisible('.timeline'), 'so is the timeline');
  assert.ok(!(await page.isVisible('.panel-feedback')), 'the feedback form is not');
  assert.ok(!(await page.isVisible('.print-for-forum')), 'nor are buttons');
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  await page.waitForFunction(() => /₹300 की क्षतिपूर्ति/.test(document.querySelector('dd#compensation')?.textContent || ''));
  assert.match(await page.textContent('.summary-list'), /क्षतिपूर्ति/);
  assert.deepEqual(page.errors, []);
});

test('a lost number is found with the mobile and a code, in both languages; bad input is explained and kept', async () => {
  const mobile = '9890000031';
  const complaint = await fileViaApi(server, mobile);
  await new Promise((r) => setTimeout(r, 3200)); // the server's gap between two codes to one mobile
  const application = await applyViaApi(server, mobile);
  const someoneElse = await fileViaApi(server, '9890000032');
  const page = await newPage(browser);
  await page.goto(`${server.base}/track`);
  await ready(page);
  await page.getByRole('link', { name: 'संख्या खो गई? मोबाइल नंबर से खोजें' }).click();
  await page.waitForSelector('main h1:text("अपनी शिकायत और आवेदन संख्या खोजें")');

  // Nothing typed: both problems, in Hindi.
  await page.getByRole('button', { name: 'मेरी संख्याएँ दिखाएँ' }).click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.textContent('.error-summary'), /अपना मोबाइल नंबर लिखें/);
  assert.match(await page.textContent('.error-summary'), /मोबाइल नंबर की पुष्टि के लिए कोड मँगाएँ/);
  // A wrong mobile: the code is not sent, the message says why, what was typed stays.
  await page.fill('#f-mobile', '12345');
  await page.getByRole('button', { name: 'कोड भेजें' }).click();
  await page.waitForFunction(() => /6, 7, 8 या 9 से शुरू/.test(document.querySelector('main')?.textContent || ''));
  assert.equal(await page.inputValue('#f-mobile'), '12345');

  // The right mobile, in Devanagari digits; a wrong code first.
  await page.fill('#f-mobile', '९८९०००००३१');
  await new Promise((r) => setTimeout(r, 3200));
  await page.getByRole('button', { name: 'कोड भेजें' }).click();
  const code = await server.otp(mobile, 3);
  await page.fill('#f-code', code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'मेरी संख्याएँ दिखाएँ' }).click();
  await page.waitForFunction(() => /कोड सही नहीं है/.test(document.querySelector('.error-summary')?.textContent || ''));
  assert.equal(await page.inputValue('#f-mobile'), '९८९०००००३१', 'the mobile is kept');
  await page.fill('#f-code', code);
  await page.getByRole('button', { name: 'मेरी संख्याएँ दिखाएँ' }).click();
  await page.waitForSelector('#found-list');
  const rows = await page.locator('#found-list .ticket-row').allTextContents();
  assert.equal(rows.length, 2, 'only what this mobile filed');
  assert.match(rows[0], /आवेदन/, 'newest first: the application');
  assert.match(rows[1], /शिकायत/);
  // Each says what it is about: the connection applied for, the problem.
  assert.deepEqual(await page.locator('#found-list .ticket-what').allTextContents(), ['एलएमवी-1 घरेलू, 2 किलोवाट', 'बिजली नहीं है — केवल मेरे घर में']);
  const links = await page.locator('#found-list a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(links, [`/track/${application}`, `/track/${complaint}`]);
  assert.ok(!links.includes(`/track/${someoneElse}`));
  assert.match(await page.textContent('main'), /इस मोबाइल नंबर से दर्ज: 2/);

  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForSelector('main h1:text("Find my complaint and application numbers")');
  assert.match(await page.textContent('main'), /Filed with this mobile number: 2\. Open one to see its status\./);
  assert.match(await page.textContent('#found-list'), /Application/);
  assert.deepEqual(await page.locator('#found-list .ticket-what').allTextContents(), ['LMV-1 Domestic (home), 2 kW', 'No electricity — Only my house']);
  // Nothing of it is kept on the device (a cyber café's PC), nor in the address.
  const kept = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) + location.href);
  assert.ok(!/9890000031|९८९०००००३१/.test(kept), kept);
  await page.locator('#found-list a').first().click();
  await page.waitForURL(new RegExp(`/track/${application}$`));
  await page.waitForSelector('.summary-list');
  assert.equal(await page.textContent('.caption'), 'New connection application');
  await page.waitForSelector('#subject');
  assert.equal(await page.textContent('#subject'), 'LMV-1 Domestic (home), 2 kW');
  assert.match(await page.textContent('.summary-list'), /Connection applied for/);
  assert.deepEqual(page.errors, []);
});

test('a mobile with nothing filed is told so, in English', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/find`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.fill('#f-mobile', '9890000033');
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.fill('#f-code', await server.otp('9890000033'));
  await page.getByRole('button', { name: 'Show my numbers' }).click();
  await page.waitForFunction(() => /Nothing has been filed with this mobile number\./.test(document.querySelector('main')?.textContent || ''));
  assert.deepEqual(page.errors, []);
});

test('codes asked for many mobiles from one address are refused with the wait in minutes, in both languages', async () => {
  // SMS pumping: one address asking codes for mobile after mobile (each mobile's own limit untouched).
  const limited = await startServer(['--otp-per-client-hour', '2']);
  try {
    const find = await newPage(browser);
    await find.goto(`${limited.base}/find`);
    await ready(find);
    await find.fill('#f-mobile', '9890000041');
    await find.getByRole('button', { name: 'कोड भेजें' }).click();
    // The code field is there from the start; the button's new name says the server answered.
    await find.getByRole('button', { name: 'कोड नहीं मिला? नया कोड भेजें' }).waitFor();
    assert.equal(await limited.otpCount('9890000041'), 1);
    // The complaint form, in English: the second code goes; asking again is the third.
    const page = await newPage(browser);
    await page.goto(`${limited.base}/complaint/new`);
    await ready(page);
    await page.getByRole('button', { name: 'English' }).click();
    await page.check('input[name=account_choice][value=account]');
    await page.fill('#f-account_number', '1678444072');
    await page.selectOption('#f-district', 'VNS');
    for (const [next, act] of [[/problem/, null], [/details/, async () => { await page.check('input[name=category][value=no_supply]'); await page.check('input[name=subcategory][value=my_house]'); }],
      [/contact/, async () => { await page.fill('#f-description', 'No light'); await page.check('input[name=started][value=today]'); }]]) {
      if (act) await act();
      await page.getByRole('button', { name: T.en.continue }).click();
      await page.waitForURL(next);
    }
    await page.fill('#f-name', 'Sita Devi');
    await page.fill('#f-mobile', '9890000042');
    await page.getByRole('button', { name: T.en.sendCode }).click();
    await page.getByRole('button', { name: 'Not received? Send a new code' }).waitFor();
    await page.waitForTimeout(3200); // the resend delay
    await page.getByRole('button', { name: 'Not received? Send a new code' }).click();
    await page.waitForFunction(() => /You can ask for a new code in about 60 minutes/.test(document.querySelector('main')?.textContent || ''));
    assert.match(await page.textContent('main'), /Codes have been asked for too often\. Wait before asking again/);
    assert.equal(await limited.otpCount('9890000042'), 1, 'no second SMS');
    assert.equal(await page.inputValue('#f-name'), 'Sita Devi', 'what was typed stays');
    // Back on "Find my numbers", in Hindi, for a third mobile.
    await find.fill('#f-mobile', '9890000043');
    await find.getByRole('button', { name: 'कोड नहीं मिला? नया कोड भेजें' }).click();
    await find.waitForFunction(() => /बहुत अधिक प्रयास हुए। लगभग 60 मिनट बाद फिर कोशिश करें।/.test(document.querySelector('main')?.textContent || ''));
    assert.equal(await limited.otpCount('9890000043'), 0, 'no SMS for the third mobile');
    assert.equal(await find.inputValue('#f-mobile'), '9890000043', 'what was typed stays');
    assert.deepEqual([...find.errors, ...page.errors], []);
  } finally {
    await limited.stop();
  }
});

test('"Find my numbers" says when it shows only the latest 50, and where to ask for older ones', async () => {
  const mobile = '9890000051';
  const token = await server.token(mobile, 'complaint');
  const body = { account_number: '1678444072', mobile, name: 'Test', category: 'no_supply', subcategory: 'my_house',
    description: 'No light', district: 'VNS', language: 'en', filed_by: { kind: 'self' } };
  for (let i = 0; i < 51; i++) {
    // 51 accounts: one account's open complaint would be answered with itself (complaint.test.js).
    body.account_number = `16784440${String(i).padStart(2, '0')}`;
    const r = await server.api('/complaints', { method: 'POST', body: JSON.stringify(body),
      headers: { authorization: `Bearer ${token}`, 'idempotency-key': `many-${i}` } });
    assert.equal(r.status, 201);
  }
  const page = await newPage(browser);
  await page.goto(`${server.base}/find`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.fill('#f-mobile', mobile);
  await page.waitForTimeout(3200); // the resend delay after the code above
  await page.getByRole('button', { name: 'Send code' }).click();
  // The 51 filings' SMSes pushed the first code out of the outbox's newest 50: this is the new one.
  await page.fill('#f-code', await server.otp(mobile));
  await page.getByRole('button', { name: 'Show my numbers' }).click();
  await page.locator('#found-list').waitFor();
  assert.match(await page.textContent('main'), /The latest 50 filed with this mobile number\. For older ones, call 1912/);
  assert.equal(await page.locator('#found-list li').count(), 50);
  assert.deepEqual(page.errors, []);
});

test('a released connection shows its account number masked, in both languages, the full number only in the SMS; the applicant rates the service once', async () => {
  const mobile = '9890000089';
  const number = await applyViaApi(server, mobile);
  await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ to: 'installation_scheduled' }) });
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}?poll=1`);
  await ready(page);
  await page.waitForSelector('.tag');
  assert.equal(await page.locator('#account').count(), 0, 'no account before the meter is in');
  await server.advance(number);
  await page.waitForFunction(() => document.querySelector('.tag')?.textContent === 'कनेक्शन जारी', null, { timeout: 8000 });
  const account = (await server.sms(mobile))[0].match(/खाता संख्या (\d{10}) है/)[1];
  const masked = `XXXXXX${account.slice(6)}`;
  await page.locator('#account').waitFor();
  assert.match(await page.textContent('#account'), new RegExp(`^${masked}पूरी संख्या XXXXXX0089 पर SMS से भेजी गई है।`));
  assert.match(await page.textContent('.timeline'), new RegExp(`आपकी खाता संख्या \\(${masked}\\) आपको SMS से भेज दी गई है`));
  assert.equal(await page.locator('.stage-done').count(), 7, 'every stage is behind it, none in hand');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Account number/.test(document.querySelector('main')?.textContent || ''));
  assert.match(await page.textContent('#account'), new RegExp(`^${masked}The full number was sent by SMS to XXXXXX0089\\. Bills, payments and complaints ask for it`));
  // Anyone with the application's number can open this page: the whole number is on no screen and in no storage.
  assert.ok(!(await page.textContent('body')).includes(account));
  assert.ok(!(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).includes(account));

  // The applicant rates the service: no "is it fixed?", and a supply that does not work is sent to the helpline.
  const form = page.locator('.panel-feedback');
  assert.match(await form.locator('h2').textContent(), /How was the service for your new connection\?/);
  assert.match(await form.textContent(), /If the supply does not work, this is not the place: call the helpline 1912/);
  assert.equal(await form.locator('#report-problem').getAttribute('href'), '/complaint/new', 'a complaint is one tap away');
  assert.equal(await form.locator('input[name=resolved]').count(), 0);
  assert.equal(await form.getByRole('radio', { name: '4 out of 5', exact: true }).count(), 1, 'a screen reader hears the number, not four stars');
  await form.locator('button.button:not(.button-secondary)').click();
  await form.locator('.error-summary').waitFor();
  assert.match(await form.locator('.error-summary').textContent(), /Choose a rating from 1 to 5/);
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  await page.waitForFunction(() => /आपके नए कनेक्शन में सेवा कैसी रही/.test(document.querySelector('.panel-feedback h2')?.textContent || ''));
  await page.check('input[name=rating][value="4"]');
  await page.fill('#f-comment', 'Lineman came on the first date');
  await page.fill('#f-mobile', mobile);
  await page.waitForTimeout(3200); // one OTP per mobile every 3 s (--otp-resend-secs 3)
  const seen = await server.otpCount(mobile);
  await form.locator('button.button-secondary').click();
  await page.fill('#f-code', await server.otp(mobile, seen + 1));
  await form.locator('button.button:not(.button-secondary)').click();
  await page.locator('#rated').waitFor();
  assert.equal(await page.textContent('#rated'), '★★★★ 5 में से 4');
  assert.equal(await page.locator('.panel-feedback').count(), 0, 'rated once');
  const rated = await server.api(`/connections/${number}`);
  assert.deepEqual(rated.body.feedback, { resolved: true, rating: 4, comment: 'Lineman came on the first date' });
  assert.match((await server.sms(mobile))[0], /सेवा पर आपकी रेटिंग \(4\/5\) कार्यालय तक पहुँच गई है/);
  assert.deepEqual(page.errors, []);
});

test('a query whose date to answer by has passed says so, in both languages, and can still be answered', async () => {
  const number = await queryRaised('9890000091');
  const page = await newPage(browser);
  // Seen a day after its last day (the view as the backend would send it then).
  const yesterday = new Date(Date.now() + 5.5 * 3600e3 - 86400e3).toISOString().slice(0, 10);
  await page.route(`**/api/v1/*/${number}`, async (r) => {
    const response = await r.fetch();
    const json = await response.json();
    json.answer_by = yesterday;
    await r.fulfill({ response, json });
  });
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.locator('#answer-by').waitFor();
  const [y, m, d] = yesterday.split('-');
  assert.match(await page.textContent('#answer-by'), new RegExp(`${d}/${m}/${y}`));
  assert.match(await page.textContent('#answer-by'), /यह तिथि निकल चुकी है। जितनी जल्दी हो सके उत्तर दें/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /This date has passed\. Answer as soon as you can/.test(document.querySelector('#answer-by')?.textContent || ''));
  assert.equal(await page.textContent('.summary-row:has(#answer-by) dt'), 'Answer by');
  assert.equal(await page.locator('#query-title').count(), 1, 'the answer form is still there');
  assert.deepEqual(page.errors, []);
});

test('a feasible application the backend has not priced says where the amount will come from, in both languages', async () => {
  const number = await applyViaApi(server, '9890000090');
  await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ to: 'feasible' }) });
  const page = await newPage(browser);
  // A backend whose fee schedule lacks this tariff sends the view without an amount.
  await page.route(`**/api/v1/*/${number}`, async (r) => {
    const response = await r.fetch();
    const json = await response.json();
    delete json.amount_due_rupees;
    await r.fulfill({ response, json });
  });
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.locator('#pay-unpriced').waitFor();
  assert.match(await page.textContent('#pay-unpriced'), /देय राशि और उसे कहाँ जमा करना है, यह आपको SMS से बताया जाएगा। यदि दो कार्य-दिवस में SMS न आए, तो हेल्पलाइन 1912/);
  assert.equal(await page.locator('#pay-button').count(), 0, 'nothing to pay here without an amount');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /It will send you the amount due by SMS/.test(document.querySelector('#pay-unpriced')?.textContent || ''));
  assert.match(await page.textContent('#clock-paused'), /fees are paid/);
  // Whose step it is follows the language too.
  assert.equal(await page.textContent('.stage-current .stage-yours'), 'Your turn');
  assert.equal(await page.textContent('.stage-current .stage-who'), 'You pay the fees online');
  assert.deepEqual(page.errors, []);
});

test('fees due are paid online: a failed attempt told in Hindi, then paid in English, and the application moves on', async () => {
  const mobile = '9890000088';
  const number = await applyViaApi(server, mobile);
  const feasible = await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ to: 'feasible' }) });
  const due = feasible.body.amount_due_rupees;
  assert.ok(due > 0, JSON.stringify(feasible.body));
  const amount = `₹${due.toLocaleString('en-IN')}`;
  // Not at a kiosk: the bank's page has neither its keyboard nor its idle wipe.
  const kiosk = await newPage(browser);
  await kiosk.goto(`${server.base}/track/${number}?kiosk=1&idle=600`);
  await ready(kiosk);
  await kiosk.locator('#pay').waitFor();
  assert.match(await kiosk.textContent('#pay'), new RegExp(`देय राशि: ${amount}`));
  assert.match(await kiosk.textContent('#pay-elsewhere'), /इस कियोस्क पर भुगतान नहीं हो सकता। अपने फ़ोन पर SMS में आया स्थिति लिंक खोलकर/);
  assert.equal(await kiosk.locator('#pay-button').count(), 0);
  await kiosk.close();
  const page = await newPage(browser);
  // An address made up by hand says nothing about any payment.
  await page.goto(`${server.base}/track/${number}?payment=made-up`);
  await ready(page);
  await page.locator('#pay').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.locator('#payment-result').count(), 0);
  assert.equal(await page.textContent('.tag'), 'संभव — शुल्क देय');
  assert.match(await page.textContent('#pay'), new RegExp(`देय राशि: ${amount}, जो शुल्क आवेदन के समय बताया गया था`));
  assert.match(await page.textContent('#clock-paused'), /शुल्क जमा होने तक समय-सीमा रुकी हुई है/);
  // The stage list says whose step each one is, and that this one is the applicant's.
  const current = page.locator('.stage[aria-current=step]');
  assert.equal(await current.locator('.stage-name').textContent(), 'संभव — शुल्क देय');
  assert.equal(await current.locator('.stage-yours').textContent(), 'आपकी बारी');
  assert.equal(await current.locator('.stage-who').textContent(), 'आप शुल्क ऑनलाइन जमा करते हैं');
  assert.deepEqual(await page.locator('.stage-todo .stage-who').allTextContents(), [
    'एसडीओ मीटर लगाने का आदेश देते हैं',
    'जेई की टीम आपकी चुनी तिथियों में से किसी एक पर मीटर लगाती है',
    'आपकी खाता संख्या SMS से आपके मोबाइल पर भेजी जाती है',
  ]);

  // A backend that will not start the payment, or cannot be reached: said so, nothing paid.
  await page.route('**/api/v1/connections/*/payments', (r) => r.fulfill({ status: 422, contentType: 'application/problem+json',
    body: JSON.stringify({ type: 'https://bijli.example/problems/validation', title: 'x', status: 422, errors: [{ field: 'return_to', code: 'not_allowed' }] }) }));
  await page.click('#pay-button');
  assert.match(await page.textContent('#pay-error'), /भुगतान शुरू नहीं हो सका, और कोई भुगतान नहीं हुआ/);
  await page.unroute('**/api/v1/connections/*/payments');
  await page.route('**/api/v1/connections/*/payments', (r) => r.abort('internetdisconnected'));
  await page.click('#pay-button');
  await page.waitForFunction(() => /सर्वर से संपर्क नहीं हो सका। कोई भुगतान नहीं हुआ/.test(document.querySelector('#pay-error')?.textContent || ''));
  await page.unroute('**/api/v1/connections/*/payments');

  // The bank refuses: back on the status page, told so, the fees still due.
  await page.click('#pay-button');
  await page.waitForURL(/\/api\/v1\/dev\/gateway\//);
  assert.equal(await page.textContent('#amount'), amount);
  // Back from the bank's page without paying: the button is ready again, not stuck on "opening".
  await page.goBack();
  await page.waitForURL(new RegExp(`/track/${number}\\?payment=made-up$`));
  await page.locator('#pay-button').waitFor();
  await page.waitForFunction((a) => document.querySelector('#pay-button')?.textContent === `${a} का ऑनलाइन भुगतान करें`, amount);
  await page.click('#pay-button');
  await page.waitForURL(/\/api\/v1\/dev\/gateway\//);
  await page.click('#gateway-fail');
  await page.waitForURL(new RegExp(`/track/${number}\\?payment=`));
  await ready(page);
  await page.locator('#payment-result').waitFor();
  assert.match(await page.textContent('#payment-result'), /भुगतान नहीं हो पाया, और कोई शुल्क नहीं लिया गया/);
  assert.equal(await page.textContent('.tag'), 'संभव — शुल्क देय');
  assert.equal(await page.locator('#pay-button').count(), 1, 'another try is one tap away');

  // Paid, in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Pay the fees/.test(document.querySelector('#pay')?.textContent || ''));
  assert.match(await page.textContent('#pay-button'), new RegExp(`Pay ${amount} online`));
  await page.click('#pay-button');
  await page.waitForURL(/\/dev\/gateway\//);
  await page.click('#gateway-pay');
  await page.waitForURL(new RegExp(`/track/${number}\\?payment=`));
  await ready(page);
  await page.waitForFunction(() => /Payment received/.test(document.querySelector('#payment-result')?.textContent || ''));
  const result = await page.textContent('#payment-result');
  const reference = result.match(/PUV[0-9A-F]{10}/)[0];
  assert.match(result, new RegExp(`${amount} received. Bank reference: ${reference}`));
  await page.waitForFunction(() => document.querySelector('.tag')?.textContent === 'Fees paid');
  assert.equal(await page.locator('#pay').count(), 0, 'nothing is due any more');
  assert.equal(await page.textContent('.stage[aria-current=step] .stage-name'), 'Fees paid');
  // Paid, the next step is the office's: no "Your turn" left anywhere.
  assert.equal(await page.textContent('.stage[aria-current=step] .stage-who'), 'The SDO orders the meter to be fitted');
  assert.equal(await page.locator('.stage-yours').count(), 0);
  // The office never asked this applicant a question, so no such step is ticked as done.
  assert.deepEqual(await page.locator('.stage-done .stage-name').allTextContents(),
    ['Submitted', 'Documents being checked', 'Site inspection scheduled', 'Feasible — fees due']);
  assert.equal(await page.textContent('.stage-done:nth-child(3) .stage-who'),
    'The Junior Engineer (JE) inspects the premises on one of the dates you chose');
  assert.match(await page.textContent('.timeline'), new RegExp(`Fees of ${amount} received online \\(reference ${reference}\\)`));
  assert.match((await server.sms(mobile))[0], new RegExp(`${amount} शुल्क ऑनलाइन प्राप्त हुआ \\(संदर्भ ${reference}\\)`));
  const paid = await server.api(`/connections/${number}`);
  assert.equal(paid.body.status, 'charges_paid');
  // The receipt a café operator hands over is the printed page.
  await page.evaluate(() => { window.printed = 0; window.print = () => { window.printed += 1; }; });
  await page.getByRole('button', { name: 'Print or save this page as your receipt' }).click();
  assert.equal(await page.evaluate(() => window.printed), 1);
  // Withdrawn after paying: the page and the SMS say where the refund is asked for.
  await page.click('#withdraw summary');
  assert.match(await page.textContent('#withdraw-refund'), /You have paid the fees\. Withdrawing does not refund them by itself/);
  const w = await server.api(`/connections/${number}/withdraw`, { method: 'POST', body: JSON.stringify({ reason: 'not_needed' }), headers: { authorization: `Bearer ${await server.token(mobile, 'withdraw')}` } });
  assert.equal(w.body.status, 'withdrawn');
  assert.match((await server.sms(mobile))[0], /जमा किए गए शुल्क की वापसी के लिए अपने खण्ड कार्यालय से संपर्क करें/);
  await page.close();
});
