// While the title is typed, show similar ideas of the challenge (the button does it without JS).
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-similar-url]");
  if (!form) return;
  const title = form.querySelector("[data-similar-title]");
  const region = document.getElementById("similar-ideas");
  const checkButton = form.querySelector(".similar-check");
  if (!title || !region) return;
  if (checkButton) checkButton.classList.add("visually-hidden");
  let timer = null;
  let last = "";
  title.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = title.value.trim();
      if (text === last) return;
      last = text;
      if (text.length < 4) { region.replaceChildren(); return; }
      const url = `${form.dataset.similarUrl}?title=${encodeURIComponent(text)}`;
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const { results } = await response.json();
      region.replaceChildren();
      if (!results.length) return;
      const intro = document.createElement("p");
      intro.textContent = region.dataset.intro;
      const list = document.createElement("ul");
      for (const idea of results) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.href = idea.url;
        link.textContent = idea.title;
        item.append(link);
        list.append(item);
      }
      region.append(intro, list);
    }, 300);
  });
});
