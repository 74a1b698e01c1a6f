// Small progressive enhancements; every flow also works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits itself; its button stays for keyboard and no-JS users.
  document.querySelectorAll(".language-switcher").forEach((switcher) => {
    const select = switcher.querySelector("select");
    const button = switcher.querySelector("button");
    select.addEventListener("change", () => switcher.requestSubmit());
    button.classList.add("visually-hidden");
  });

  // Header menus (<details>): Escape closes the open one and gives focus back to its toggle;
  // a click elsewhere closes them; opening one closes the other.
  const menus = Array.from(document.querySelectorAll(".site-menu, .profile-menu"));
  menus.forEach((menu) => {
    menu.addEventListener("toggle", () => {
      if (menu.open) menus.forEach((other) => { if (other !== menu) other.open = false; });
    });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    menus.filter((menu) => menu.open).forEach((menu) => {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });
  document.addEventListener("click", (event) => {
    menus.forEach((menu) => { if (menu.open && !menu.contains(event.target)) menu.open = false; });
  });

  // A form given back with errors: its summary takes the focus, read first and one Tab from
  // its links to the fields.
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();

  // Filter drawers: shown beside the results on wide screens (components.css does it without
  // JS); marked open there too, so that screen readers hear them expanded.
  const wide = window.matchMedia("(min-width: 48rem)");
  const drawers = document.querySelectorAll(".with-filters > details[data-filter-drawer]");
  const followWidth = () => drawers.forEach((drawer) => { if (wide.matches) drawer.open = true; });
  followWidth();
  wide.addEventListener("change", followWidth);

  // Dialogs: without JS a <dialog open> section of the page, reached by its opener's link
  // (href="#id"); with JS closed until opened, then modal (focus kept inside, Escape closes).
  document.querySelectorAll("dialog[data-dialog]").forEach((dialog) => {
    dialog.close();
    document.querySelectorAll(`a[href="#${CSS.escape(dialog.id)}"]`).forEach((opener) => {
      opener.setAttribute("aria-haspopup", "dialog");
      opener.addEventListener("click", (event) => {
        event.preventDefault();
        dialog.showModal();
      });
    });
    dialog.addEventListener("click", (event) => {
      if (event.target === dialog) dialog.close(); // a click on the backdrop
    });
  });
});
