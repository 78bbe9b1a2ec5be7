// One submission in the console: its facts, the diff with the previous version side by side,
// its answers by section, its files (previewed in the page), and the decision on it.
"use strict";

window.SubmissionScreen = (function () {
  const { t, el, say, tracked, $app } = window.Kit;
  let current = null;  // { id, view, back, run, onlyChanged }

  function list(names) { return names.join(t("console.list_sep")); }

  function api(path) { return "api/console/submissions/" + current.id + (path || ""); }

  // ---- the parts of the screen ----------------------------------------------------------------
  function head(view) {
    const facts = [
      [t("console.receipt"), view.receipt], [t("console.version"), String(view.version)],
      [t("console.owner"), view.owner], [t("console.submitted_at"), view.submitted_at],
    ];
    return el("section", { class: "card", id: "head", "aria-labelledby": "sub-title" },
      el("p", { class: "hint", text: view.kind_label }),
      el("h2", { id: "sub-title" }, view.title || view.receipt,
        el("span", { class: "badge status-" + view.status, id: "sub-status", text: view.status_label })),
      el("dl", { class: "facts" }, facts.map(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])),
      decided(view.decision));
  }

  function decided(decision) {
    if (!decision) return null;
    return el("div", { class: "banner", id: "last-decision" },
      el("p", { text: t("console.last_decision", { status: decision.status_label, by: decision.by, at: decision.at }) }),
      decision.reason ? el("p", { text: t("console.reason_line", { reason: decision.reason }) }) : null,
      decision.fields.length ? el("p", { text: t("console.fields_line", { fields: list(decision.fields) }) }) : null);
  }

  function diff(d) {
    const rows = d.rows.filter((r) => r.changed || !current.onlyChanged);
    const toggle = el("label", { class: "check" },
      el("input", { type: "checkbox", id: "only-changed", checked: current.onlyChanged,
        onchange: (e) => { current.onlyChanged = e.target.checked; draw(); document.getElementById("only-changed").focus(); } }),
      el("span", { text: t("console.diff_only_changed") }));
    const table = el("table", { class: "diff", id: "diff" },
      el("caption", { class: "visually-hidden", text: t("console.diff", { old: d.old, new: d.new }) }),
      el("thead", {}, el("tr", {},
        el("th", { scope: "col", text: t("console.diff_field") }),
        el("th", { scope: "col", text: t("console.diff_version", { n: d.old }) }),
        el("th", { scope: "col", text: t("console.diff_version", { n: d.new }) }))),
      el("tbody", {}, rows.map((r) => el("tr", { class: r.changed ? "changed" : null, "data-key": r.key },
        el("th", { scope: "row" }, r.label,
          r.changed ? el("span", { class: "visually-hidden", text: " (" + t("console.diff_changed") + ")" }) : null),
        el("td", { class: "old", text: r.old || "—" }),
        el("td", { class: "new", text: r.new || "—" })))));
    const changed = d.rows.some((r) => r.changed);
    return el("section", { class: "card", id: "diff-card", "aria-labelledby": "diff-title" },
      el("h2", { id: "diff-title", text: t("console.diff", { old: d.old, new: d.new }) }),
      changed ? toggle : el("p", { class: "hint", text: t("console.diff_none") }),
      d.files_added.length ? el("p", { class: "note", text: t("console.files_added", { names: list(d.files_added) }) }) : null,
      d.files_removed.length ? el("p", { class: "note", text: t("console.files_removed", { names: list(d.files_removed) }) }) : null,
      el("div", { class: "scroll" }, table));
  }

  function answers(view) {
    return view.sections.map((section, i) => el("section", { class: "card", "aria-labelledby": "sec-" + i },
      el("h2", { id: "sec-" + i, text: section.title }),
      el("dl", { class: "answers" }, section.answers.map((a) => [
        el("dt", { text: a.label }), el("dd", { "data-key": a.key, text: a.value || "—" })]))));
  }

  function fileItem(file) {
    const ref = file.version + "-" + file.index;
    const size = Math.max(1, Math.round(file.size / 1024)) + " KB";
    const action = file.preview
      ? el("button", { type: "button", id: "preview-" + ref, onclick: () => preview(file), text: t("console.preview") })
      : el("button", { type: "button", id: "download-" + ref, onclick: () => fetchFile(file), text: t("console.download") });
    return el("li", {},
      el("span", { class: "file-name", text: "📄 " + file.name }),
      el("span", { class: "hint", text: file.slot_label + " · " + size }), action);
  }

  function files(view) {
    return el("section", { class: "card", id: "files", "aria-labelledby": "files-title" },
      el("h2", { id: "files-title", text: t("console.files") }),
      view.files.length ? el("ul", { class: "files" }, view.files.map(fileItem)) : el("p", { class: "hint", text: t("console.no_files") }),
      el("div", { id: "preview", "aria-live": "polite" }));
  }

  function fileUrl(file) { return api("/versions/" + file.version + "/files/" + file.index); }

  const preview = tracked(async function preview(file) {
    const box = document.getElementById("preview");
    box.replaceChildren(el("p", { class: "hint", text: t("console.loading_file") }));
    try {
      const got = await Kit.blob(fileUrl(file));
      const url = URL.createObjectURL(got.blob);
      const title = t("console.preview_of", { name: file.name });
      const shown = file.preview === "pdf"
        ? el("iframe", { src: url, title, class: "pdf", id: "preview-frame" })
        : el("img", { src: url, alt: title, id: "preview-image" });
      // Some webviews (Android's) draw no PDF in a frame: the same file is offered to open.
      const keep = el("a", { href: url, download: got.name, class: "button", id: "preview-download", text: t("console.download") });
      box.replaceChildren(el("figure", { class: "preview", "data-mime": got.blob.type },
        el("figcaption", { class: "row" }, el("span", { class: "hint", text: title }), keep), shown));
    } catch (err) {
      box.replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
    }
  });

  const fetchFile = tracked(async function fetchFile(file) {
    try {
      const got = await Kit.blob(fileUrl(file));
      window.ConsolePage.save(got.blob, got.name);
    } catch (err) {
      document.getElementById("preview").replaceChildren(el("p", { class: "error", role: "alert", text: err.message }));
    }
  });

  // ---- the decision ---------------------------------------------------------------------------
  const CHOICES = ["approve", "return", "reject"];

  function decidePanel(view) {
    if (!view.decidable) return null;
    return el("section", { class: "card", id: "decide", "aria-labelledby": "decide-title" },
      el("h2", { id: "decide-title", text: t("console.decide") }),
      el("div", { class: "row" }, CHOICES.map((choice) => el("button", {
        type: "button", id: "choose-" + choice, class: choice === "reject" ? "danger" : null,
        onclick: () => choose(view, choice), text: t("console." + choice),
      }))),
      el("div", { id: "decision-form" }),
      el("p", { class: "error", id: "decision-error", role: "alert" }));
  }

  function choose(view, choice) {
    const parts = [];
    const consequence = view.confirm && view.confirm[choice];
    if (consequence) parts.push(el("p", { class: "banner", id: "decision-consequence", text: consequence }));
    if (choice === "return" && view.returnable.length) {
      parts.push(el("fieldset", { class: "fields", id: "fields" },
        el("legend", { text: t("console.pick_fields") }),
        view.returnable.map((f) => el("label", { class: "check" },
          el("input", { type: "checkbox", name: "field", value: f.value, id: "field-" + f.value }),
          el("span", { text: f.label })))));
    }
    if (choice !== "approve") {
      parts.push(el("label", { for: "reason", text: t("console.reason") }),
        el("p", { class: "hint", id: "reason-hint", text: t("console.reason_hint") }),
        el("textarea", { id: "reason", rows: 3, maxlength: 1000, "aria-describedby": "reason-hint decision-error" }));
    }
    parts.push(el("div", { class: "row" },
      el("button", { type: "button", class: "primary", id: "confirm-decision", onclick: () => decide(view, choice), "aria-describedby": consequence ? "decision-consequence" : null, text: t("console.confirm_" + choice) }),
      el("button", { type: "button", id: "cancel-decision", onclick: () => draw(), text: t("console.cancel") })));
    document.getElementById("decision-form").replaceChildren(...parts);
    document.getElementById("decision-error").textContent = "";
    const first = document.querySelector("#decision-form input, #reason, #confirm-decision");
    if (first) first.focus();
  }

  const decide = tracked(async function decide(view, choice) {
    const button = document.getElementById("confirm-decision");
    button.disabled = true;
    const reason = document.getElementById("reason");
    const fields = [...document.querySelectorAll("#fields input:checked")].map((i) => i.value);
    const body = { version: view.version, choice, reason: reason ? reason.value : "", fields };
    try {
      const result = await Kit.call("POST", api("/decision"), body);
      await load(result.message);
    } catch (err) {
      if (err.status === 409 || err.status === 404) { await load(err.message, true); return; }
      button.disabled = false;
      document.getElementById("decision-error").textContent = err.message;
      if (err.data && err.data.path === "reason" && reason) reason.focus();
    }
  });

  // ---- the screen -----------------------------------------------------------------------------
  function draw(message, refused) {
    const view = current.view;
    const back = el("button", { type: "button", class: "link", id: "back", onclick: current.back, text: t("console.back") });
    const parts = [
      el("div", { class: "row" }, back),
      message ? el("p", { class: refused ? "banner refused" : "banner", id: "outcome", role: refused ? "alert" : "status", text: message }) : null,
      head(view),
      view.diff ? diff(view.diff) : null,
      ...answers(view),
      files(view),
      decidePanel(view)];
    $app.replaceChildren(...parts.filter(Boolean));
  }

  async function load(message, refused) {
    const view = await current.run(() => Kit.call("GET", api()));
    if (!view) return;
    current.view = view;
    draw(message, refused);
    const focus = document.getElementById(message ? "outcome" : "sub-title");
    if (focus) { focus.tabIndex = -1; focus.focus(); }
  }

  const show = tracked(async function show(id, how) {
    current = { id, view: null, back: how.back, run: how.run, onlyChanged: false };
    await load();
  });

  return { show };
})();
