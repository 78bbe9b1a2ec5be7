"""Everything the Mini App asks of the product, in one place: the web API calls only this.

Routes call `Backend` methods with typed inputs and get typed results (JSON-ready dicts for the
forms, the dataclasses of `console_types` for the staff console). Inside, each method resolves
the caller as the chat does, calls services/ (decisions, submissions, exports, staff) in one unit
of work and words their typed results for the page; the forms run on the chat's form walker.
"""

from __future__ import annotations

from bot.web.backend.base import Caller, WebError
from bot.web.backend.console import ConsoleBackend
from bot.web.backend.forms import FormsBackend, Uploader
from handlers.core import Core


class Backend(FormsBackend, ConsoleBackend):
    """The forms of a unit (`forms`) and the console of the agency's staff (`console`)."""

    def __init__(self, core: Core, upload: Uploader) -> None:
        FormsBackend.__init__(self, core, upload)


__all__ = ["Backend", "Caller", "WebError"]
