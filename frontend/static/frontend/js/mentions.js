// Mentions in any <textarea data-mentions>: "@" and two letters offer people and teams in a
// listbox under the field; choosing one inserts its token ("@camille", "@équipe:support").
// Without JavaScript people type the token themselves: the server reads the same text.
//
// ARIA: a textarea keeps its textbox role (ARIA in HTML allows it no other, so no
// role=combobox nor aria-expanded on it); it gets the rest of the combobox pattern:
// aria-autocomplete="list", aria-haspopup="listbox", aria-controls, aria-activedescendant on
// the highlighted option, and a status region announcing how many suggestions there are.
// Keys while the list is open: Up/Down move, Enter or Tab insert, Escape closes.
// data-mentions="<url>" asks another endpoint (same answer as /api/people/mentions/).
(() => {
  const STRINGS = {
    fr: {
      label: "Personnes et équipes à mentionner",
      hint: "Tapez @ puis deux lettres pour mentionner une personne ou une équipe.",
      none: "Aucune suggestion",
      one: "1 suggestion : flèches haut et bas pour choisir, Entrée pour insérer",
      many: "{n} suggestions : flèches haut et bas pour choisir, Entrée pour insérer",
      team: "Équipe",
    },
    en: {
      label: "People and teams to mention",
      hint: "Type @ and two letters to mention a person or a team.",
      none: "No suggestions",
      one: "1 suggestion: up and down arrows to choose, Enter to insert",
      many: "{n} suggestions: up and down arrows to choose, Enter to insert",
      team: "Team",
    },
  };
  const language = (document.documentElement.lang || "fr").slice(0, 2);
  const words = STRINGS[language] || STRINGS.fr;
  const URL = "/api/people/mentions/";
  // "@" starting a word (not in an address), then what is typed of a name, up to the caret.
  const TYPED = /(?:^|[^\p{L}\p{N}_.+\-@/])@([\p{L}\p{N}_.+\-]*(?::[\p{L}\p{N}_\-]*)?)$/u;
  const REST = /^[\p{L}\p{N}_.+\-:]*/u;
  const MIN_LETTERS = 2;
  const DELAY = 150;

  const enhance = (area, number) => {
    const id = `mentions-${number}`;
    const host = area.parentElement;
    host.classList.add("mentions-host");
    const list = document.createElement("ul");
    list.id = `${id}-list`;
    list.className = "mentions-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", words.label);
    list.hidden = true;
    const status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    const hint = document.createElement("span");
    hint.id = `${id}-hint`;
    hint.className = "visually-hidden";
    hint.textContent = words.hint;
    area.after(list, status, hint);
    area.setAttribute("aria-autocomplete", "list");
    area.setAttribute("aria-haspopup", "listbox");
    area.setAttribute("aria-controls", list.id);
    const described = area.getAttribute("aria-describedby");
    area.setAttribute("aria-describedby", described ? `${described} ${hint.id}` : hint.id);

    let choices = [];
    let active = -1;
    let typed = null; // {query, start, end} of the token being typed
    let dismissed = null; // where the token starts that Escape closed the list on
    let timer = null;
    let controller = null;

    const options = () => Array.from(list.children);
    const isOpen = () => !list.hidden;
    const announce = (message) => {
      status.textContent = message;
    };
    const close = () => {
      clearTimeout(timer);
      if (controller) controller.abort();
      controller = null;
      list.hidden = true;
      list.replaceChildren();
      choices = [];
      active = -1;
      area.removeAttribute("aria-activedescendant");
    };
    const highlight = (index) => {
      options().forEach((item, i) => item.setAttribute("aria-selected", String(i === index)));
      active = index;
      const item = options()[index];
      if (!item) return area.removeAttribute("aria-activedescendant");
      area.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    };
    const place = () => {
      list.style.left = `${area.offsetLeft}px`;
      list.style.top = `${area.offsetTop + area.offsetHeight}px`;
      list.style.width = `${area.offsetWidth}px`;
    };
    const tokenAtCaret = () => {
      const caret = area.selectionStart;
      if (caret !== area.selectionEnd) return null;
      const match = TYPED.exec(area.value.slice(0, caret));
      if (!match) return null;
      const rest = REST.exec(area.value.slice(caret))[0];
      return { query: match[1], start: caret - match[1].length - 1, end: caret + rest.length };
    };

    const choose = (index) => {
      const choice = choices[index];
      if (!choice || !typed) return;
      const after = area.value.slice(typed.end);
      const text = choice.token + (/^\s/.test(after) ? "" : " ");
      area.setRangeText(text, typed.start, typed.end, "end");
      close();
      announce("");
      area.focus();
    };

    const render = (people, teams) => {
      choices = [
        ...people.map((p) => ({
          token: p.token,
          label: p.name,
          detail: p.job_title ? `${p.token} · ${p.job_title}` : p.token,
        })),
        ...teams.map((t) => ({ token: t.token, label: t.name, detail: `${words.team} · ${t.token}` })),
      ];
      list.replaceChildren(
        ...choices.map((choice, index) => {
          const item = document.createElement("li");
          item.id = `${id}-option-${index}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          const label = document.createElement("span");
          label.textContent = choice.label;
          const detail = document.createElement("span");
          detail.className = "mentions-list__detail";
          detail.textContent = choice.detail;
          item.append(label, detail);
          // mousedown would move the focus out of the field (and close the list) first.
          item.addEventListener("mousedown", (event) => event.preventDefault());
          item.addEventListener("click", () => choose(index));
          return item;
        }),
      );
      if (!choices.length) {
        close();
        return announce(words.none);
      }
      place();
      list.hidden = false;
      highlight(0);
      announce(choices.length === 1 ? words.one : words.many.replace("{n}", choices.length));
    };

    const load = async (query) => {
      if (controller) controller.abort();
      controller = new AbortController();
      const url = `${area.dataset.mentions || URL}?q=${encodeURIComponent(query)}`;
      try {
        const response = await fetch(url, {
          credentials: "same-origin",
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return close();
        const { people = [], teams = [] } = await response.json();
        const now = tokenAtCaret();
        if (!now || now.query !== query) return; // typed on meanwhile: a newer request runs
        typed = now;
        render(people, teams);
      } catch (error) {
        if (error.name !== "AbortError") close();
      }
    };

    const update = () => {
      clearTimeout(timer);
      const found = tokenAtCaret();
      if (!found || [...found.query].length < MIN_LETTERS || found.start === dismissed) {
        if (!found) dismissed = null;
        close();
        return;
      }
      typed = found;
      timer = setTimeout(() => load(found.query), DELAY);
    };

    area.addEventListener("input", update);
    area.addEventListener("click", update); // the caret moved to another word
    area.addEventListener("keyup", (event) => {
      if (["ArrowLeft", "ArrowRight", "Home", "End"].includes(event.key)) update();
    });
    area.addEventListener("keydown", (event) => {
      if (!isOpen() || event.isComposing) return;
      const count = choices.length;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight((active + 1) % count);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight((active - 1 + count) % count);
      } else if ((event.key === "Enter" || event.key === "Tab") && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        event.preventDefault();
        dismissed = typed ? typed.start : null;
        close();
      }
    });
    area.addEventListener("blur", () => {
      setTimeout(() => document.activeElement !== area && close(), 150);
    });
  };

  document.querySelectorAll("textarea[data-mentions]").forEach(enhance);
})();
