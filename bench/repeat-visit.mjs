// Where a returning visitor's time goes on a deep link (bench/BENCHMARKS "Thirteenth session").
//
//   node bench/repeat-visit.mjs [PATH] [SELECTOR]     (default /complaint/new and its first field)
//   RUNS=N DIST_DIR=dist MARKS=1 TASKS=1 FIRST=1
//
// Serves DIST_DIR (default dist/) behind the reference server, visits PATH three times in one
// profile (service worker installed, HTTP cache and V8's code cache warm), then RUNS times in a
// new browser process with 4x CPU slowdown, as a return visit on a slow phone. Each run prints
// when the first contentful paint and SELECTOR appeared, how much of that the main thread was
// busy, the functions V8 compiled on first call, and with MARKS=1 when each wasm file was asked
// for, arrived and was instantiated (and when the document's response came and its HTML was
// parsed); TASKS=1 lists each task over 50 ms (MIN=ms for another threshold) with the trace events
// that took most of it, how many functions V8 compiled in it on their first call and the
// performance.mark()s made in it (AFTER=ms lists tasks that long after SELECTOR appeared, too); FIRST=1
// makes every run a first visit instead (a fresh profile, nothing cached). A trace of one page
// load, not a score: compare builds run by run, alternating, on a quiet machine. Needs `cargo build -p portal-api` and tests/e2e's npm
// packages (.ci/setup.sh installs them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launchPersistent } from '../tests/e2e/harness.js';

const path = process.argv[2] || '/complaint/new';
const selector = process.argv[3] || 'input[name=account_choice]';
const runs = Number(process.env.RUNS || 5);
const server = await startServer([], { dist: process.env.DIST_DIR });
const first = Boolean(process.env.FIRST);
// AFTER=ms: tasks that long after SELECTOR appeared are traced and listed too (a page may go on drawing).
const after = Number(process.env.AFTER || 0);
let profile = mkdtempSync(join(tmpdir(), 'bijli-repeat-'));
const phone = { width: 412, height: 823 };

let ctx, page;
if (!first) {
  ctx = await launchPersistent(profile, phone);
  page = ctx.pages()[0] || await ctx.newPage();
  for (let i = 0; i < 3; i++) {
    await page.goto(server.base + path);
    await page.waitForSelector(selector, { timeout: 30000 });
    if (i === 0) await page.evaluate(() => navigator.serviceWorker.ready);
    await page.waitForTimeout(i === 0 ? 8000 : 3000); // the worker precaches every part
  }
  await ctx.close();
}

