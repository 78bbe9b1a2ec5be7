// The form page: draws any form the server describes, keeps each answer through the API.
// No rule lives here: the server checks every answer with the chat's own parsers and says
// what applies next. Shared helpers (sign-in, theme, words, calls) are in kit.js.
"use strict";

window.FormPage = (function () {
  const { t, el, say, tracked, $app } = window.Kit;
  const state = {
    form: Kit.query.get("form") || "application",
    scope: Kit.query.get("scope") || "",
    view: null,
    dirty: {},
  };

  function idOf(path) { return "f-" + path; }

  function call(method, path, body) {
    const url = "api/forms/" + encodeURIComponent(state.form) + path + "?" + new URLSearchParams({ scope: state.scope });
    return Kit.call(method, url, body);
  }

  // ---- drawing ------------------------------------------------------------------------------
  function render(view, notes) {
    const focused = document.activeElement && document.activeElement.id;
    state.view = view;
    document.documentElement.lang = view.lang === "en" ? "en" : "zh";
    const parts = [];
    if (view.note) parts.push(el("p", { class: "banner", text: view.note }));
    const { done, total } = view.progress;
    parts.push(el("div", { class: "card" },
      el("div", { class: "hint", text: t("progress", { done, total }) }),
      el("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": total, "aria-valuenow": done },
        el("div", { style: "width:" + (total ? Math.round((100 * done) / total) : 0) + "%" }))));
    for (const section of view.sections) {
      parts.push(el("section", { class: "card", "aria-labelledby": "s-" + section.key },
        el("h2", { id: "s-" + section.key, text: section.title }),
        section.nodes.map((node) => drawNode(node, notes || {}))));
    }
    parts.push(drawSummary(view));
    $app.replaceChildren(...parts);
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus({ preventScroll: true });
    }
  }

  function drawNode(node, notes) {
    if (node.type === "group") return drawGroup(node);
    if (node.type === "files") return drawSlot(node);
    return drawField(node, notes[node.key]);
  }

  function heading(node, forId) {
    const tag = el("span", { class: "tag", text: node.required ? t("required") : t("optional") });
    return el("label", { for: forId }, node.label, tag);
  }

  function describe(node) {
    return [
      node.prompt ? el("p", { class: "prompt", text: node.prompt }) : null,
      node.example ? el("p", { class: "example", text: t("example", { example: node.example }) }) : null,
    ];
  }

  function drawField(field, notes) {
    const id = idOf(field.path);
    const errorId = id + "-error";
    const box = el("div", { class: "field" + (field.flagged ? " flagged" : ""), "data-path": field.path });
    const value = field.path in state.dirty ? state.dirty[field.path] : field.value;
    let control;
    if (field.choices.length && field.choices.length <= 6) {
      control = el("fieldset", { id, "aria-describedby": errorId, tabindex: -1 },
        el("legend", {}, field.label, el("span", { class: "tag", text: field.required ? t("required") : t("optional") })),
        describe(field),
        el("div", { class: "choices" }, field.choices.map((choice, i) =>
          el("label", { class: "choice" },
            el("input", {
              type: "radio", id: id + "-" + i, name: id, value: choice.value, checked: choice.value === value,
              onchange: () => save(field.path, choice.value),
            }),
            el("span", { text: choice.label })))));
      box.append(control);
    } else {
      if (field.choices.length) {
        control = el("select", { id, onchange: (e) => save(field.path, e.target.value) },
          el("option", { value: "", text: t("choose") }),
          field.choices.map((c) => el("option", { value: c.value, selected: c.value === value, text: c.label })));
      } else if (field.multiline) {
        control = el("textarea", { id, maxlength: field.max_length * 2, rows: 4 });
        control.value = value;
      } else {
        const numeric = ["count", "amount", "area", "year"].includes(field.kind);
        control = el("input", { id, type: "text", inputmode: numeric ? "decimal" : null, autocomplete: "off" });
        control.value = value;
      }
      if (control.tagName !== "SELECT") {
        control.addEventListener("input", () => { state.dirty[field.path] = control.value; });
        control.addEventListener("blur", () => {
          if (field.path in state.dirty && state.dirty[field.path] !== field.value) save(field.path, control.value);
          else delete state.dirty[field.path];
        });
      }
      control.setAttribute("aria-describedby", errorId);
      box.append(heading(field, id), ...describe(field), control);
    }
    box.append(el("p", { class: "error", id: errorId, role: "alert" }));
    for (const note of notes || []) box.append(el("p", { class: "note", text: note }));
    return box;
  }

  // A group without entries shows its first entry ready to fill: answering it adds the entry
  // (see save), so nobody has to press "add" before the first one.
  function drawGroup(group) {
    const items = group.items.map((fields, i) => el("div", { class: "item" },
      el("h3", {}, t("item", { n: i + 1 }),
        el("button", { type: "button", class: "link", onclick: () => removeItem(group.key, i), text: t("remove_item") })),
      fields.map((field) => drawField(field))));
    const ghost = !group.items.length && group.template.length && group.max_items > 0;
    if (ghost) {
      items.push(el("div", { class: "item ghost", "data-ghost": group.key },
        el("h3", {}, t("item", { n: 1 })),
        group.template.map((field) => drawField(field))));
    }
    const canAdd = !ghost && group.items.length < group.max_items;
    return el("div", { class: "field" + (group.flagged ? " flagged" : ""), "data-path": group.key },
      el("fieldset", {},
        el("legend", {}, group.label,
          el("span", { class: "tag", text: group.min_items ? t("required") : t("optional") })),
        describe(group), items,
        canAdd ? el("button", { type: "button", id: idOf(group.key) + "-add", onclick: () => addItem(group.key), text: t("add_item") }) : null),
      el("p", { class: "error", id: idOf(group.key) + "-error", role: "alert" }));
  }

  const EXTENSIONS = { PDF: ".pdf", JPEG: ".jpg,.jpeg", PNG: ".png", DOC: ".doc", DOCX: ".docx", XLS: ".xls", XLSX: ".xlsx" };

  function drawSlot(slot) {
    const id = idOf(slot.key);
    const accept = slot.accepts.map((type) => EXTENSIONS[type] || "").join(",");
    const input = el("input", { type: "file", id, accept, class: "visually-hidden", "aria-describedby": id + "-error", onchange: (e) => upload(slot.key, e.target) });
    const picker = el("label", { class: "button", for: id, text: t("upload") });
    const listed = slot.files.map((f) => el("li", {}, "📄 " + f.name + " (" + Math.max(1, Math.round(f.size / 1024)) + " KB)"));
    return el("div", { class: "field" + (slot.flagged ? " flagged" : ""), "data-path": slot.key },
      el("label", { for: id }, slot.label,
        el("span", { class: "tag", text: slot.required ? t("required") : t("optional") })),
      ...describe(slot),
      el("p", { class: "hint", text: t("file_rules", { types: slot.accepts.join(" / "), mb: slot.max_mb }) }),
      listed.length ? el("ul", { class: "files" }, listed) : null,
      el("div", { class: "row picker" }, input, picker,
        slot.files.length ? el("button", { type: "button", class: "link", onclick: () => clearFiles(slot.key), text: t("clear_files") }) : null),
      el("p", { class: "error", id: id + "-error", role: "alert" }));
  }

  // Ready: what handing in means (the chat's confirmation for this kind) above one button that
  // confirms and submits; the chat's two presses (Submit, then confirm) are one here.
  function drawSummary(view) {
    const ready = !view.blocking.length;
    const body = ready
      ? [el("p", { text: t("ready") }), el("p", { class: "banner", id: "confirm-text", text: view.confirm_text })]
      : [el("p", { class: "blocking", text: t("blocked") }), el("ul", {}, view.blocking.map((line) => el("li", { class: "blocking", text: line.replace(/^•\s*/, "") })))];
    return el("section", { class: "card", id: "summary", "aria-labelledby": "summary-title" },
      el("h2", { id: "summary-title", text: t("summary") }), body,
      el("button", {
        type: "button", class: "primary", id: "submit", disabled: !ready, onclick: submit,
        "aria-describedby": ready ? "confirm-text" : null, text: ready ? t("confirm") : t("submit"),
      }));
  }

  // ---- actions ------------------------------------------------------------------------------
  function showError(path, message) {
    const box = document.getElementById(idOf(path) + "-error");
    const control = document.getElementById(idOf(path));
    if (box) box.textContent = message;
    if (control) control.setAttribute("aria-invalid", "true");
    if (!box) say(message);
  }

  async function run(work, path) {
    try {
      const result = await work();
      return result;
    } catch (err) {
      if (err.fatal) say(err.message);
      else if (path) showError(path, err.message);
      else say(err.message);
      return null;
    }
  }

  // Saves run one after another, so two quick answers in a new entry add it only once.
  let queue = Promise.resolve();
  function serial(work) {
    const next = queue.then(work, work);
    queue = next.catch(() => undefined);
    return next;
  }

  function groupOf(key) {
    return state.view.sections.flatMap((s) => s.nodes).find((n) => n.type === "group" && n.key === key);
  }

  const save = tracked((path, value) => serial(() => keep(path, value)));

  async function keep(path, value) {
    const [key, index] = path.split(".");
    const group = index === undefined ? null : groupOf(key);
    if (group && Number(index) >= group.items.length) {
      const added = await run(() => call("POST", "/groups/" + key + "/items"), path);
      if (!added) return;
      state.view = added;
    }
    const view = await run(() => call("PUT", "/answers", { path, value }), path);
    if (!view) return;
    delete state.dirty[path];
    const notes = {};
    if (view.notes && view.notes.length) notes[path.split(".")[0]] = view.notes;
    render(view, notes);
  }

  const addItem = tracked(async function addItem(key) {
    const view = await run(() => call("POST", "/groups/" + key + "/items"), key);
    if (!view) return;
    render(view);
    const group = view.sections.flatMap((s) => s.nodes).find((n) => n.key === key);
    const last = group && group.items[group.items.length - 1];
    const first = last && last[0] && document.getElementById(idOf(last[0].path));
    if (first) first.focus();
  });

  const removeItem = tracked(async function removeItem(key, index) {
    const view = await run(() => call("DELETE", "/groups/" + key + "/items/" + index), key);
    if (view) render(view);
  });

  const upload = tracked(async function upload(key, input) {
    const file = input.files && input.files[0];
    if (!file) return;
    const status = document.getElementById(idOf(key) + "-error");
    if (status) status.textContent = t("uploading");
    const body = new FormData();
    body.append("file", file, file.name);
    const view = await run(() => call("POST", "/files/" + key, body), key);
    if (view) render(view);
  });

  const clearFiles = tracked(async function clearFiles(key) {
    const view = await run(() => call("DELETE", "/files/" + key), key);
    if (view) render(view);
  });

  const submit = tracked(async function submit() {
    const button = document.getElementById("submit");
    if (button) button.disabled = true;
    try {
      const result = await call("POST", "/submit");
      $app.replaceChildren(el("section", { class: "card", id: "done" },
        el("p", { class: "banner", role: "status", text: result.message }),
        el("p", { class: "hint", text: t("submitted") })));
      if (Kit.tg && Kit.tg.HapticFeedback) Kit.tg.HapticFeedback.notificationOccurred("success");
    } catch (err) {
      if (err.data && err.data.blocking) {
        render(Object.assign({}, state.view, { blocking: err.data.blocking }));
      } else say(err.message);
    }
  });

  // ---- start --------------------------------------------------------------------------------
  const start = tracked(async function start() {
    Kit.ready();
    await Kit.loadTexts();
    if (!Kit.initData) { say(t("no_telegram")); return; }
    say(t("loading"));
    const view = await run(() => call("GET", ""));
    if (view) await Kit.adoptLanguage(view.lang);
    if (view) render(view);
  });

  return { start };
})();
