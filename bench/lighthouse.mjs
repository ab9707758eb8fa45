// Lighthouse medians for the portal's first screens. Usage: node bench/lighthouse.mjs BASE [RUNS]
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const [base, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 3);
const PAGES = ['/', '/complaint/new', '/connection/new', '/track'];
const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
// Lighthouse's own presets: mobile slow 4G is the default; "Regular 3G" is its mobileRegular3G.
const REGULAR_3G = { rttMs: 300, throughputKbps: 700, requestLatencyMs: 300 * 3.75, downloadThroughputKbps: 700 * 0.9, uploadThroughputKbps: 700 * 0.9, cpuSlowdownMultiplier: 4 };

// Lighthouse sometimes loses a run's trace (NO_NAVSTART): its timings are then missing and its
// score is 0. Such a run is reported and done again (at most LOST_RETRIES times per table row), so
// each median is of RUNS complete runs and a lost trace cannot pull a score down.
const KEY_AUDITS = ['largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];
const LOST_RETRIES = 3;
const median = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

async function run(url, { throttling, method, keepStorage = false, chrome } = {}) {
  const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: keepStorage };
  const config = { extends: 'lighthouse:default', settings: { onlyCategories: ['performance'], ...(throttling ? { throttling } : {}), ...(method ? { throttlingMethod: method } : {}) } };
  const { lhr } = await lighthouse(url, flags, config);
  const a = lhr.audits;
  const lost = KEY_AUDITS.filter((id) => a[id]?.errorMessage || typeof a[id]?.numericValue !== 'number');
  if (lost.length) console.error(`${url}: ${lost.join(', ')} failed in this run (${a[lost[0]]?.errorMessage ?? 'no value'})`);
  return {
    lost: lost.length > 0,
    score: Math.round(lhr.categories.performance.score * 100),
    lcp: a['largest-contentful-paint'].numericValue,
    tbt: a['total-blocking-time'].numericValue,
    cls: a['cumulative-layout-shift'].numericValue,
    si: a['speed-index'].numericValue,
    tti: a['interactive'].numericValue,
    bytes: a['total-byte-weight'].numericValue,
    lcpElement: a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
  };
}

function row(label, results) {
  const m = (k) => median(results.map((r) => r[k]));
  return `| ${label} | ${m('score')} | ${(m('lcp') / 1000).toFixed(2)} s | ${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} | ${(m('si') / 1000).toFixed(2)} s | ${(m('tti') / 1000).toFixed(2)} s | ${Math.round(m('bytes') / 1024)} KB |`;
}

const header = '| page | score | LCP | TBT | CLS | Speed Index | TTI | transfer |\n|---|---:|---:|---:|---:|---:|---:|---:|';

async function withChrome(fn) {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM || '/usr/bin/chromium', chromeFlags: FLAGS, userDataDir: mkdtempSync(join(tmpdir(), 'bijli-lh-')) });
  try { return await fn(chrome); } finally { await chrome.kill(); }
}

console.log(`Lighthouse ${(await import('lighthouse/package.json', { with: { type: 'json' } })).default.version}, mobile preset, median of ${RUNS} runs`);
// One table: `visit(chrome, url)` RUNS times per page, each in a fresh browser, then the medians.
async function table(title, pages, visit) {
  console.log(`\n### ${title}\n`);
  console.log(header);
  for (const p of pages) {
    const results = [];
    let redone = 0;
    while (results.length < RUNS) {
      const r = await withChrome((chrome) => visit(chrome, base + p));
      if (!r.lost || redone === LOST_RETRIES) results.push(r);
      else { redone++; console.error(`${base + p}: run done again (${redone} of at most ${LOST_RETRIES})`); }
    }
    console.log(row(p, results));
  }
}
const FORMS_AND_HOME = ['/', '/complaint/new'];

await table('First visit, simulated slow 4G, 4x CPU', PAGES, (chrome, url) => run(url, { chrome }));
await table('First visit, "Regular 3G" (300 ms RTT, 700 kbit/s), 4x CPU', FORMS_AND_HOME,
  (chrome, url) => run(url, { chrome, throttling: REGULAR_3G }));
// Lantern simulates the main thread from an unthrottled trace: the same pages with the 4x CPU and
// the network applied in the browser are a second opinion on blocking time.
await table('First visit, slow 4G and 4x CPU applied in the browser (DevTools throttling)', FORMS_AND_HOME,
  (chrome, url) => run(url, { chrome, method: 'devtools' }));
// A repeat visit twice: simulated (lantern) treats the service worker's answers as network
// downloads, so it is also measured with the throttling applied in the browser ("devtools"),
// where what the worker answers from its cache is local, as on a phone.
for (const [title, method] of [
  ['Repeat visit (service worker and HTTP cache warm), simulated slow 4G', 'simulate'],
  ['Repeat visit, slow 4G and 4x CPU applied in the browser (DevTools throttling)', 'devtools'],
]) {
  await table(title, FORMS_AND_HOME, async (chrome, url) => {
    await run(url, { chrome, method, keepStorage: true });
    // The worker registers 2 s after load and precaches the parts after that.
    await new Promise((r) => setTimeout(r, 3000));
    return run(url, { chrome, method, keepStorage: true });
  });
}
