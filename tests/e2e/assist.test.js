// Issue 9: assisted filing — a cyber-café operator's workspace (applicants side by side, Finish
// & clear, operator details on the server, acknowledgement with a QR code that decodes to the
// status page) and the division-office kiosk (idle wipe, cancel by touch, 80 mm receipt).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { startServer, launch, newPage, ready, fillComplaint, fileViaApi, T, turnOnOperator as operatorOn, dataWithAnnouncements, axe } from './harness.js';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.stop(); });

/** Operator mode on, after Settings refused it without the shop's name. */
async function turnOnOperator(page) {
  await page.goto(`${server.base}/settings`);
  await ready(page);
  await page.locator('#operator-on').click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.textContent('.error-summary'), /दुकान या साइबर कैफ़े का नाम लिखें/);
  await operatorOn(page, server);
}

async function startComplaint(page, name) {
  await page.locator('#new-complaint').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await page.check('input[name=account_choice][value=area]');
  await page.fill('#f-address', `House of ${name}`);
  await page.selectOption('#f-district', 'VNS');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/problem/);
  await page.check('input[name=category][value=no_supply]');
  await page.check('input[name=subcategory][value=my_house]');
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/details/);
  await page.fill('#f-description', `Complaint for ${name}`);
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/contact/);
  await page.fill('#f-name', name);
  await page.waitForTimeout(1000); // autosave
}

/** Decode the QR code on the page from a screenshot of it. */
async function readQr(page) {
  const png = PNG.sync.read(await page.locator('svg.qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.ok(code, 'the QR code decodes');
  return code.data;
}

test('operator: two applicants side by side, Finish & clear removes only one; the filing carries the operator; the acknowledgement QR opens the status page', async () => {
  const page = await newPage(browser);
  await turnOnOperator(page);
  assert.match(await page.textContent('.assist-bar'), /Ravi Kumar · Ravi Cyber Cafe/);
  await startComplaint(page, 'Applicant One');
  await page.locator('#operator-workspace').click();
  await page.waitForURL(/\/operator$/);
  await startComplaint(page, 'Applicant Two');
  await page.locator('#operator-workspace').click();
  await page.waitForURL(/\/operator$/);
  const names = await page.locator('#applicants .applicant-name').allTextContents();
  assert.deepEqual(names.sort(), ['Applicant One', 'Applicant Two']);
  await page.locator('#applicants .applicant', { hasText: 'Applicant One' }).locator('.finish-clear').click();
  assert.deepEqual(await page.locator('#applicants .applicant-name').allTextContents(), ['Applicant Two']);
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes('Applicant One'), 'nothing of applicant one is left on the device');
  assert.ok(stored.includes('Applicant Two'));
  // Finish applicant two's complaint; the consumer's own mobile gets the OTP.
  await page.locator('#applicants .applicant', { hasText: 'Applicant Two' }).getByRole('link').click();
  await page.waitForURL(/contact/);
  await page.fill('#f-mobile', '9855500002');
  await page.getByRole('button', { name: T.hi.sendCode }).click();
  await page.fill('#f-code', await server.otp('9855500002'));
  await page.getByRole('button', { name: T.hi.continue }).click();
  await page.waitForURL(/check/);
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const number = page.url().match(/(\d{12})$/)[1];
  const rec = await server.record(number);
  assert.deepEqual(rec.body.filed_by, { kind: 'operator', operator_id: '9839012345', operator_name: 'Ravi Kumar', shop: 'Ravi Cyber Cafe' });
  // The acknowledgement: bilingual, masked mobile, and a QR code to the status page.
  const ack = await page.textContent('#acknowledgement');
  assert.match(ack, /शिकायत पावती \/ Complaint acknowledgement/);
  assert.match(ack, /XXXXXX0002/);
  assert.match(ack, /बिजली नहीं है — केवल मेरे घर में \/ No electricity — Only my house/, 'the problem, not only its category');
  assert.ok(!ack.includes('9855500002'));
  assert.equal(await readQr(page), `${server.base}/track/${number}`);
  // The customer at the counter may have a second problem at the same place; once the operator
  // is back at the workspace, the next customer is, and Back does not offer this one's details.
  assert.equal(await page.locator('#same-place').count(), 1);
  // Today's filings.
  await page.locator('#operator-workspace').click();
  await page.waitForURL(/\/operator$/);
  await page.goBack();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  await page.locator('#file-another').waitFor();
  assert.equal(await page.locator('#same-place').count(), 0, 'the workspace ended this customer\'s visit');
  await page.goForward();
  await page.waitForURL(/\/operator$/);
  const today = await page.textContent('#todays-filings');
  assert.ok(today.replace(/\s/g, '').includes(number));
  assert.match(today, /XXXXXX0002/);
  // Which of the day's filings was which: the problem is on its line.
  await page.waitForSelector('#todays-filings .ticket-what');
  assert.equal(await page.textContent('#todays-filings .ticket-what'), 'बिजली नहीं है — केवल मेरे घर में');
  // And what has happened to it since: the consumer back at the desk in the afternoon asks.
  const status = page.locator('#todays-filings tbody tr', { hasText: /XXXXXX0002/ }).locator('.ticket-state');
  assert.equal((await status.textContent()).trim(), 'दर्ज');
  await server.advance(number); // the office takes it up
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => /सौंपी गई/.test(document.querySelector('#todays-filings .ticket-state')?.textContent || ''));
  // Offline, the last known status stays, and the page says it could not check.
  await page.route('**/api/v1/complaints/**', (r) => r.abort('internetdisconnected'));
  await page.reload();
  await ready(page);
  await page.getByText('अभी नई जानकारी नहीं मिल सकी').waitFor();
  assert.match(await status.textContent(), /सौंपी गई/);
  await page.unroute('**/api/v1/complaints/**');
  // A4 printout.
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/);
  assert.ok(Math.abs(Number(box[1]) - 595.92) < 2, `A4 width, got ${box[1]}`);
  assert.deepEqual(page.errors, []);
});

