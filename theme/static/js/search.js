// The search page (plugins/llv/search): Pagefind's JavaScript API behind the
// page's own form. Without this script the page lists every item by kind; with
// it, the list gives way to the results as soon as there is something to look
// for, the count is announced, and the address keeps the search (?q=…&kind=…).
const form = document.querySelector("form[data-search-bundle]");
if (form) start(form);

async function start(form) {
  const status = document.getElementById("search-status");
  const results = document.getElementById("search-results");
  const list = results.querySelector("ol");
  const listing = document.getElementById("search-listing");
  const fields = [...form.elements].filter((field) => field.name);
  const plural = new Intl.PluralRules(document.documentElement.lang);

  const params = new URLSearchParams(location.search);
  for (const field of fields) {
    if (params.has(field.name)) field.value = params.get(field.name);
  }

  const pagefind = await import(form.dataset.searchBundle + "pagefind.js");
  // No web worker: the worker would need a Content-Security-Policy of its own.
  await pagefind.options({ noWorker: true, excerptLength: 24 });

  let latest = 0;
  async function run() {
    const id = ++latest;
    const query = form.elements.q.value.trim();
    const filters = {};
    for (const field of fields) {
      if (field.name !== "q" && field.value) filters[field.name] = field.value;
    }
    const wanted = new URLSearchParams();
    for (const field of fields) if (field.value.trim()) wanted.set(field.name, field.value.trim());
    const address = wanted.size ? "?" + wanted : location.pathname;
    history.replaceState(null, "", address);

    if (!query && !Object.keys(filters).length) {
      results.hidden = true;
      listing.hidden = false;
      status.textContent = "";
      return;
    }
    const search = await pagefind.search(query || null, { filters });
    if (id !== latest || !search) return;
    const pages = await Promise.all(search.results.slice(0, 50).map((result) => result.data()));
    if (id !== latest) return;
    const found = pages.flatMap(entries);
    list.replaceChildren(...found.map(resultItem));
    results.hidden = found.length === 0;
    listing.hidden = true;
    const count = found.length + Math.max(0, search.results.length - pages.length);
    const message = count === 0 ? form.dataset.none
      : plural.select(count) === "one" ? form.dataset.one : form.dataset.other;
    status.textContent = message.replace("{n}", count.toLocaleString(document.documentElement.lang));
  }

  let timer;
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(run, 150);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  run();
}

// A page of several items (the partners) gives one result per item found:
// the sections under its headings that have an id.
function entries(page) {
  if (!page.meta.split) return [page];
  const sections = page.sub_results.filter((section) => section.anchor);
  return sections.length ? sections.map((section) => ({ ...section, meta: page.meta }))
    : [page];
}

function resultItem(result) {
  const item = element("li", "search-result");
  const title = element("h3", "search-result__title");
  const link = element("a");
  link.href = result.url;
  link.textContent = result.title || result.meta.title || result.url;
  title.append(link);
  item.append(title, element("p", "search-result__kind", result.meta.kind || ""));
  const excerpt = element("p", "search-result__excerpt");
  appendExcerpt(excerpt, result.excerpt);
  item.append(excerpt);
  return item;
}

// Pagefind's excerpt is escaped text with <mark> around the words found: keep
// the text and the marks, nothing else.
function appendExcerpt(target, html) {
  const parsed = new DOMParser().parseFromString(html, "text/html");
  for (const node of parsed.body.childNodes) {
    target.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
  }
}

function element(name, className = "", text = "") {
  const node = document.createElement(name);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
