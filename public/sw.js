// Bijli Seva service worker: the app shell works offline after the first visit.
// PRECACHE and VERSION are filled in at build time by tools/sw-precache.sh from the real dist/
// file names (hashed), so this list is never kept by hand.
const VERSION = 'dev';
const PRECACHE = [];
const SHELL = `bijli-shell-${VERSION}`;
const API = 'bijli-api';
// Catalogue and notices may be a little stale offline; everything else from the API is live only.
const CACHED_API = ['/api/v1/meta', '/api/v1/announcements'];
const NAV_TIMEOUT_MS = 4000;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the person chooses to reload.
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(PRECACHE)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('bijli-shell-') && key !== SHELL) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('message', (event) => {
  if (event.data && event.data.type === 'SKIP_WAITING') self.skipWaiting();
});

// A network answer, or a rejection once it has taken longer than a weak network should.
function soon(promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('slow')), NAV_TIMEOUT_MS))]);
}

// A fresh copy from the network, kept for offline use when it is good.
function fetchAndKeep(cache, request) {
  return fetch(request).then((r) => {
    if (r.ok) cache.put(request, r.clone());
    return r;
  });
}

// index.html: network first (a deploy is seen at once), the cached copy when offline or slow.
async function page(request) {
  const cache = await caches.open(SHELL);
  try {
    const fresh = await soon(fetch(request));
    if (fresh.ok) return fresh;
    return (await cache.match('/index.html', { ignoreVary: true })) || fresh;
  } catch (e) {
    const cached = await cache.match('/index.html', { ignoreVary: true });
    if (cached) return cached;
    throw e;
  }
}

// Hashed assets never change: cache first.
async function asset(request) {
  // ignoreVary: the server varies on Accept-Encoding, which differs between addAll() and the page.
  const cached = await caches.match(request, { ignoreSearch: true, ignoreVary: true });
  return cached || fetch(request);
}

// The wasm files: the browser's own HTTP cache first, and only then ours. V8 keeps the compiled
// code of a wasm module beside its copy in the HTTP cache and reuses it on the next visit; a
// copy from the Cache API (ours, filled by addAll at install) comes without it, so every
// function was compiled again on first call (on `/`, 1,262 functions, ~190 ms at 4x CPU, on
// the main thread). `only-if-cached` never goes to the network: a copy the HTTP cache no longer
// has comes from ours, as before, so offline use is unchanged.
async function wasm(request) {
  try {
    const cached = await fetch(request, { cache: 'only-if-cached', mode: 'same-origin' });
    if (cached.ok) return cached;
  } catch (e) { /* not in the HTTP cache */ }
  return asset(request);
}

// Stale-while-revalidate for the catalogue and announcements.
async function swr(event) {
  const cache = await caches.open(API);
  const cached = await cache.match(event.request);
  const refresh = fetchAndKeep(cache, event.request);
  if (cached) {
    event.waitUntil(refresh.catch(() => {}));
    return withoutEnded(event.request, cached);
  }
  return refresh;
}

// The home page asks for the notices without the power cuts that are over (`hide_ended=true`).
// A copy kept on an earlier visit may hold a cut that has ended since, which would read, in its
// own future tense, as still to come; so it is left out here too, by the server's rule (the
// contract's `outage::phase`: begun and with its end in the past).
async function withoutEnded(request, response) {
  if (new URL(request.url).searchParams.get('hide_ended') !== 'true') return response;
  try {
    const list = await response.clone().json();
    const now = Date.now();
    const over = (a) => a.kind === 'outage' && Date.parse(a.from || a.published_at) <= now && Date.parse(a.until) <= now;
    const kept = list.filter((a) => !over(a));
    if (kept.length === list.length) return response;
    const headers = new Headers(response.headers);
    headers.delete('etag');
    headers.delete('content-length');
    return new Response(JSON.stringify(kept), { status: response.status, headers });
  } catch (e) {
    return response;
  }
}

// Network first, the kept copy only when offline or slow: for a page that needs the notices as
// they are now (the complaint form's "this cut is already known"), which asks with `no-cache`.
async function current(event) {
  const cache = await caches.open(API);
  const network = fetchAndKeep(cache, event.request);
  event.waitUntil(network.catch(() => {}));
  try {
    return await soon(network);
  } catch (e) {
    return (await cache.match(event.request)) || network;
  }
}

self.addEventListener('fetch', (event) => {
  const req = event.request;
  // POSTs (complaints, uploads, OTPs) are never touched.
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (req.mode === 'navigate') return event.respondWith(page(req));
  if (CACHED_API.includes(url.pathname)) return event.respondWith(req.cache === 'no-cache' ? current(event) : swr(event));
  if (url.pathname.startsWith('/api/')) return;
  if (PRECACHE.includes(url.pathname)) return event.respondWith(url.pathname.endsWith('.wasm') ? wasm(req) : asset(req));
});