test('operator: a complaint the consumer had already filed comes back as that complaint and is marked in today\'s filings', async () => {
  const mobile = '9855500004';
  const first = await fileViaApi(server, mobile); // by phone, or at another shop
  await new Promise((r) => setTimeout(r, 3200)); // the resend delay after that code
  const page = await newPage(browser);
  await turnOnOperator(page);
  await page.locator('#new-complaint').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await fillComplaint(page, server, { mobile, description: 'Filed again at the cyber café' });
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(new RegExp(`/complaint/done/${first}\\?again=1$`));
  await page.locator('#operator-workspace').click();
  await page.waitForURL(/\/operator$/);
  const row = page.locator('#todays-filings tbody tr', { hasText: /XXXXXX0004/ });
  assert.equal(await row.count(), 1, 'one line for it');
  assert.equal((await row.locator('td').first().textContent()).replace(/\s/g, ''), first);
  assert.match(await row.textContent(), /शिकायत · समस्या दोबारा बताई गई/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Complaint · Reported again/.test(document.querySelector('#todays-filings')?.textContent || ''));
  assert.equal((await row.locator('.ticket-state').textContent()).trim(), 'Registered');
  assert.match(await page.textContent('#todays-filings thead'), /Status/);
  assert.deepEqual(await server.ticketsOf(mobile), [first], 'one complaint on the server');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('operator: a consumer\'s half-typed withdrawal is in the workspace, and Finish & clear takes their mobile off the PC', async () => {
  const mobile = '9855500031';
  const number = await fileViaApi(server, mobile);
  const page = await newPage(browser);
  await turnOnOperator(page);
  await page.goto(`${server.base}/track/${number}`);
  await ready(page);
  await page.locator('#withdraw summary').click();
  await page.locator('input[name=withdraw_reason][value=fixed]').check();
  await page.fill('#f-withdraw_mobile', mobile);
  await page.waitForTimeout(1200); // autosaved
  await page.locator('#operator-workspace').click();
  await page.waitForURL(/\/operator$/);
  const row = page.locator('#applicants .applicant', { hasText: 'XXXXXX0031' });
  await row.waitFor();
  assert.match(await row.textContent(), /वापसी/);
  assert.equal(await row.getByRole('link').getAttribute('href'), `/track/${number}`);
  assert.ok((await page.evaluate(() => JSON.stringify({ ...localStorage }))).includes(mobile));
  await row.locator('.finish-clear').click();
  await page.waitForFunction(() => !document.querySelector('#applicants')?.textContent.includes('XXXXXX0031'));
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
  assert.ok(!stored.includes(mobile), 'the consumer\'s mobile is not left on the PC');
  await page.close();
});

test('operator: the PC keeps the list of numbers for the day\'s work only; a consumer keeps theirs', async () => {
  // Two closed complaints on the device: one dealt with late yesterday (India time), one today.
  const seed = () => {
    const now = Math.floor(Date.now() / 1000);
    const ist = now + 19800;
    const startOfToday = ist - (ist % 86400) - 19800;
    const line = (number, at) => ({ number, kind: 'complaint', status: 'closed', added_at: at, what: 'no_supply', what_detail: 'my_house', filed_here: true, mobile_masked: 'XXXXXX0009' });
    localStorage.setItem('bijli.tickets', JSON.stringify([line('141111111111', now), line('142222222222', startOfToday - 600)]));
  };
  const shown = async (page) => {
    await page.goto(`${server.base}/tickets`);
    await ready(page);
    await page.waitForSelector('.ticket-row');
    return page.locator('.ticket-row .ticket-number').allTextContents();
  };
  const shop = await newPage(browser);
  await turnOnOperator(shop, server);
  await shop.evaluate(seed);
  assert.deepEqual(await shown(shop), ['1411 1111 1111'], 'yesterday\'s consumer is not on the list');
  assert.ok(!(await shop.evaluate(() => localStorage.getItem('bijli.tickets'))).includes('142222222222'), 'nor on the PC');
  const own = await newPage(browser);
  await own.goto(`${server.base}/`);
  await ready(own);
  await own.evaluate(seed);
  assert.deepEqual(await shown(own), ['1411 1111 1111', '1422 2222 2222'], 'a consumer\'s own phone keeps its list');
  assert.deepEqual([...shop.errors, ...own.errors], []);
  await shop.context().close();
});

test('operator and kiosk: the browser neither fills in its saved profile nor keeps an applicant\'s details (autocomplete off); a consumer keeps autofill', async () => {
  const fields = async (page) => {
    await page.goto(`${server.base}/connection/new?new=1`);
    await ready(page);
    await page.locator('#task-applicant').click();
    await page.waitForURL(/\/connection\/new\/applicant/);
    await page.waitForSelector('#f-name');
    return page.evaluate(() => [...document.querySelectorAll('main input:not([type=radio]):not([type=checkbox]):not([type=file])')]
      .map((i) => `${i.id}=${i.getAttribute('autocomplete')}`));
  };
  const consumer = await newPage(browser);
  const own = await fields(consumer);
  assert.ok(own.includes('f-name=name') && own.includes('f-mobile=tel-national') && own.includes('f-date_of_birth=bday-day'), own.join(' '));
  const operator = await newPage(browser);
  await turnOnOperator(operator);
  const assisted = await fields(operator);
  assert.ok(assisted.length >= 6, assisted.join(' '));
  assert.deepEqual(assisted.filter((f) => !f.endsWith('=off')), [], 'operator: every field of the applicant is autocomplete=off');
  // The complaint's contact step too (its fields ask for no token; the browser would guess).
  await operator.goto(`${server.base}/operator`);
  await ready(operator);
  await startComplaint(operator, 'Applicant Three');
  assert.equal(await operator.getAttribute('#f-name', 'autocomplete'), 'off');
  assert.equal(await operator.getAttribute('#f-mobile', 'autocomplete'), 'off');
  const kiosk = await newPage(browser);
  await kiosk.goto(`${server.base}/?kiosk=1&idle=600`);
  await ready(kiosk);
  const atKiosk = await fields(kiosk);
  assert.deepEqual(atKiosk.filter((f) => !f.endsWith('=off')), [], 'kiosk: every field is autocomplete=off');
  for (const p of [consumer, operator, kiosk]) assert.deepEqual(p.errors, []);
});

test('kiosk: an idle half-filled form is wiped after the countdown; nothing of the person is left', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new?kiosk=1&idle=3`);
  await ready(page);
  await page.getByRole('button', { name: 'English' }).click();
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.selectOption('#f-district', 'VNS');
  await page.waitForTimeout(1000);
  assert.ok(await page.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('bijli.draft.'))), 'the draft lives in sessionStorage');
  assert.deepEqual(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('bijli.'))), [], 'a kiosk writes nothing to localStorage (not even the language)');
  await page.locator('.kiosk-overlay').waitFor({ timeout: 10000 });
  assert.match(await page.textContent('.kiosk-overlay'), /Are you still there\?/);
  assert.match(await page.textContent('.kiosk-overlay'), /क्या आप अभी भी यहाँ हैं/);
  await page.waitForURL((u) => u.pathname === '/', { timeout: 30000 });
  await ready(page);
  assert.equal(await page.getAttribute('html', 'lang'), 'hi', 'back in Hindi');
  const left = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('bijli.') && k !== 'bijli.kiosk'));
  assert.deepEqual(left, []);
  assert.equal(await page.locator('#start-over').count(), 1, 'still a kiosk');
  assert.deepEqual(page.errors, []);
});

test('an office kiosk files under its own name, and its forms and power cuts start at its office\'s district, in both languages', async () => {
  const kioskUrl = 'kiosk=1&idle=600&kiosk_id=GZP-DIV1-K2&kiosk_district=GZP';
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new?${kioskUrl}`);
  await ready(page);
  assert.equal(await page.inputValue('#f-district'), 'GZP', 'the office\'s district, chosen');
  assert.equal(await page.locator('#f-district option:checked').textContent(), 'ग़ाज़ीपुर');
  await page.waitForTimeout(1200);
  assert.equal(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith('bijli.draft.')).length), 0,
    'a form nobody has touched is not kept');
  // Filed: the office's record says which kiosk, and where.
  await fillComplaint(page, server, { district: 'GZP', mobile: '9855500031' });
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const number = page.url().match(/(\d{12})/)[1];
  const rec = await server.record(number);
  assert.deepEqual(rec.body.filed_by, { kind: 'kiosk', kiosk_id: 'GZP-DIV1-K2' });
  assert.equal(rec.body.request.district, 'GZP');
  // The next person: still this kiosk, its district again on a new form, and a visitor from
  // elsewhere changes it like any answer.
  await page.locator('#start-over').click();
  await page.waitForURL((u) => u.pathname === '/');
  assert.match(page.url(), /\?kiosk=1&idle=600&kiosk_id=GZP-DIV1-K2&kiosk_district=GZP$/);
  await ready(page);
  await page.goto(`${server.base}/connection/new`);
  await ready(page);
  await page.locator('#task-premises').click();
  await page.waitForURL(/\/connection\/new\/premises/);
  await page.waitForSelector('#f-district');
  assert.equal(await page.inputValue('#f-district'), 'GZP', 'the application\'s premises too');
  await page.selectOption('#f-district', 'VNS');
  assert.equal(await page.inputValue('#f-district'), 'VNS');
  // The notices: the office's district's power cuts, until "All districts" is chosen.
  const asked = [];
  page.on('request', (r) => { if (r.url().includes('kind=outage')) asked.push(new URL(r.url()).search); });
  await page.goto(`${server.base}/announcements`);
  await ready(page);
  await page.waitForSelector('#cuts-none');
  assert.equal(await page.inputValue('#f-district'), 'GZP');
  assert.equal(await page.textContent('#cuts-none'), 'ग़ाज़ीपुर के लिए कोई बिजली कटौती घोषित नहीं है।');
  assert.match(asked.at(-1), /&district=GZP&?$/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('#cuts-none')?.textContent === 'No power cut is announced for Ghazipur.');
  await page.selectOption('#f-district', '');
  await page.waitForURL(/\/announcements\?district=$/);
  await page.waitForFunction(() => document.querySelector('#cuts-none')?.textContent === 'No power cut is announced at the moment.');
  assert.equal(await page.inputValue('#f-district'), '');
  assert.doesNotMatch(asked.at(-1), /district=/);
  assert.deepEqual(page.errors, []);
  // A kiosk the deployment names nothing for: as before, "kiosk" and no district.
  const plain = await newPage(browser);
  await plain.goto(`${server.base}/complaint/new?kiosk=1&idle=600`);
  await ready(plain);
  assert.equal(await plain.inputValue('#f-district'), '');
  await plain.context().close();
  await page.context().close();
});

