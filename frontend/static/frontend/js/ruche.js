// Small progressive enhancements; every flow also works without JavaScript.
document.addEventListener("DOMContentLoaded", () => {
  // The language selector submits itself; its button stays for keyboard and no-JS users.
  const switcher = document.querySelector(".language-switcher");
  if (switcher) {
    const select = switcher.querySelector("select");
    const button = switcher.querySelector("button");
    select.addEventListener("change", () => switcher.requestSubmit());
    button.classList.add("visually-hidden");
  }
});
