// What the page-load scripts share: one Lighthouse run of a URL in a Chromium started for it, and a
// median. Used by lighthouse.mjs (the benchmark's tables) and ab.mjs (two builds compared).
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
// Lighthouse's own presets: mobile slow 4G is the default; "Regular 3G" is its mobileRegular3G.
export const REGULAR_3G = { rttMs: 300, throughputKbps: 700, requestLatencyMs: 300 * 3.75, downloadThroughputKbps: 700 * 0.9, uploadThroughputKbps: 700 * 0.9, cpuSlowdownMultiplier: 4 };

// Lighthouse sometimes loses a run's trace (NO_NAVSTART): its timings are then missing and its
// score is 0. `measure` reports such a run and does it again (at most LOST_RETRIES times), so a
// median is of complete runs and a lost trace cannot pull a score down.
const KEY_AUDITS = ['largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift', 'speed-index', 'interactive'];
const LOST_RETRIES = 3;
export const median = (xs) => { const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : NaN; };

// Lighthouse's mobile preset (slow 4G, 4x CPU) unless `throttling` or `method` say otherwise;
// `keepStorage` keeps the service worker and caches of an earlier run (a repeat visit).
export async function run(url, { throttling, method, keepStorage = false, chrome } = {}) {
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
    // Main-thread time on style and layout: the traced time times the CPU slowdown, not a
    // simulation. Steadier than TBT, which turns on where a task falls against the simulated
    // first paint.
    styleLayout: a['mainthread-work-breakdown']?.details?.items?.find((g) => g.group === 'styleLayout')?.duration ?? NaN,
    lcpElement: a['largest-contentful-paint-element']?.details?.items?.[0]?.items?.[0]?.node?.snippet,
  };
}

export async function withChrome(fn) {
  const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROMIUM || '/usr/bin/chromium', chromeFlags: FLAGS, userDataDir: mkdtempSync(join(tmpdir(), 'bijli-lh-')) });
  try { return await fn(chrome); } finally { await chrome.kill(); }
}

export const lighthouseVersion = async () =>
  (await import('lighthouse/package.json', { with: { type: 'json' } })).default.version;

// A repeat visit: one load to install the worker and fill the caches, then the measured load.
export async function repeatVisit(chrome, url, method) {
  await run(url, { chrome, method, keepStorage: true });
  // The worker registers 2 s after load and precaches the parts after that.
  await new Promise((r) => setTimeout(r, 3000));
  return run(url, { chrome, method, keepStorage: true });
}

// `visit(chrome, url)` in a fresh browser, done again while its trace is lost.
export async function measure(url, visit) {
  for (let redone = 0; ; redone++) {
    const r = await withChrome((chrome) => visit(chrome, url));
    if (!r.lost || redone === LOST_RETRIES) return r;
    console.error(`${url}: run done again (${redone + 1} of at most ${LOST_RETRIES})`);
  }
}
