// Issue 10 (deployment): deploy/render.sh's nginx configuration, on loopback in front of the
// reference server, serving a precompressed copy of the release build — headers, caching,
// compression, SPA fallback, the API proxy — and the smoke journey through it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';
import { startServer, launch, newPage, ready, fillComplaint, copyDist, T } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const NGINX = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
let server, browser, nginx, base, dist, prefix;

const freePort = () => new Promise((ok) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); }); });

before(async () => {
  server = await startServer();
  browser = await launch();
  // nginx workers run as an unprivileged user: the copy and its temp dirs must be readable/writable.
  const work = mkdtempSync(join(tmpdir(), 'bijli-nginx-'));
  chmodSync(work, 0o755);
  dist = copyDist(join(work, 'dist'));
  execFileSync('sh', [join(root, 'deploy/precompress.sh'), dist]);
  prefix = join(work, 'run');
  for (const d of ['', 'body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) { mkdirSync(join(prefix, d), { recursive: true }); chmodSync(join(prefix, d), 0o777); }
  const port = await freePort();
  const conf = execFileSync('sh', [join(root, 'deploy/render.sh'), `127.0.0.1:${port}`, dist, server.base, prefix], { encoding: 'utf8' });
  writeFileSync(join(prefix, 'nginx.conf'), conf);
  execFileSync(NGINX, ['-t', '-q', '-p', prefix, '-c', join(prefix, 'nginx.conf')]);
  nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    try { if ((await fetch(`${base}/api/v1/health`)).ok) break; } catch { /* starting */ }
    await new Promise((r) => setTimeout(r, 100));
  }
});
after(async () => {
  nginx?.kill('SIGQUIT');
  await browser?.close();
  await server?.stop();
});

test('nginx sends the security headers, caching rules, precompressed files and the SPA fallback', async () => {
  const policy = readFileSync(join(dist, 'csp.txt'), 'utf8').trim();
  const home = await fetch(`${base}/`);
  assert.equal(home.status, 200);
  assert.equal(home.headers.get('content-security-policy'), policy);
  assert.equal(home.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(home.headers.get('referrer-policy'), 'no-referrer');
  assert.match(home.headers.get('strict-transport-security'), /max-age=31536000/);
  assert.equal(home.headers.get('cache-control'), 'no-cache');
  const wasm = readFileSync(join(dist, 'index.html'), 'utf8').match(/bijli-seva-[0-9a-f]+_bg\.wasm/)[0];
  for (const [enc, want] of [['br', 'br'], ['gzip', 'gzip']]) {
    const r = await fetch(`${base}/${wasm}`, { headers: { 'accept-encoding': enc } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/wasm');
    assert.equal(r.headers.get('content-encoding'), want, `precompressed ${enc}`);
    assert.match(r.headers.get('cache-control'), /immutable/);
    assert.equal(r.headers.get('content-security-policy'), policy);
    await r.arrayBuffer();
  }
  const deep = await fetch(`${base}/track/123456789012`);
  assert.equal(deep.status, 200);
  assert.match(await deep.text(), /<div id=boot>|<div id="boot">/);
  const sw = await fetch(`${base}/sw.js`);
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  const api = await fetch(`${base}/api/v1/meta`);
  assert.equal(api.status, 200);
  assert.ok((await api.json()).districts.length > 0);
  // Unknown API paths are the backend's 404, not the app shell.
  assert.equal((await fetch(`${base}/api/v1/nope`)).status, 404);
  // The policy's report-uri, same origin, reaches the backend through the proxy.
  assert.match(policy, /report-uri \/api\/v1\/csp-reports/);
  const report = await fetch(`${base}/api/v1/csp-reports`, {
    method: 'POST', headers: { 'content-type': 'application/csp-report' },
    body: JSON.stringify({ 'csp-report': { 'effective-directive': 'script-src-elem', 'blocked-uri': 'inline', 'document-uri': `${base}/` } }),
  });
  assert.equal(report.status, 204);
  assert.match(server.logs(), /"event":"csp_violation"/);
});

test('robots.txt lets search engines list the public pages and keeps one person\'s pages out', async () => {
  // Served as a file, not the app shell that answers every other unknown path.
  const r = await fetch(`${base}/robots.txt`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain/);
  const rules = (await r.text()).split('\n').map((l) => l.replace(/#.*/, '').trim()).filter(Boolean);
  assert.ok(rules.includes('User-agent: *'));
  // A crawler's reading of these rules: a path is kept out when a Disallow rule matches its
  // start, with `*` for any characters.
  const disallowed = rules.filter((l) => l.startsWith('Disallow:')).map((l) => l.slice('Disallow:'.length).trim()).filter(Boolean)
    .map((rule) => new RegExp('^' + rule.split('*').map((s) => s.replace(/[.?+^$()[\]{}|\\]/g, '\\$&')).join('.*')));
  const listed = (path) => !disallowed.some((re) => re.test(path));
  for (const path of ['/', '/complaint/new', '/connection/new', '/track', '/announcements', '/privacy', '/accessibility']) {
    assert.ok(listed(path), `${path} may be listed`);
  }
  for (const path of ['/track/123456789012', '/complaint/done/123456789012', '/complaint/queued/k1', '/connection/done/223456789012',
    '/complaint/new/problem', '/connection/new/documents?draft=abc', '/complaint/new?draft=abc', '/?kiosk=1', '/tickets', '/drafts',
    '/find', '/operator', '/api/v1/meta']) {
    assert.ok(!listed(path), `${path} stays out of search results`);
  }
  // Not among the files the service worker keeps on the phone: no visitor's page needs it.
  assert.doesNotMatch(readFileSync(join(dist, 'sw.js'), 'utf8'), /robots\.txt/);
});

test('every file nginx caches as immutable is named by the bytes it serves, so a new build never reuses a cached name', async () => {
  // Cached for a year: a file whose bytes changed under an old name (Trunk names the main wasm
  // before wasm-opt runs and the glue before minifying it) would reach returning visitors as the
  // old bytes, which the new index.html's integrity hashes refuse (tools/wasm-name.py). nginx
  // itself says which files it caches that way, so the test follows deploy/render.sh.
  const files = readdirSync(dist, { recursive: true }).filter((f) => !/\.(br|gz)$/.test(f) && statSync(join(dist, f)).isFile());
  const immutable = [];
  for (const f of files) {
    const r = await fetch(`${base}/${f}`);
    await r.arrayBuffer();
    if (/immutable/.test(r.headers.get('cache-control') ?? '')) immutable.push(f);
  }
  assert.ok(immutable.some((f) => /^bijli-seva-[0-9a-f]{16}_bg\.wasm$/.test(f)), `the main wasm among ${immutable}`);
  assert.ok(immutable.some((f) => /^bijli-seva-[0-9a-f]{16}\.js$/.test(f)), `the glue among ${immutable}`);
  assert.ok(immutable.some((f) => /^chunk_\d+-[0-9a-f]{16}\.wasm$/.test(f)), `the parts among ${immutable}`);
  for (const f of immutable) {
    const named = f.match(/-([0-9a-f]+)(?:_bg)?\.\w+$/)?.[1];
    assert.equal(named, createHash('sha256').update(readFileSync(join(dist, f))).digest('hex').slice(0, 16), f);
  }
});

test('smoke journey through nginx: file a complaint and track it', async () => {
  const page = await newPage(browser);
  const csp = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) csp.push(m.text()); });
  await page.goto(`${base}/complaint/new`);
  await ready(page);
  await fillComplaint(page, server, { mobile: '9877700001' });
  await page.getByRole('button', { name: T.hi.send }).click();
  await page.waitForURL(/\/complaint\/done\/\d{12}/);
  const number = page.url().match(/(\d{12})$/)[1];
  assert.deepEqual(await server.ticketsOf('9877700001'), [number]);
  await page.goto(`${base}/track/${number}`);
  await ready(page);
  assert.ok((await page.textContent('main')).replace(/\s/g, '').includes(number));
  assert.deepEqual(csp, []);
  assert.deepEqual(page.errors, []);
});

// Last: it spends this address's allowance at the edge.
test('nginx limits OTP requests per address at the edge, answering as the backend does', async () => {
  const answers = [];
  for (let i = 0; i < 26; i++) {
    const r = await fetch(`${base}/api/v1/otp`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ mobile: `98766${String(i).padStart(5, '0')}`, purpose: 'lookup' }) });
    answers.push({ status: r.status, retry: r.headers.get('retry-after'), type: r.headers.get('content-type'), body: await r.json() });
  }
  // The burst (20) plus one pass to the backend, less what the smoke journey spent (its code),
  // plus one for each 10 s the loop took; the rest are refused by nginx.
  const passed = answers.filter((a) => a.status === 202).length;
  assert.ok(passed >= 18 && passed <= 23, `passed ${passed}: ${answers.map((a) => a.status)}`);
  const refused = answers.filter((a) => a.status === 429);
  assert.equal(refused.length, 26 - passed);
  for (const a of refused) {
    assert.equal(a.retry, '60');
    assert.equal(a.type, 'application/problem+json');
    assert.match(a.body.type, /\/problems\/too_many_from_client$/);
  }
  // Not an SMS for any refused mobile.
  assert.equal(await server.otpCount(`98766${String(25).padStart(5, '0')}`), 0);
});
