// Shared set-up for the end-to-end journeys: a fresh reference server (dev mode, fresh SQLite
// file) serving the release build from dist/, and the system Chromium driven by playwright-core.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const root = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
  // A camera for the kiosk's document blocks (a test pattern), granted without a prompt.
  '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

function freePort() {
  return new Promise((ok) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

/** A private copy of the release build (dist/), for a test that changes files under a running
 * portal (a new deploy, a tampered script) or hands it to another server: into `into`, by
 * default a fresh folder in the temp dir. */
export function copyDist(into = mkdtempSync(join(tmpdir(), 'bijli-dist-'))) {
  cpSync(join(root, 'dist'), into, { recursive: true });
  return into;
}

/** A data folder for `--data-dir`: the shipped seed data, with `file` as `edit` leaves it (it
 * gets the parsed JSON and changes it in place). */
function dataWith(file, edit) {
  const data = mkdtempSync(join(tmpdir(), 'bijli-data-'));
  cpSync(join(root, 'api/server/data'), data, { recursive: true });
  const doc = JSON.parse(readFileSync(join(data, file), 'utf8'));
  edit(doc);
  writeFileSync(join(data, file), JSON.stringify(doc));
  return data;
}

/** The shipped catalogue, and its announcements as `edit` leaves the list. */
export const dataWithAnnouncements = (edit) => dataWith('announcements.json', edit);
/** The catalogue (`meta.json`) as `edit` leaves it. */
export const dataWithMeta = (edit) => dataWith('meta.json', edit);

const shippedHolidays = new Set(JSON.parse(readFileSync(join(root, 'api/server/data/meta.json'), 'utf8')).holidays?.map((h) => h.date));

/** `count` days a visit (site inspection, meter installation) may be booked on, from `from` days ahead in India's calendar:
 * not a Sunday and not one of the shipped catalogue's holidays, as YYYY-MM-DD. */
export function inspectionDates(count = 3, from = 2) {
  const out = [];
  for (let n = from; out.length < count; n++) {
    const d = new Date(Date.now() + 5.5 * 3600e3 + n * 86400e3);
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() !== 0 && !shippedHolidays.has(day)) out.push(day);
  }
  return out;
}

/** Plants `list` in the service worker's API cache as its kept answer to `path` (under /api/v1),
 * as if fetched on an earlier visit. gloo-net ends a URL that has a query with '&', so both
 * spellings are kept. */
export async function keepAnswer(page, path, list) {
  await page.evaluate(async ({ path, body }) => {
    const cache = await caches.open('bijli-api');
    for (const end of ['', '&']) {
      await cache.put(`/api/v1${path}${end}`, new Response(body, { headers: { 'content-type': 'application/json' } }));
    }
  }, { path, body: JSON.stringify(list) });
}

export async function startServer(extra = [], { dist } = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'bijli-e2e-'));
  const bin = process.env.PORTAL_API_BIN || join(root, 'target/debug/portal-api');
  const logs = [];
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['--addr', `127.0.0.1:${port}`, '--db', join(dir, 'e2e.db'), '--dev',
    '--static-dir', dist || process.env.DIST_DIR || join(root, 'dist'), '--otp-resend-secs', '3', '--public-url', base,
    // One address (loopback) runs every journey of a file; the limits' own test lowers them.
    '--otp-per-client-hour', '10000', '--uploads-per-client-hour', '10000', ...extra], { stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr.on('data', (d) => logs.push(d.toString()));
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = async (path, init = {}) => {
    const r = await fetch(`${base}/api/v1${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers || {}) } });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  return {
    base, dir, port, child,
    // Whole lines only: the server's log can be read between two writes of one line, and a test
    // that parses the lines would then see half of one (the rest comes on the next read).
    logs: () => { const all = logs.join(''); return all.slice(0, all.lastIndexOf('\n') + 1); },
    api,
    /** The SMSes a mobile has received, newest first (OTPs and status updates). */
    async sms(mobile) { return (await api(`/dev/sms?mobile=${mobile}`)).body.map((m) => m.body); },
    /** How many OTP SMSes a mobile has received so far. */
    async otpCount(mobile) { return (await this.sms(mobile)).filter((b) => b.includes('OTP')).length; },
    /** The latest OTP sent to a mobile, once it has received at least `atLeast` of them. */
    async otp(mobile, atLeast = 1) {
      for (let i = 0; i < 50; i++) {
        const otps = (await this.sms(mobile)).filter((b) => b.includes('OTP'));
        if (otps.length >= atLeast) return otps[0].match(/\d{6}/)[0];
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`no OTP for ${mobile}`);
    },
    /** A token for `purpose` bought with a code to `mobile`, as the portal's OTP step does. */
    async token(mobile, purpose) {
      const sent = await api('/otp', { method: 'POST', body: JSON.stringify({ mobile, purpose }) });
      const code = await this.otp(mobile);
      return (await api('/otp/verify', { method: 'POST', body: JSON.stringify({ otp_id: sent.body.otp_id, code }) })).body.token;
    },
    faults: (f) => api('/dev/faults', { method: 'POST', body: JSON.stringify(f) }),
    advance: (n) => api(`/dev/tickets/${n}/advance`, { method: 'POST' }),
    record: (n) => api(`/dev/tickets/${n}`),
    /** Every number the server holds for a mobile. */
    async ticketsOf(mobile) { return (await api(`/dev/tickets?mobile=${mobile}`)).body; },
    async stop() { child.kill('SIGTERM'); await new Promise((r) => child.once('exit', r)); },
  };
}

/** A persistent profile (service worker and caches survive a restart), as a returning visitor's. */
export function launchPersistent(profile, viewport = { width: 1366, height: 900 }) {
  return chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true, viewport });
}

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** A page that fails the test on uncaught errors (a panic in the wasm shows up here). */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) page.errors.push(m.text()); });
  return page;
}

/** Wait until the wasm app has replaced the static boot shell. */
export async function ready(page) {
  await page.waitForSelector('#boot', { state: 'detached', timeout: 20000 });
  await page.waitForSelector('main h1');
}

/** Switch operator mode on in Settings (the page it is on, or opened) as Ravi Kumar of Ravi Cyber
 *  Cafe; ends on the workspace. */
export async function turnOnOperator(page, server, { district } = {}) {
  if (!page.url().endsWith('/settings')) {
    await page.goto(`${server.base}/settings`);
    await ready(page);
  }
  await page.fill('#f-operator_name', 'Ravi Kumar');
  await page.fill('#f-operator_shop', 'Ravi Cyber Cafe');
  await page.fill('#f-operator_mobile', '98390 12345');
  if (district) await page.selectOption('#f-operator_district', district);
  await page.locator('#operator-on').click();
  await page.waitForURL(/\/operator$/);
  await ready(page);
}

export const T = {
  hi: { continue: 'जारी रखें', send: 'शिकायत भेजें', sendCode: 'कोड भेजें', errorTitle: 'कृपया इन्हें ठीक करें', retry: 'फिर से कोशिश करें' },
  en: { continue: 'Continue', send: 'Send complaint', sendCode: 'Send code', errorTitle: 'There is a problem', retry: 'Try again' },
};

export const toDevanagari = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(0x0966 + Number(d)));

/** A real image made by the browser's own encoder. `noise` makes it big (camera-like entropy). */
export async function image(page, { w = 400, h = 300, type = 'image/jpeg', quality = 0.9, noise = false } = {}) {
  const b64 = await page.evaluate(async ({ w, h, type, quality, noise }) => {
    const c = new OffscreenCanvas(w, h);
    const ctx = c.getContext('2d');
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#1d4ed8'); g.addColorStop(1, '#ffdd00');
    ctx.fillStyle = g; ctx.fillRect(0, 0, w, h);
    if (noise) {
      const img = ctx.getImageData(0, 0, w, h);
      for (let i = 0; i < img.data.length; i += 4) { img.data[i] = Math.random() * 255; img.data[i + 1] = Math.random() * 255; img.data[i + 2] = Math.random() * 255; }
      ctx.putImageData(img, 0, 0);
    }
    const blob = await c.convertToBlob({ type, quality });
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = ''; for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s);
  }, { w, h, type, quality, noise });
  return Buffer.from(b64, 'base64');
}

/**
 * Fill the whole complaint journey up to "Check your answers".
 * `lang` selects the button texts; values may use Devanagari digits.
 */
export async function fillComplaint(page, server, { lang = 'hi', account = '1678444072', mobile = '9876543210', typedMobile, description = 'No light since morning', district = 'VNS', name = 'Sita Devi', devanagariOtp = false, atDetails, category = 'no_supply', subcategory = 'my_house' } = {}) {
  const t = T[lang];
  await toProblemStep(page, { lang, account, district });
  await page.check(`input[name=category][value=${category}]`);
  await page.check(`input[name=subcategory][value=${subcategory}]`);
  await page.getByRole('button', { name: t.continue }).click();
  await page.waitForURL(/\/complaint\/new\/details/);
  await page.fill('#f-description', description);
  await page.check('input[name=started][value=today]');
  // `atDetails`: what else the test does on the details step (a photo) before going on.
  if (atDetails) await atDetails(page);
  await page.getByRole('button', { name: t.continue }).click();
  await page.waitForURL(/\/complaint\/new\/contact/);
  await page.fill('#f-name', name);
  await page.fill('#f-mobile', typedMobile ?? mobile);
  // The code this click sends, not one an earlier test sent to the same mobile: reading the
  // latest before the new SMS lands would type a stale code (a failure seen once in CI).
  const before = await server.otpCount(mobile);
  await page.getByRole('button', { name: t.sendCode }).click();
  const code = await server.otp(mobile, before + 1);
  // The code's length is the backend's (/meta limits.otp_length), said in the reader's language.
  const sent = await page.locator('p.hint[role=status]').textContent();
  if (!(lang === 'hi' ? /^हमने SMS से 6 अंकों का कोड भेजा है।$/ : /^We have sent a 6-digit code by SMS\.$/).test(sent)) throw new Error(`code sent: ${sent}`);
  await page.fill('#f-code', devanagariOtp ? toDevanagari(code) : code);
  await page.getByRole('button', { name: t.continue }).click();
  await page.waitForURL(/\/complaint\/new\/check/);
}

/** The complaint form's first step (an account in a district, or with `address` an area problem),
 *  then on to "what is wrong". */
export async function toProblemStep(page, { lang = 'hi', account = '1678444072', district = 'VNS', address } = {}) {
  if (address === undefined) {
    await page.check('input[name=account_choice][value=account]');
    await page.fill('#f-account_number', account);
  } else {
    await page.check('input[name=account_choice][value=area]');
    await page.fill('#f-address', address);
  }
  await page.selectOption('#f-district', district);
  await page.getByRole('button', { name: T[lang].continue }).click();
  await page.waitForURL(/\/complaint\/new\/problem/);
}

/** File a complaint straight through the API (for tests that start from an existing ticket). */
export async function fileViaApi(server, mobile, extra = {}) {
  const token = await server.token(mobile, 'complaint');
  const body = { account_number: '1678444072', mobile, name: 'Test', category: 'no_supply', subcategory: 'my_house',
    description: 'No light', district: 'VNS', language: 'hi', filed_by: { kind: 'self' }, ...extra };
  const r = await server.api('/complaints', { method: 'POST', body: JSON.stringify(body),
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': `k-${mobile}-${Date.now()}` } });
  return r.body.number;
}

/** Submit a Jhatpat application straight through the API (uploads + OTP + POST /connections). */
export async function applyViaApi(server, mobile) {
  const up = async (doc, bytes, type) => {
    const form = new FormData();
    form.append('document_type', doc);
    form.append('file', new Blob([bytes], { type }), `${doc}.bin`);
    const r = await fetch(`${server.base}/api/v1/uploads`, { method: 'POST', body: form });
    return (await r.json()).upload_id;
  };
  const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
  const pdf = new TextEncoder().encode('%PDF-1.7\n%test\n');
  const documents = [
    { document_type: 'photo', upload_id: await up('photo', jpeg, 'image/jpeg') },
    { document_type: 'id_proof', upload_id: await up('id_proof', pdf, 'application/pdf') },
    { document_type: 'ownership_proof', upload_id: await up('ownership_proof', pdf, 'application/pdf') },
  ];
  const token = await server.token(mobile, 'connection');
  const dates = inspectionDates(6);
  const body = {
    applicant: { name: 'Sita Devi', father_name: 'Ram Prasad', date_of_birth: '1990-05-17', mobile, applicant_type: 'individual', id_proof_type: 'voter_id', id_proof_number: 'ABC1234567' },
    premises: { house: '12', street: 'Sigra', district: 'VNS', division: 'VNS-U1', sub_division: 'VNS-U1-1', pin: '221010', area: 'urban', ownership: 'owner' },
    connection: { tariff: 'LMV-1', load_kw: 2, phase: null }, documents, inspection_dates: dates.slice(0, 3), installation_dates: dates.slice(3), declaration: true, language: 'hi', filed_by: { kind: 'self' },
  };
  const r = await server.api('/connections', { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${token}`, 'idempotency-key': `a-${mobile}` } });
  if (r.status !== 201) throw new Error(`application refused: ${JSON.stringify(r.body)}`);
  return r.body.number;
}

/** axe-core on the page as it is: the WCAG 2.0–2.2 A and AA rules, and target-size, which axe
 * leaves off. (`withRules` after `withTags` would replace the tags, both being axe's `runOnly`:
 * for a while only target-size ran.) */
export async function axe(page) {
  return new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true } } })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
    .analyze();
}
