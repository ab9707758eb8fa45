// Two builds compared by Lighthouse on one page, in pairs whose order alternates (A then B, then B
// then A, …). On these machines a run's blocking time drifts with whatever else the host is doing,
// and the build measured second in a pair is often slower, so a comparison in fixed order can show a
// difference between two identical builds. Run a control (the same build on both sides) first: a
// difference smaller than the control's is noise.
// Usage: node bench/ab.mjs BASE_A BASE_B [PAIRS]   (PAGE=/complaint/new METHOD=simulate|devtools VISIT=first|repeat)
import { median, measure, run, lighthouseVersion, repeatVisit } from './lh.mjs';

const [baseA, baseB, pairsArg] = process.argv.slice(2);
if (!baseA || !baseB) {
  console.error('usage: node bench/ab.mjs BASE_A BASE_B [PAIRS]');
  process.exit(2);
}
const PAIRS = Number(pairsArg || 8);
const PAGE = process.env.PAGE || '/complaint/new';
const METHOD = process.env.METHOD || 'simulate';
const VISIT = process.env.VISIT || 'first';
const visit = VISIT === 'repeat'
  ? (chrome, url) => repeatVisit(chrome, url, METHOD)
  : (chrome, url) => run(url, { chrome, method: METHOD });

const METRICS = [['tbt', 'TBT', 'ms', 1], ['tti', 'TTI', 's', 1000], ['lcp', 'LCP', 's', 1000], ['score', 'score', '', 1], ['styleLayout', 'style & layout', 'ms', 1]];
const fmt = (v, unit, div) => (unit === 's' ? (v / div).toFixed(2) + ' s' : Math.round(v / div) + (unit ? ' ' + unit : ''));

console.log(`Lighthouse ${await lighthouseVersion()}: ${PAGE}, ${VISIT} visit, ${METHOD} throttling, ${PAIRS} pairs in alternating order`);
console.log(`A = ${baseA}\nB = ${baseB}\n`);
console.log('| pair | order | A: TBT | B: TBT | A: TTI | B: TTI |\n|---:|---|---:|---:|---:|---:|');
const a = [];
const b = [];
for (let i = 0; i < PAIRS; i++) {
  const aFirst = i % 2 === 0;
  const [first, second] = aFirst ? [baseA, baseB] : [baseB, baseA];
  const r1 = await measure(first + PAGE, visit);
  const r2 = await measure(second + PAGE, visit);
  const [ra, rb] = aFirst ? [r1, r2] : [r2, r1];
  a.push(ra);
  b.push(rb);
  console.log(`| ${i + 1} | ${aFirst ? 'A B' : 'B A'} | ${fmt(ra.tbt, 'ms', 1)} | ${fmt(rb.tbt, 'ms', 1)} | ${fmt(ra.tti, 's', 1000)} | ${fmt(rb.tti, 's', 1000)} |`);
}

// The paired difference cancels the drift both runs of a pair share; "B better in" counts the pairs
// in which B did better (lower times, higher score), a sign test's count: 8 of 8, or 0 of 8, is
// what chance alone gives 1 time in 128.
console.log('\n| metric | median A | median B | median of B − A | B better in |\n|---|---:|---:|---:|---:|');
for (const [k, label, unit, div] of METRICS) {
  const d = a.map((r, i) => b[i][k] - r[k]);
  const better = d.filter((x) => (k === 'score' ? x > 0 : x < 0)).length;
  const dm = median(d);
  console.log(`| ${label} | ${fmt(median(a.map((r) => r[k])), unit, div)} | ${fmt(median(b.map((r) => r[k])), unit, div)} | ${dm >= 0 ? '+' : '−'}${fmt(Math.abs(dm), unit, div)} | ${better} of ${PAIRS} |`);
}
