// As-you-type suggestions for the header search box (ARIA 1.2 combobox with a listbox).
// Without JavaScript the box is a plain search form.
(() => {
  const input = document.getElementById("site-search");
  if (!input) return;
  const form = input.form;
  const list = document.createElement("ul");
  list.id = "site-search-suggestions";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.dataset.suggestLabel || "Suggestions");
  list.className = "suggestions";
  list.hidden = true;
  form.style.position = "relative";
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let active = -1;
  let timer = null;
  let lastQuery = "";
  let controller = null;

  const options = () => Array.from(list.querySelectorAll("[role=option]"));
  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };
  const highlight = (index) => {
    const items = options();
    items.forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (items[index]) input.setAttribute("aria-activedescendant", items[index].id);
  };
  const render = (suggestions) => {
    list.replaceChildren();
    suggestions.forEach((suggestion, index) => {
      const item = document.createElement("li");
      item.id = `site-search-suggestion-${index}`;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.dataset.url = suggestion.url;
      const title = document.createElement("span");
      title.textContent = suggestion.title;
      const kind = document.createElement("span");
      kind.className = "suggestions__kind";
      kind.textContent = suggestion.kind_label || "";
      item.append(title, kind);
      item.addEventListener("mousedown", (event) => {
        event.preventDefault();
        window.location.assign(suggestion.url);
      });
      list.appendChild(item);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
    active = -1;
  };
  const fetchSuggestions = async (query) => {
    if (controller) controller.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`/api/search/suggest/?q=${encodeURIComponent(query)}`, {
        credentials: "same-origin",
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return close();
      render(await response.json());
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  };

  input.addEventListener("input", () => {
    const query = input.value.trim();
    clearTimeout(timer);
    if (query.length < 2) return close();
    if (query === lastQuery) return;
    timer = setTimeout(() => {
      lastQuery = query;
      fetchSuggestions(query);
    }, 150);
  });
  input.addEventListener("keydown", (event) => {
    const items = options();
    if (event.key === "ArrowDown" && items.length) {
      event.preventDefault();
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp" && items.length) {
      event.preventDefault();
      highlight((active - 1 + items.length) % items.length);
    } else if (event.key === "Enter" && active >= 0 && items[active]) {
      event.preventDefault();
      window.location.assign(items[active].dataset.url);
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
})();
