{#
mgtracker's service worker, served at /service-worker.js (mgtracker.views.service_worker) so that it acts on every
page. Static files come from its cache (filled when it installs, and as pages ask for more); pages come from the
network, and the offline page stands in when there is none. A new VERSION (any change to a static file) makes a
new cache and drops the old one.
#}"use strict";
const VERSION = "{{ version }}";
const CACHE = `mgtracker-${VERSION}`;
const PRECACHE = {{ precache|safe }};
const OFFLINE_URL = {{ offline_url|safe }};
const STATIC_URL = {{ static_url|safe }};

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(
        names.filter((name) => name.startsWith("mgtracker-") && name !== CACHE).map((name) => caches.delete(name)),
      ))
      .then(() => self.clients.claim()),
  );
});

function fromCacheOrNetwork(request) {
  return caches.match(request).then((cached) => cached || fetch(request).then((response) => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(CACHE).then((cache) => cache.put(request, copy));
    }
    return response;
  }));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Posts (the offline queue sends its own), other sites and downloads go to the network untouched.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(fetch(request).catch(() => caches.match(OFFLINE_URL)));
  } else if (url.pathname.startsWith(STATIC_URL)) {
    event.respondWith(fromCacheOrNetwork(request));
  }
});
