// The start-up directory (llv.directory): narrow the cards as you type or choose,
// on top of the facet pages, which work without this script. The address keeps
// the filter (?q=…&sectors=…), so a filtered list can be shared or reloaded.
const form = document.querySelector("form.directory-filter");
if (form) start(form);

function start(form) {
  const cards = [...document.querySelectorAll("[data-startup]")].map((card) => ({
    card,
    text: normalise(card.textContent),
  }));
  const heading = document.getElementById("startup-results");
  const status = document.getElementById("directory-status");
  const fields = [...form.elements].filter((field) => field.name);
  const lang = document.documentElement.lang;
  const plural = new Intl.PluralRules(lang);
  const counted = (n) => (plural.select(n) === "one" ? form.dataset.one : form.dataset.other)
    .replace("{n}", n.toLocaleString(lang));

  const params = new URLSearchParams(location.search);
  for (const field of fields) {
    if (params.has(field.name)) field.value = params.get(field.name);
  }

  function apply() {
    const words = normalise(form.elements.q.value).split(/\s+/).filter(Boolean);
    const chosen = fields.filter((field) => field.name !== "q" && field.value);
    let shown = 0;
    for (const { card, text } of cards) {
      const matches = words.every((word) => text.includes(word))
        && chosen.every((field) => (card.dataset[field.name] || "").split(" ").includes(field.value));
      card.hidden = !matches;
      if (matches) shown += 1;
    }
    heading.textContent = counted(shown);
    // Announced once the visitor filters, not on arrival.
    if (words.length || chosen.length || status.textContent) {
      status.textContent = shown === 0 ? form.dataset.none : counted(shown);
    }

    const wanted = new URLSearchParams();
    for (const field of fields) if (field.value.trim()) wanted.set(field.name, field.value.trim());
    history.replaceState(null, "", wanted.size ? "?" + wanted : location.pathname);
  }

  form.addEventListener("input", apply);
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply();
}

// Case and accents do not matter: "musee" finds "Musée".
function normalise(text) {
  return text.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLocaleLowerCase().trim();
}
