{% autoescape off %}// Ruche's service worker (frontend/README.md), served at /sw.js so that its scope is the site.
// It keeps static files and the offline page, and nothing else: pages of the site are always
// asked of the network (a signed-in page is never stored), and when the network is gone a
// navigation gets the offline page. It also shows the notices Ruche pushes.
"use strict";

const CACHE = "ruche-static-{{ version }}";
const OFFLINE_URL = {{ offline_url }};
const PRECACHED = {{ precached }};
const STATIC_PREFIX = {{ static_prefix }};

self.addEventListener("install", (event) => {
  // Fetched without cookies: what is kept can hold nothing of the person signed in.
  const requests = PRECACHED.map((url) => new Request(url, { credentials: "omit" }));
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(requests)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("ruche-") && name !== CACHE)
            .map((name) => caches.delete(name))
        )
      )
      .then(() => self.clients.claim())
  );
});

function isStatic(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(STATIC_PREFIX);
}

// Static files: from the cache at once, refreshed from the network behind (a file whose name
// has no hash shows its new version on the next load).
async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  const fresh = fetch(request)
    .then((response) => {
      if (response.ok && response.type === "basic") {
        cache.put(request, response.clone());
      }
      return response;
    })
    .catch(() => undefined);
  return kept || (await fresh) || Response.error();
}

// Pages: the network only, never stored; the offline page when the network is gone.
async function fromNetwork(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const cache = await caches.open(CACHE);
    return (await cache.match(OFFLINE_URL)) || Response.error();
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(fromNetwork(request));
    return;
  }
  if (isStatic(new URL(request.url))) {
    event.respondWith(fromCache(request));
  }
  // Anything else (the API, documents, images of pages) is the browser's own business.
});

// A push says what the notice says in the app: a title, its text and its link.
self.addEventListener("push", (event) => {
  let notice = {};
  try {
    notice = event.data ? event.data.json() : {};
  } catch (error) {
    notice = {};
  }
  const title = notice.title || "Ruche";
  event.waitUntil(
    self.registration.showNotification(title, {
      body: notice.body || "",
      tag: notice.tag,
      icon: {{ icon }},
      badge: {{ icon }},
      data: { url: notice.url || "/notifications/" },
    })
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  // Always this site: the path of the link, on the origin the worker serves.
  const link = new URL(event.notification.data.url, self.location.origin);
  const target = new URL(link.pathname + link.search + link.hash, self.location.origin);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url === target.href);
      return open ? open.focus() : self.clients.openWindow(target.href);
    })
  );
});
{% endautoescape %}
