// Registers Ruche's service worker (served at the site's root, see frontend/README.md): the
// site becomes installable, static files load from the device and, offline, a navigation
// shows the offline page. Pages work the same without it.
(() => {
  const script = document.currentScript;
  if (!script || !("serviceWorker" in navigator)) {
    return;
  }
  const url = script.dataset.serviceWorker || "/sw.js";
  window.addEventListener("load", () => {
    navigator.serviceWorker.register(url, { scope: "/" }).catch(() => {
      // No worker (a private window, a browser that refuses it): the site works without.
    });
  });
})();
