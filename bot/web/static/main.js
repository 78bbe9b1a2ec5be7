// Which screen this opening of the Mini App shows: the console (?view=console), the
// eligibility check (?form=check, as the chat's /check opens it) or a form.
"use strict";

(function () {
  const page = Kit.query.get("view") === "console" ? window.ConsolePage
    : Kit.query.get("form") === "check" ? window.CheckPage : window.FormPage;
  Kit.onLanguageToggle(page.start);
  page.start();
})();
