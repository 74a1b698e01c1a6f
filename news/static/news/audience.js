// The audience picker: as teams are ticked, ask the admin how many people they reach.
// Without this script the reach panel shows the saved audience's figure.
(function () {
  "use strict";

  var timer = null;
  var sent = 0;

  function reachOutput() { return document.querySelector("[data-audience-reach]"); }

  function refresh(tree) {
    var panel = reachOutput();
    if (!panel || !window.fetch) { return; }
    var output = panel.querySelector("output");
    var params = new URLSearchParams();
    tree.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      params.append("team", box.value);
    });
    var mine = ++sent;
    panel.setAttribute("aria-busy", "true");
    fetch(panel.getAttribute("data-reach-url") + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "Accept": "application/json" }
    }).then(function (response) {
      if (!response.ok) { throw new Error(response.statusText); }
      return response.json();
    }).then(function (data) {
      if (mine !== sent) { return; }  // a later answer is on its way
      output.textContent = data.summary;
      output.setAttribute("data-reach-total", String(data.total));
    }).catch(function () { /* the figure shown stays the last one known */ })
      .then(function () { if (mine === sent) { panel.removeAttribute("aria-busy"); } });
  }

  document.addEventListener("change", function (event) {
    var box = event.target;
    if (!box.matches || !box.matches("[data-audience-tree] input[type=checkbox]")) { return; }
    var tree = box.closest("[data-audience-tree]");
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { refresh(tree); }, 150);
  });

  function start() {
    var tree = document.querySelector("[data-audience-tree]");
    if (tree) { refresh(tree); }  // a form shown again after an error has unsaved ticks
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
