// Progressive enhancement: reactions and question votes without a page reload.
// Every form works without this script (it posts and redirects back).
(function () {
  "use strict";

  function announce(form, text) {
    var live = document.getElementById("news-live");
    if (live && text) { live.textContent = text; }
  }

  function send(form) {
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "Accept": "application/json", "X-Requested-With": "fetch" }
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error(data.error || response.statusText); }
        return data;
      });
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute("data-enhance");
    if (!kind || !window.fetch) { return; }
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    button.disabled = true;
    send(form).then(function (data) {
      if (kind === "reaction") {
        button.setAttribute("aria-pressed", data.mine ? "true" : "false");
        button.querySelector(".count").textContent = data.count;
        announce(form, data.message);
      } else if (kind === "vote") {
        var withdraw = form.querySelector("input[name=withdraw]");
        if (data.voted && !withdraw) {
          withdraw = document.createElement("input");
          withdraw.type = "hidden"; withdraw.name = "withdraw"; withdraw.value = "1";
          form.appendChild(withdraw);
        } else if (!data.voted && withdraw) {
          withdraw.remove();
        }
        button.setAttribute("aria-pressed", data.voted ? "true" : "false");
        button.textContent = button.getAttribute(data.voted ? "data-withdraw-label" : "data-vote-label");
        var item = form.closest(".question");
        var count = item && item.querySelector(".vote-count");
        if (count) { count.textContent = data.votes; }
        announce(form, button.getAttribute(data.voted ? "data-voted-label" : "data-withdrawn-label"));
      }
    }).catch(function (error) {
      announce(form, error.message);
    }).finally(function () {
      button.disabled = false;
    });
  });
})();