test('a cyber café that gives its district starts each new form and the notices there, in both languages', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/settings`);
  await ready(page);
  assert.equal(await page.textContent('label[for=f-operator_district]'), 'आपकी दुकान का ज़िला (वैकल्पिक)');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.querySelector('label[for=f-operator_district]')?.textContent === 'Your shop\'s district (optional)');
  assert.equal(await page.inputValue('#f-operator_district'), '', 'optional, and not chosen');
  await operatorOn(page, server, { district: 'BAL' });
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('bijli.operator'))).district, 'BAL');
  await page.locator('#new-complaint').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await page.waitForSelector('#f-district');
  assert.equal(await page.inputValue('#f-district'), 'BAL');
  assert.equal(await page.locator('#f-district option:checked').textContent(), 'Ballia');
  await page.goto(`${server.base}/announcements`);
  await ready(page);
  await page.waitForFunction(() => document.querySelector('#cuts-none')?.textContent === 'No power cut is announced for Ballia.');
  await page.getByRole('button', { name: 'हिन्दी' }).click();
  await page.waitForFunction(() => document.querySelector('#cuts-none')?.textContent === 'बलिया के लिए कोई बिजली कटौती घोषित नहीं है।');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an operator changes their details with the mode on, the day\'s forms kept; a wrong mobile is told in both languages, Cancel keeps the old ones', async () => {
  const page = await newPage(browser);
  await operatorOn(page, server);
  await startComplaint(page, 'Applicant Kept');
  await page.goto(`${server.base}/settings`);
  await ready(page);
  await page.locator('#operator-change').click();
  assert.equal(await page.inputValue('#f-operator_name'), 'Ravi Kumar', 'the form opens with the details in use');
  await page.fill('#f-operator_shop', 'Ravi Jan Seva Kendra');
  await page.fill('#f-operator_mobile', '12345');
  await page.locator('#operator-save').click();
  await page.locator('.error-summary').waitFor();
  assert.match(await page.textContent('.error-summary'), /6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर लिखें/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Enter a 10-digit mobile number starting with 6, 7, 8 or 9/.test(document.querySelector('.error-summary')?.textContent || ''));
  assert.equal(await page.inputValue('#f-operator_shop'), 'Ravi Jan Seva Kendra', 'nothing typed is lost');
  const violations = (await axe(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`);
  assert.deepEqual(violations, [], 'the form with its refusal passes axe');
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('bijli.operator'))).shop, 'Ravi Cyber Cafe', 'refused: the old details stay in use');
  await page.fill('#f-operator_mobile', '98390 54321');
  await page.selectOption('#f-operator_district', 'BAL');
  await page.locator('#operator-save').click();
  await page.waitForFunction(() => document.querySelector('.verified')?.textContent === '✓ Operator mode is on. Your details are saved.');
  assert.equal(await page.locator('.error-summary').count(), 0);
  assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('bijli.operator'))),
    { name: 'Ravi Kumar', shop: 'Ravi Jan Seva Kendra', mobile: '98390 54321', district: 'BAL' });
  assert.match(await page.textContent('.assist-bar'), /Ravi Kumar · Ravi Jan Seva Kendra/);
  // Cancel: what was typed is dropped and the saved details stay.
  await page.locator('#operator-change').click();
  await page.fill('#f-operator_name', 'Someone Else');
  await page.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.textContent('.verified'), '✓ Operator mode is on.');
  assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('bijli.operator'))).name, 'Ravi Kumar');
  // Still the same day's workspace: the form begun before is there, and the next starts in Ballia.
  await page.locator('#main').getByRole('link', { name: 'Applicants and today\'s filings' }).click();
  await page.waitForURL(/\/operator$/);
  assert.match(await page.textContent('main .lead'), /Ravi Kumar · Ravi Jan Seva Kendra · XXXXXX4321/);
  assert.deepEqual(await page.locator('#applicants .applicant-name').allTextContents(), ['Applicant Kept']);
  await page.locator('#new-complaint').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await page.waitForSelector('#f-district');
  assert.equal(await page.inputValue('#f-district'), 'BAL');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the home page at a kiosk or a cyber café lists its district\'s latest notices and everyone\'s; a district the catalogue does not know lists everyone\'s', async () => {
  // Two cuts announced just now, tomorrow: Varanasi's and Ghazipur's.
  const cut = (id, district, name, hours) => ({ id, kind: 'outage', district, link: null,
    published_at: new Date(Date.now() - hours * 3600e3).toISOString(),
    from: new Date(Date.now() + 24 * 3600e3).toISOString(), until: new Date(Date.now() + 28 * 3600e3).toISOString(),
    title: { en: `Shutdown in ${name}`, hi: `${name} में शटडाउन` }, body: { en: 'Line work.', hi: 'लाइन का काम।' } });
  const own = await startServer(['--data-dir', dataWithAnnouncements((anns) => anns.push(cut('c-vns', 'VNS', 'Varanasi', 1), cut('c-gzp', 'GZP', 'Ghazipur', 2)))]);
  try {
    const latest = async (page, url) => {
      await page.goto(`${own.base}${url}`);
      await ready(page);
      await page.waitForFunction(() => document.querySelectorAll('.news-item').length === 3);
      return page.locator('.news-item strong').allTextContents();
    };
    const page = await newPage(browser);
    const everyone = await latest(page, '/?lang=en');
    assert.deepEqual(everyone.slice(0, 2), ['Shutdown in Varanasi', 'Shutdown in Ghazipur'], 'a consumer: the newest, wherever');
    const kiosk = await newPage(browser);
    const asked = [];
    kiosk.on('request', (r) => { if (r.url().includes('/announcements')) asked.push(new URL(r.url()).search.replace(/&$/, '')); });
    const atGzp = await latest(kiosk, '/?kiosk=1&idle=600&kiosk_district=GZP');
    assert.equal(atGzp[0], 'Ghazipur में शटडाउन');
    assert.ok(!atGzp.includes('Varanasi में शटडाउन'), 'not another district\'s cut');
    assert.deepEqual(asked, ['?lang=hi&hide_ended=true&limit=3&district=GZP']);
    const wrong = await newPage(browser);
    assert.deepEqual(await latest(wrong, '/?lang=en&kiosk=1&idle=600&kiosk_district=XYZ'), everyone, 'set up wrongly: everyone\'s rather than none');
    const cafe = await newPage(browser);
    await operatorOn(cafe, own, { district: 'VNS' });
    const atVns = await latest(cafe, '/');
    assert.equal(atVns[0], 'Varanasi में शटडाउन');
    assert.ok(!atVns.includes('Ghazipur में शटडाउन'));
    assert.deepEqual([...page.errors, ...kiosk.errors, ...wrong.errors, ...cafe.errors], []);
    for (const p of [page, kiosk, wrong, cafe]) await p.context().close();
  } finally {
    await own.stop();
  }
});

