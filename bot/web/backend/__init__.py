"""Everything the Mini App asks of the product, in one place: the web API calls only this.

Routes call `Backend` methods with typed inputs and get typed results (JSON-ready dicts for the
forms, the dataclasses of `console_types` for the staff console and of `eligibility` for
/check). Inside, each method resolves the caller as the chat does, calls services/ (decisions,
submissions, exports, staff, the eligibility check) in one unit of work and words their typed
results for the page; the forms call services.drafts, as the chat's form walker does.
"""

from __future__ import annotations

from bot.web.backend.base import BackendBase, Caller, WebError
from bot.web.backend.console import ConsoleBackend
from bot.web.backend.eligibility import EligibilityBackend
from bot.web.backend.forms import FormsBackend, Uploader
from handlers.core import Core


class Backend(FormsBackend, ConsoleBackend, EligibilityBackend):
    """The forms of a unit (`forms`), the console of the agency's staff (`console`) and a
    master's /check (`eligibility`)."""

    def __init__(self, core: Core, upload: Uploader) -> None:
        BackendBase.__init__(self, core)
        self.upload = upload


__all__ = ["Backend", "Caller", "WebError"]
