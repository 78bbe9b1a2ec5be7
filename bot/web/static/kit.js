// What every screen of the Mini App shares: who signed in (Telegram's initData), the theme,
// the words, small DOM helpers and calls to the API. Plain DOM, no framework, no CDN.
"use strict";

window.Kit = (function () {
  const hash = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  const tg = window.Telegram && window.Telegram.WebApp;
  const initData = (tg && tg.initData) || hash.get("tgWebAppData") || "";
  const state = { lang: pickLang(), texts: {}, pending: 0 };
  const $app = document.getElementById("app");

  function pickLang() {
    const saved = localStorage.getItem("lang");
    if (saved === "zh" || saved === "en") return saved;
    let code = "";
    try {
      code = JSON.parse(new URLSearchParams(initData).get("user") || "{}").language_code || "";
    } catch (e) { code = ""; }
    return code.toLowerCase().startsWith("en") ? "en" : "zh";
  }

  // ---- theme: Telegram's themeParams become CSS variables --------------------------------
  const THEME = {
    bg_color: "--bg", text_color: "--text", hint_color: "--hint", link_color: "--link",
    button_color: "--button", button_text_color: "--button-text",
    secondary_bg_color: "--secondary-bg", section_bg_color: "--section-bg",
    destructive_text_color: "--destructive",
  };

  function applyTheme() {
    let params = tg && tg.themeParams;
    if (!params || !Object.keys(params).length) {
      try { params = JSON.parse(hash.get("tgWebAppThemeParams") || "{}"); } catch (e) { params = {}; }
    }
    for (const [key, name] of Object.entries(THEME)) {
      if (typeof params[key] === "string") document.documentElement.style.setProperty(name, params[key]);
    }
    if (params.bg_color) document.documentElement.style.colorScheme = isDark(params.bg_color) ? "dark" : "light";
  }

  function isDark(color) {
    const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
    if (!m) return false;
    const [r, g, b] = m.slice(1).map((h) => parseInt(h, 16));
    return 0.299 * r + 0.587 * g + 0.114 * b < 128;
  }

  // ---- small helpers ------------------------------------------------------------------------
  function t(key, values) {
    let text = state.texts[key] || key;
    for (const [k, v] of Object.entries(values || {})) text = text.split("{" + k + "}").join(String(v));
    return text;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") node.className = v;
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else if (k === "text") node.textContent = v;
      else node.setAttribute(k, v === true ? "" : v);
    }
    for (const child of children.flat(Infinity)) {
      if (child !== null && child !== undefined && child !== false) {
        node.append(child instanceof Node ? child : document.createTextNode(String(child)));
      }
    }
    return node;
  }

  // ---- the API ------------------------------------------------------------------------------
  function withLang(url) {
    if (!localStorage.getItem("lang")) return url;
    return url + (url.includes("?") ? "&" : "?") + "lang=" + state.lang;
  }

  async function send(method, url, body) {
    const init = { method, headers: { Authorization: "tma " + initData } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = JSON.stringify(body);
      init.headers["Content-Type"] = "application/json";
    }
    return fetch(withLang(url), init);
  }

  async function refusal(response) {
    let data = {};
    try { data = await response.json(); } catch (e) { data = {}; }
    if (response.status === 401) return Object.assign(new Error(t("unauthorized")), { fatal: true });
    return Object.assign(new Error(data.error || t("failed")), { data, status: response.status });
  }

  async function call(method, url, body) {
    const response = await send(method, url, body);
    if (!response.ok) throw await refusal(response);
    try { return await response.json(); } catch (e) { return {}; }
  }

  // A file answer (a preview or a download) as a blob, with the name the server gave it.
  async function blob(url) {
    const response = await send("GET", url);
    if (!response.ok) throw await refusal(response);
    const disposition = response.headers.get("Content-Disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
    return { blob: await response.blob(), name: m ? decodeURIComponent(m[1]) : "download" };
  }

  function say(message) {
    $app.replaceChildren(el("p", { class: "banner", role: "alert", text: message }));
  }

  // data-pending on <body> counts calls in flight (tests and assistive tech can wait on it)
  function pending(delta) {
    state.pending += delta;
    document.body.dataset.pending = String(state.pending);
  }

  function tracked(action) {
    return async function (...args) {
      pending(1);
      try { return await action(...args); } finally { pending(-1); }
    };
  }

  async function loadTexts() {
    const response = await fetch("texts/" + state.lang + ".json");
    state.texts = await response.json();
    document.getElementById("title").textContent = t("title");
    document.title = t("title");
    const toggle = document.getElementById("lang");
    toggle.textContent = t("language");
    toggle.hidden = false;
  }

  // The chat's /language choice wins over the client's language, unless chosen on the page.
  async function adoptLanguage(lang) {
    if (lang && lang !== state.lang && !localStorage.getItem("lang")) {
      state.lang = lang;
      await loadTexts();
    }
  }

  function ready() {
    applyTheme();
    if (tg) { try { tg.ready(); tg.expand(); } catch (e) { /* outside Telegram */ } }
  }

  function onLanguageToggle(restart) {
    document.getElementById("lang").addEventListener("click", async () => {
      state.lang = state.lang === "zh" ? "en" : "zh";
      localStorage.setItem("lang", state.lang);
      await restart();
    });
  }

  return {
    tg, initData, query, state, $app, t, el, call, blob, say, pending, tracked,
    loadTexts, adoptLanguage, ready, onLanguageToggle,
  };
})();