/** The backend's 422 for who filed, once, on the next POST to `path`. */
const refuseWhoFiled = (page, path, field, code) => page.route(`**/api/v1${path}`, (r) => r.fulfill({
  status: 422, contentType: 'application/problem+json',
  body: JSON.stringify({ type: 'https://bijliseva.example/problems/validation', title: 'validation', status: 422, errors: [{ field, code }] }),
}), { times: 1 });

test('a backend that refuses an operator\'s details keeps the complaint on its check page and points to Settings, in both languages; a kiosk\'s refused name says to tell the staff', async () => {
  const page = await newPage(browser);
  await operatorOn(page, server);
  await page.locator('#new-complaint').click();
  await page.waitForURL(/\/complaint\/new\?draft=/);
  await fillComplaint(page, server, { mobile: '9855500041' });
  // The discom's backend knows its registered operators; this mobile is not one of them.
  await refuseWhoFiled(page, '/complaints', 'filed_by.operator_id', 'not_allowed');
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.locator('.error-summary').waitFor();
  await page.waitForFunction(() => document.activeElement?.classList.contains('error-summary'));
  assert.match(page.url(), /\/complaint\/new\/check/, 'no step of the form can fix it');
  assert.match(await page.textContent('.error-summary'), /आपका ऑपरेटर विवरण \(आपका नाम, दुकान या मोबाइल नंबर\) स्वीकार नहीं हुआ। इसे सेटिंग में ठीक करें, फिर दोबारा भेजें: यह फ़ॉर्म सहेजा हुआ है।/);
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => /Your operator details \(your name, shop or mobile number\) were not accepted\. Correct them in Settings/.test(document.querySelector('.error-summary')?.textContent || ''));
  assert.deepEqual(await server.ticketsOf('9855500041'), []);
  assert.deepEqual((await axe(page)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], 'the check page with the refusal passes axe');
  // Its link leads to Settings, where the details change with the day's forms kept.
  await page.locator('.error-summary a').click();
  await page.waitForURL(/\/settings$/);
  await page.locator('#operator-change').click();
  await page.fill('#f-operator_mobile', '98390 67890');
  await page.locator('#operator-save').click();
  await page.locator('#main').getByRole('link', { name: 'Applicants and today\'s filings' }).click();
  await page.waitForURL(/\/operator$/);
  await page.locator('#applicants .applicant', { hasText: 'Sita Devi' }).getByRole('link').click();
  await page.waitForURL(/\/complaint\/new\/check/);
  await page.getByRole('button', { name: T.en.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const rec = await server.record(page.url().match(/(\d{12})$/)[1]);
  assert.equal(rec.body.filed_by.operator_id, '9839067890', 'sent again with the corrected details');
  assert.deepEqual(page.errors, []);
  await page.context().close();
  // A kiosk whose name the backend refuses: the person is told to ask at the counter, in Hindi.
  const kiosk = await newPage(browser);
  await kiosk.goto(`${server.base}/complaint/new?kiosk=1&idle=600&kiosk_id=VNS-K9`);
  await ready(kiosk);
  await fillComplaint(kiosk, server, { mobile: '9855500042' });
  await refuseWhoFiled(kiosk, '/complaints', 'filed_by.kiosk_id', 'invalid_choice');
  await kiosk.getByRole('button', { name: T.hi.send }).click();
  await kiosk.locator('.error-summary').waitFor();
  assert.match(kiosk.url(), /\/complaint\/new\/check/);
  assert.match(await kiosk.textContent('.error-summary'), /कार्यालय की प्रणाली ने इस कियोस्क का नाम स्वीकार नहीं किया, इसलिए अभी यहाँ से कुछ नहीं भेजा जा सकता। कृपया काउंटर पर कर्मचारी को बताएँ; आप 1912 पर कॉल भी कर सकते हैं।/);
  assert.equal(await kiosk.locator('.error-summary a[href="/settings"]').count(), 0, 'a walk-up person is not sent to the kiosk\'s settings');
  assert.deepEqual(kiosk.errors, []);
  await kiosk.context().close();
});

test('kiosk: a touch during the countdown cancels it; Start over wipes at once', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new?kiosk=1&idle=3`);
  await ready(page);
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.locator('.kiosk-overlay').waitFor({ timeout: 10000 });
  await page.locator('#kiosk-continue').click();
  await page.locator('.kiosk-overlay').waitFor({ state: 'detached' });
  assert.equal(await page.inputValue('#f-account_number'), '1678444072', 'the form is intact');
  await page.locator('#start-over').click();
  await page.waitForURL((u) => u.pathname === '/');
  await ready(page);
  const left = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('bijli.') && k !== 'bijli.kiosk'));
  assert.deepEqual(left, []);
});

test('kiosk: no form appears before the idle guard runs; a guard whose download failed is fetched again', async () => {
  const page = await newPage(browser);
  // The guard travels in the settings part (only kiosks download it); its first download fails.
  let refused = 0;
  await page.route('**/split_settings-*.wasm', (r) => (refused++ === 0 ? r.abort('internetdisconnected') : r.continue()));
  await page.goto(`${server.base}/complaint/new?kiosk=1&idle=3`);
  await page.waitForSelector('#boot', { state: 'detached', timeout: 20000 });
  await page.locator('main .loading').waitFor();
  assert.equal(await page.locator('input[name=account_choice]').count(), 0, 'no form while the wipe is not running');
  // Asked for again a few seconds later: the form, and the guard with it.
  await ready(page);
  assert.ok(refused >= 1, 'the first download of the guard was refused');
  await page.check('input[name=account_choice][value=account]');
  await page.fill('#f-account_number', '1678444072');
  await page.locator('.kiosk-overlay').waitFor({ timeout: 10000 });
  await page.waitForURL((u) => u.pathname === '/', { timeout: 30000 });
  await ready(page);
  const left = await page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k.startsWith('bijli.') && k !== 'bijli.kiosk'));
  assert.deepEqual(left, []);
  // The failed download is reported on the console by the loader, but nothing crashed.
  assert.deepEqual(page.errors.filter((e) => !/Failed to fetch|TypeError|ERR_INTERNET_DISCONNECTED/.test(e)), []);
});

test('kiosk receipt: the printout is 80 mm wide and carries the number and the QR code; no form is offered with this person\'s details', async () => {
  const page = await newPage(browser);
  await page.goto(`${server.base}/complaint/new?kiosk=1&idle=600`);
  await ready(page);
  await fillComplaint(page, server, { mobile: '9855500003' });
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const number = page.url().match(/(\d{12})$/)[1];
  await page.locator('#acknowledgement svg.qr').waitFor();
  // A kiosk offers no "one more problem at the same place": the next stranger at the screen would
  // find this person's name and whole mobile number in the form. An empty form is offered.
  assert.equal(await page.locator('#same-place').count(), 0);
  assert.equal(await page.locator('#file-another').count(), 1);
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/);
  assert.ok(box, 'a page size');
  assert.ok(Math.abs(Number(box[1]) - 226.77) < 1.5, `80 mm = 226.77 pt wide, got ${box[1]}`);
  assert.equal(await readQr(page), `${server.base}/track/${number}`);
});

test('kiosk: a late complaint\'s status prints on the 80 mm roll with the compensation and the timeline, in both languages', async () => {
  const number = await fileViaApi(server, '9855500013', { category: 'transformer', subcategory: 'burnt' });
  await server.api(`/dev/tickets/${number}/advance`, { method: 'POST', body: JSON.stringify({ overdue_hours: 50 }) });
  const page = await newPage(browser);
  await page.goto(`${server.base}/track/${number}?kiosk=1&idle=600`);
  await ready(page);
  await page.waitForSelector('.warning-panel #compensation');
  for (const [lang, owed] of [['hi', /अब तक पूरे दिन: 2, यानी ₹300/], ['en', /Full days so far: 2, that is ₹300/]]) {
    if (lang === 'en') {
      await page.getByRole('button', { name: 'English' }).click();
      await page.waitForFunction(() => /Full days/.test(document.querySelector('#compensation')?.textContent || ''));
    }
    await page.emulateMedia({ media: 'print' });
    assert.ok(await page.isVisible('h1.ticket-heading'), `${lang}: the number is on the slip`);
    assert.ok(await page.isVisible('#overdue-title'), `${lang}: so is what to do about the delay`);
    assert.match(await page.textContent('#compensation'), owed);
    assert.ok(await page.isVisible('#compensation'), `${lang}: and the compensation`);
    assert.ok(await page.isVisible('.timeline'), `${lang}: and the timeline`);
    assert.ok(!(await page.isVisible('.print-for-forum')), `${lang}: not the buttons`);
    await page.emulateMedia({ media: null });
  }
  const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1');
  const box = pdf.match(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\]/);
  assert.ok(Math.abs(Number(box[1]) - 226.77) < 1.5, `80 mm = 226.77 pt wide, got ${box[1]}`);
  assert.deepEqual(page.errors, []);
});

test('on-screen keyboard: typing "बिजली नहीं है" by touch in InScript gives exactly that text; number fields get a number pad', async () => {
  const page = await newPage(browser, { hasTouch: true });
  await page.goto(`${server.base}/complaint/new?kiosk=1&idle=600`);
  await ready(page);
  await page.check('input[name=account_choice][value=account]');
  await page.locator('#f-account_number').focus();
  await page.locator('.osk').waitFor();
  assert.equal(await page.locator('.osk [data-char="ब"]').count(), 0, 'a number pad for a number field');
  for (const d of '1678444072') await page.locator(`.osk [data-char="${d}"]`).tap();
  assert.equal(await page.inputValue('#f-account_number'), '1678444072');
  await page.check('input[name=account_choice][value=area]');
  await page.locator('#f-address').focus();
  for (const ch of ['ब', 'ि', 'ज', 'ल', 'ी', ' ', 'न', 'ह', 'ी', 'ं', ' ', 'ह', 'ै']) {
    await page.locator(`.osk [data-char="${ch}"]`).tap();
  }
  assert.equal(await page.inputValue('#f-address'), 'बिजली नहीं है');
  // Backspace removes one character (the matra), and the form sees every change.
  await page.locator('.osk [data-key="backspace"]').tap();
  assert.equal(await page.inputValue('#f-address'), 'बिजली नहीं ह');
  await page.locator('.osk [data-char="ै"]').tap();
  await page.waitForTimeout(1000);
  const draft = await page.evaluate(() => Object.entries(sessionStorage).find(([k]) => k.startsWith('bijli.draft.'))[1]);
  assert.equal(JSON.parse(draft).data.address, 'बिजली नहीं है');
  // English layout; a physical keyboard still works.
  await page.locator('.osk [data-layout="toggle"]').tap();
  await page.locator('.osk [data-char="a"]').tap();
  await page.keyboard.type('b');
  assert.equal(await page.inputValue('#f-address'), 'बिजली नहीं हैab');
  assert.deepEqual(page.errors, []);
});