const rows = [];
for (let r = 0; r < runs; r++) {
  if (first) {
    rmSync(profile, { recursive: true, force: true });
    profile = mkdtempSync(join(tmpdir(), 'bijli-repeat-'));
  }
  ctx = await launchPersistent(profile, phone);
  page = ctx.pages()[0] || await ctx.newPage();
  await page.addInitScript((sel) => {
    const t = (self.__marks = []);
    const now = () => Math.round(performance.now());
    const name = (x) => String((x && x.url) || x).split('/').pop().replace(/-[0-9a-f]{16}/, '');
    new MutationObserver((_, obs) => {
      if (document.querySelector(sel)) { performance.mark('target'); obs.disconnect(); }
    }).observe(document, { childList: true, subtree: true });
    const fetch0 = self.fetch;
    self.fetch = function (u) {
      const n = name(u); t.push(`${now()} asked ${n}`);
      const p = fetch0.apply(this, arguments);
      p.then(() => t.push(`${now()} arrived ${n}`), () => {});
      return p;
    };
    const inst0 = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = (src, imports) => Promise.resolve(src).then((res) =>
      inst0.call(WebAssembly, res, imports).then((x) => { t.push(`${now()} instantiated ${name(res)}`); return x; }));
    addEventListener('TrunkApplicationStarted', () => t.push(`${now()} main wasm started`));
  }, selector);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const events = [];
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  const traced = new Promise((res) => cdp.once('Tracing.tracingComplete', res));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.wasm,blink.user_timing,loading', transferMode: 'ReportEvents' });
  await page.goto(server.base + path);
  // Waited for through the DevTools protocol, not page.waitForSelector: Playwright's injected
  // script would run on the page's main thread (85-250 ms at 4x CPU) in the middle of the load.
  await cdp.send('Runtime.evaluate', { awaitPromise: true, expression:
    `new Promise((ok) => { const t = () => performance.getEntriesByName('target').length ? ok(1) : setTimeout(t, 100); t(); })` });
  await new Promise((ok) => setTimeout(ok, 1000 + after));
  const { result } = await cdp.send('Runtime.evaluate', { returnByValue: true, expression: `(() => {
    const n = performance.getEntriesByType('navigation')[0];
    return {
      target: performance.getEntriesByName('target')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      marks: self.__marks,
      // The document's own request: when the service worker started, the response began and ended.
      doc: [['worker started', n.workerStart], ['response started', n.responseStart], ['response ended', n.responseEnd],
        ['HTML parsed', n.domInteractive]].map(([k, v]) => Math.round(v) + ' ' + k),
    };
  })()` });
  const { target, fcp, marks, doc } = result.value;
  await cdp.send('Tracing.end');
  await traced;
  await ctx.close();

  // The page's main thread: where the navigation to PATH started.
  const start = events.find((e) => e.name === 'navigationStart' && e.args?.data?.isLoadingMainFrame &&
    String(e.args.data.documentLoaderURL || '').startsWith(server.base));
  if (!start) {
    // Now and then the trace comes back without the navigation's start; skip that run rather
    // than stop the whole comparison.
    console.log(`run ${r + 1}: no navigationStart in the trace, skipped`);
    continue;
  }
  const main = `${start.pid}:${start.tid}`;
  const nav = start.ts;
  const end = nav + (target + after) * 1000;
  const slices = events.filter((e) => `${e.pid}:${e.tid}` === main && e.ph === 'X' && e.ts >= nav && e.ts <= end);
  const ms = (l) => Math.round(l.reduce((s, e) => s + (e.dur || 0), 0) / 1000);
  const tasks = slices.filter((e) => e.name === 'RunTask');
  const lazy = slices.filter((e) => e.name === 'wasm.CompileLazy');
  const row = {
    fcp: Math.round(fcp), target: Math.round(target), busy: ms(tasks),
    long: tasks.filter((e) => e.dur > 50000).map((e) => Math.round(e.dur / 1000)),
    compiled: lazy.length, compile_ms: ms(lazy),
  };
  rows.push(row);
  console.log(`run ${r + 1}: first paint ${row.fcp} ms, ${selector} at ${row.target} ms, main thread busy ${row.busy} ms ` +
    `(tasks over 50 ms: ${row.long.join(', ') || 'none'}), ${row.compiled} functions compiled on first call in ${row.compile_ms} ms`);
  if (process.env.MARKS) console.log([...doc, ...marks].map((m) => `    ${m}`).join('\n'));
  if (process.env.TASKS) {
    const min = Number(process.env.MIN || 50) * 1000;
    for (const t of tasks.filter((e) => e.dur > min)) {
      const inner = new Map();
      for (const e of slices) {
        if (e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur) inner.set(e.name, (inner.get(e.name) || 0) + (e.dur || 0));
      }
      const top = [...inner].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k} ${Math.round(v / 1000)}`);
      const compiled = lazy.filter((e) => e.ts >= t.ts && e.ts < t.ts + t.dur).length;
      // User timing marks made in the task (performance.mark in a build instrumented to find out).
      const marks = events.filter((e) => e.cat === 'blink.user_timing' && e.ts >= t.ts && e.ts < t.ts + t.dur)
        .map((e) => `${e.name}@${Math.round((e.ts - t.ts) / 1000)}`);
      console.log(`    task at ${Math.round((t.ts - nav) / 1000)} ms, ${Math.round(t.dur / 1000)} ms (${compiled} compiled): ${top.join(', ')}` +
        (marks.length ? ` [${marks.join(' ')}]` : ''));
    }
  }
}
const median = (k) => { const v = rows.map((x) => x[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(`median of ${rows.length}: first paint ${median('fcp')} ms, ${selector} at ${median('target')} ms, main thread busy ${median('busy')} ms`);
await server.stop();
rmSync(profile, { recursive: true, force: true });
