// The staff console: the review queue with filters, studios, figures as charts, the export.
// A submission's own screen is in submission.js. Every call is checked on the server (staff
// only); this page only draws what the server says.
"use strict";

window.ConsolePage = (function () {
  const { t, el, say, tracked, $app } = window.Kit;
  const FILTERS = ["kind", "status", "category", "division", "year"];
  const state = {
    tab: "queue",
    options: null,
    filters: { kind: "", status: "submitted", category: "", division: "", year: "" },
    page: 0,
    studioQuery: "",
    studioPage: 0,
  };

  function api(path, params) {
    const query = params ? "?" + new URLSearchParams(params) : "";
    return "api/console/" + path + query;
  }

  async function run(work) {
    try {
      return await work();
    } catch (err) {
      say(err.message);
      return null;
    }
  }

  // ---- the frame: tabs and the screen under them ---------------------------------------------
  const TABS = ["queue", "studios", "stats", "export"];

  function frame(...content) {
    const nav = el("nav", { class: "tabs", "aria-label": t("console.nav_label") },
      TABS.map((tab) => el("button", {
        type: "button", id: "tab-" + tab, class: "tab",
        "aria-current": state.tab === tab ? "page" : null,
        onclick: () => show(tab), text: t("console.tab_" + tab),
      })));
    $app.replaceChildren(nav, ...content.filter(Boolean));
  }

  function show(tab) {
    state.tab = tab;
    if (tab === "queue") return queue();
    if (tab === "studios") return studios();
    if (tab === "stats") return stats();
    return exportScreen();
  }

  function pager(page, pages, go) {
    return el("div", { class: "row pager" },
      el("button", { type: "button", id: "prev", disabled: page <= 0, onclick: () => go(page - 1), text: t("console.prev") }),
      el("span", { class: "hint", role: "status", text: t("console.page", { page: page + 1, pages }) }),
      el("button", { type: "button", id: "next", disabled: page >= pages - 1, onclick: () => go(page + 1), text: t("console.next") }));
  }

  // ---- the queue ------------------------------------------------------------------------------
  function select(key, choices) {
    const id = "filter-" + key;
    return el("div", { class: "filter" },
      el("label", { for: id, text: t("console." + key) }),
      el("select", { id, name: key },
        el("option", { value: "", text: t("console.any") }),
        choices.map((c) => el("option", { value: c.value, selected: String(state.filters[key]) === c.value, text: c.label }))));
  }

  function filterForm(options) {
    const years = options.years.map((y) => ({ value: String(y), label: String(y) }));
    const lists = { kind: options.kinds, status: options.statuses, category: options.categories, division: options.divisions, year: years };
    const form = el("form", { class: "card filters", id: "filters", "aria-label": t("console.filters") },
      el("div", { class: "filter-grid" }, FILTERS.map((key) => select(key, lists[key]))),
      el("button", { type: "submit", class: "primary", id: "apply-filters", text: t("console.apply_filters") }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      for (const key of FILTERS) state.filters[key] = form.elements[key].value;
      state.page = 0;
      queue();
    });
    return form;
  }

  function queueItem(item) {
    return el("li", {},
      el("button", { type: "button", class: "item", id: "open-" + item.id, "data-status": item.status, onclick: () => open(item.id) },
        el("span", { class: "item-title", text: item.title || item.receipt }),
        el("span", { class: "badge status-" + item.status, text: item.status_label }),
        el("span", { class: "hint item-meta", text: t("console.item_meta", { kind: item.kind_label, receipt: item.receipt, version: item.version, at: item.at }) }),
        item.category || item.division
          ? el("span", { class: "hint item-meta", text: [item.category, item.division].filter(Boolean).join(" · ") }) : null));
  }

  const queue = tracked(async function queue() {
    if (!state.options) {
      state.options = await run(() => Kit.call("GET", api("options")));
      if (!state.options) return;
      await Kit.adoptLanguage(state.options.lang);
      document.getElementById("title").textContent = t("console.title");
    }
    const params = { ...state.filters, page: state.page };
    const result = await run(() => Kit.call("GET", api("queue", params)));
    if (!result) return;
    const list = result.items.length
      ? el("ul", { class: "queue", id: "queue" }, result.items.map(queueItem))
      : el("p", { class: "hint", id: "queue-empty", text: t("console.empty") });
    frame(filterForm(state.options),
      el("section", { class: "card", "aria-labelledby": "queue-title" },
        el("h2", { id: "queue-title", text: t("console.tab_queue") + " · " + t("console.count", { count: result.total }) }),
        list, result.pages > 1 ? pager(result.page, result.pages, (p) => { state.page = p; queue(); }) : null));
  });

  function open(id) {
    window.SubmissionScreen.show(id, { back: () => show("queue"), run });
  }

  // ---- studios --------------------------------------------------------------------------------
  function money(amount) {
    return t("console.yuan", { amount: Number(amount).toLocaleString("en-US") });
  }

  function yearsTable(studio) {
    return el("table", { class: "years" },
      el("thead", {}, el("tr", {},
        ["year_col", "support_year_col", "assessment", "subsidy"].map((k) => el("th", { scope: "col", text: t("console." + k) })))),
      el("tbody", {}, studio.years.map((y) => el("tr", { "data-year": y.year },
        el("th", { scope: "row", text: String(y.year) }),
        el("td", { text: y.support_year ? t("console.support_year", { n: y.support_year }) : t("console.outside_period") }),
        el("td", { class: y.passed === false ? "failed" : null, text: y.assessment }),
        el("td", { text: y.subsidy ? money(y.subsidy) : "—" })))));
  }

  function studioCard(studio) {
    const facts = [
      [t("console.leader"), studio.leader], [t("console.unit"), studio.unit],
      [t("console.category"), studio.category_label], [t("console.division"), studio.division_label],
      [t("console.period"), studio.approved_on + " – " + studio.support_ends_on],
      [t("console.cap"), money(studio.construction_cap)], [t("console.subsidies"), money(studio.subsidies)],
    ];
    return el("li", { class: "card studio", id: "studio-" + studio.id },
      el("h3", {}, studio.name, el("span", { class: "badge studio-" + studio.status, text: studio.status_label })),
      el("p", { class: "hint", text: studio.phase + " · " + t(studio.contact_linked ? "console.contact_linked" : "console.contact_missing") }),
      el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
      yearsTable(studio));
  }

  const studios = tracked(async function studios() {
    const params = { q: state.studioQuery, page: state.studioPage };
    const result = await run(() => Kit.call("GET", api("studios", params)));
    if (!result) return;
    const search = el("form", { class: "card row", role: "search", id: "studio-search" },
      el("label", { for: "studio-q", class: "visually-hidden", text: t("console.search") }),
      el("input", { type: "search", id: "studio-q", name: "q", placeholder: t("console.search"), value: state.studioQuery }),
      el("button", { type: "submit", text: t("console.search_button") }));
    search.addEventListener("submit", (event) => {
      event.preventDefault();
      state.studioQuery = search.elements.q.value.trim();
      state.studioPage = 0;
      studios();
    });
    const list = result.items.length
      ? el("ul", { class: "studios", id: "studios" }, result.items.map(studioCard))
      : el("p", { class: "hint", text: t("console.no_studios") });
    frame(search, el("p", { class: "hint", text: t("console.studio_count", { count: result.total }) }), list,
      result.pages > 1 ? pager(result.page, result.pages, (p) => { state.studioPage = p; studios(); }) : null);
  });

  // ---- figures and the export -----------------------------------------------------------------
  const stats = tracked(async function stats() {
    const result = await run(() => Kit.call("GET", api("stats")));
    if (!result) return;
    frame(el("p", { class: "banner", id: "checks", text: result.checks }),
      el("div", { id: "charts" }, result.charts.map((chart) => window.Charts.bars(chart))));
  });

  function exportScreen() {
    const status = el("p", { class: "hint", id: "export-status", role: "status" });
    frame(el("section", { class: "card" },
      el("p", { text: t("console.export_text") }),
      el("button", { type: "button", class: "primary", id: "export", onclick: () => download(status), text: t("console.export_button") }),
      status));
  }

  const download = tracked(async function download(status) {
    status.textContent = t("console.exporting");
    try {
      const file = await Kit.blob(api("export"));
      save(file.blob, file.name);
      status.textContent = t("console.exported", { name: file.name });
    } catch (err) {
      status.textContent = err.message;
    }
  });

  function save(blob, name) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // ---- start ----------------------------------------------------------------------------------
  const start = tracked(async function start() {
    Kit.ready();
    await Kit.loadTexts();
    document.getElementById("title").textContent = t("console.title");
    document.title = t("console.title");
    if (!Kit.initData) { say(t("no_telegram")); return; }
    say(t("loading"));
    state.options = null;
    await show(state.tab);
  });

  return { start, save };
})();
