// Lighthouse medians for the portal's first screens. Usage: node bench/lighthouse.mjs BASE [RUNS]
import { median, measure, run, REGULAR_3G, lighthouseVersion, repeatVisit } from './lh.mjs';

const [base, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg || 3);
const PAGES = ['/', '/complaint/new', '/connection/new', '/track'];

function row(label, results) {
  const m = (k) => median(results.map((r) => r[k]));
  return `| ${label} | ${m('score')} | ${(m('lcp') / 1000).toFixed(2)} s | ${Math.round(m('tbt'))} ms | ${m('cls').toFixed(3)} | ${(m('si') / 1000).toFixed(2)} s | ${(m('tti') / 1000).toFixed(2)} s | ${Math.round(m('bytes') / 1024)} KB |`;
}

const header = '| page | score | LCP | TBT | CLS | Speed Index | TTI | transfer |\n|---|---:|---:|---:|---:|---:|---:|---:|';

console.log(`Lighthouse ${await lighthouseVersion()}, mobile preset, median of ${RUNS} runs`);
// One table: `visit(chrome, url)` RUNS times per page, each in a fresh browser, then the medians.
async function table(title, pages, visit) {
  console.log(`\n### ${title}\n`);
  console.log(header);
  for (const p of pages) {
    const results = [];
    while (results.length < RUNS) results.push(await measure(base + p, visit));
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
  await table(title, FORMS_AND_HOME, (chrome, url) => repeatVisit(chrome, url, method));
}
