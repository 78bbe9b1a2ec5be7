// Which screen this opening of the Mini App shows: the console (?view=console) or a form.
"use strict";

(function () {
  const page = Kit.query.get("view") === "console" ? window.ConsolePage : window.FormPage;
  Kit.onLanguageToggle(page.start);
  page.start();
})();
