// Push on this browser (the notification preferences page, `[data-push]`): subscribes with
// the site's VAPID public key and gives the subscription to Ruche, or takes it back. Without
// JavaScript the section stays hidden and the preference itself still saves.
(() => {
  const section = document.querySelector("[data-push]");
  if (!section) {
    return;
  }
  const status = section.querySelector("[data-push-status]");
  const toggle = section.querySelector("[data-push-toggle]");
  const text = section.dataset;
  section.hidden = false;

  const supported =
    "serviceWorker" in navigator && "PushManager" in window && "Notification" in window;
  if (!supported) {
    status.textContent = text.statusUnsupported;
    return;
  }

  function applicationServerKey(base64url) {
    const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4))
      .replace(/-/g, "+")
      .replace(/_/g, "/");
    return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  }

  function csrfToken() {
    const field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }

  function send(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    }).then((response) => {
      if (!response.ok) {
        throw new Error(`push subscription: ${response.status}`);
      }
      return response;
    });
  }

  function show(subscribed, message) {
    status.textContent = message || (subscribed ? text.statusOn : text.statusOff);
    toggle.textContent = subscribed ? text.labelOff : text.labelOn;
    toggle.dataset.subscribed = subscribed ? "true" : "false";
    toggle.hidden = Notification.permission === "denied" && !subscribed;
  }

  async function subscribe(registration) {
    const permission = await Notification.requestPermission();
    if (permission !== "granted") {
      show(false, text.statusDenied);
      return;
    }
    const subscription = await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: applicationServerKey(text.vapidKey),
    });
    await send(text.subscribeUrl, subscription.toJSON());
    show(true);
  }

  async function unsubscribe(registration) {
    const subscription = await registration.pushManager.getSubscription();
    if (subscription) {
      await send(text.unsubscribeUrl, { endpoint: subscription.endpoint });
      await subscription.unsubscribe();
    }
    show(false);
  }

  navigator.serviceWorker.ready.then(async (registration) => {
    const current = await registration.pushManager.getSubscription();
    if (current) {
      // The browser may have renewed it: Ruche keeps the one it has now.
      send(text.subscribeUrl, current.toJSON()).catch(() => undefined);
    }
    show(Boolean(current), Notification.permission === "denied" ? text.statusDenied : "");
    toggle.addEventListener("click", async () => {
      toggle.disabled = true;
      try {
        if (toggle.dataset.subscribed === "true") {
          await unsubscribe(registration);
        } else {
          await subscribe(registration);
        }
      } catch (error) {
        show(toggle.dataset.subscribed === "true", text.statusFailed);
      } finally {
        toggle.disabled = false;
      }
    });
  });
})();
