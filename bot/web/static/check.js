// /check in the page: one question at a time, then the result article by article. No rule lives
// here: the server asks the chat's next question, checks every answer and writes the result in
// the chat's words; the answers are the chat's own, so a check goes on from either surface.
"use strict";

window.CheckPage = (function () {
  const { t, el, say, tracked, $app } = window.Kit;
  const state = { view: null };

  function call(method, path, body) {
    return Kit.call(method, "api/check" + (path || ""), body);
  }

  // ---- drawing ------------------------------------------------------------------------------
  function render(view, notice) {
    state.view = view;
    document.documentElement.lang = view.lang === "en" ? "en" : "zh";
    document.getElementById("title").textContent = t("check.title");
    document.title = t("check.title");
    const parts = [];
    if (notice) parts.push(el("p", { class: "banner refused", id: "notice", role: "alert", text: notice }));
    if (view.result) parts.push(...drawResult(view));
    else parts.push(...drawQuestion(view));
    $app.replaceChildren(...parts);
    const focus = document.getElementById(view.result ? "verdict" : "question");
    if (focus) focus.focus({ preventScroll: false });
  }

  function drawQuestion(view) {
    const q = view.question;
    const [head, ...rest] = q.text.split("\n");  // the question, then what counts (as in the chat)
    const parts = [];
    if (!view.answered) parts.push(el("section", { class: "card", id: "intro" }, el("p", { class: "pre", text: view.intro })));
    const control = q.typed
      ? typedAnswer()
      : el("div", { class: "answers-pick", role: "group", "aria-labelledby": "question" },
        q.choices.map((c) => el("button", {
          type: "button", class: "pick", id: "choice-" + c.value, "data-value": c.value,
          onclick: () => answer(c.value), text: c.label,
        })));
    const nav = el("div", { class: "row nav" },
      view.can_go_back ? el("button", { type: "button", class: "link", id: "check-back", onclick: goBack, text: t("check.back") }) : null,
      view.answered ? el("button", { type: "button", class: "link", id: "check-restart", onclick: restart, text: t("check.restart") }) : null);
    parts.push(el("section", { class: "card", id: "check", "data-question": q.key, "aria-labelledby": "question" },
      el("p", { class: "hint", id: "check-progress", text: q.progress }),
      el("p", { class: "question", id: "question", tabindex: -1, text: head }),
      rest.length ? el("p", { class: "prompt pre", id: "question-hint", text: rest.join("\n") }) : null,
      control,
      el("p", { class: "error", id: "check-error", role: "alert" }),
      nav));
    return parts;
  }

  function typedAnswer() {
    const form = el("form", { class: "row", id: "date-form" },
      el("label", { for: "date", class: "visually-hidden", text: t("check.date_label") }),
      el("input", { type: "text", id: "date", inputmode: "numeric", autocomplete: "off", "aria-describedby": "check-error" }),
      el("button", { type: "submit", class: "primary", id: "date-next", text: t("check.date_next") }));
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      answer(form.elements.date.value);
    });
    return form;
  }

  function drawResult(view) {
    const r = view.result;
    const marks = { true: "met", false: "missed", null: "unasked" };
    const conditions = el("section", { class: "card", id: "conditions", "aria-labelledby": "conditions-title" },
      el("h2", { id: "conditions-title", text: r.conditions_title }),
      r.groups.map((group) => [
        el("h3", { class: "group", text: group.title }),
        el("ul", { class: "conditions" }, group.lines.map((line) => el("li", {
          class: "condition " + marks[String(line.met)] + (line.missing ? " missing" : ""),
          "data-code": line.code, text: line.text,
        })))]));
    return [
      el("section", { class: "card", id: "result", "data-verdict": r.verdict },
        el("h2", { text: t("check.result_title") }),
        el("p", { class: "banner verdict-" + r.verdict, id: "verdict", tabindex: -1, text: r.headline })),
      conditions,
      r.categories.length
        ? el("section", { class: "card", id: "categories" },
          el("h2", { text: r.categories[0] }),
          el("ul", {}, r.categories.slice(1).map((line) => el("li", { text: line.replace(/^•\s*/, "") }))))
        : null,
      el("section", { class: "card", id: "next-steps" },
        el("p", { class: "pre", text: r.next_steps }),
        view.notes.map((note) => el("p", { class: "hint", text: note })),
        el("button", { type: "button", id: "check-again", onclick: restart, text: t("check.restart") })),
    ].filter(Boolean);
  }

  // ---- actions ------------------------------------------------------------------------------
  function fail(err) {
    if (err.fatal) return say(err.message);
    if (err.status === 409 && err.data && err.data.view) return render(err.data.view, err.message);
    const box = document.getElementById("check-error");
    if (!box) return say(err.message);
    box.textContent = err.message;
    const date = document.getElementById("date");
    if (date) { date.setAttribute("aria-invalid", "true"); date.focus(); }
  }

  async function step(method, path, body) {
    try {
      render(await call(method, path, body));
    } catch (err) {
      fail(err);
    }
  }

  const answer = tracked(async function answer(value) {
    await step("POST", "/answers", { question: state.view.question.key, value });
  });

  const goBack = tracked(async function goBack() { await step("POST", "/back"); });

  const restart = tracked(async function restart() { await step("POST", "/restart"); });

  // ---- start --------------------------------------------------------------------------------
  const start = tracked(async function start() {
    Kit.ready();
    await Kit.loadTexts();
    if (!Kit.initData) { say(t("no_telegram")); return; }
    say(t("loading"));
    try {
      const view = await call("GET");
      await Kit.adoptLanguage(view.lang);
      render(view);
    } catch (err) {
      say(err.message);
    }
  });

  return { start };
})();
