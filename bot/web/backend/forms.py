"""The forms part of the backend: a unit's drafts of applications, plans and reports.

Each call is one unit of work over the same drafts as the chat, through the same services
(services.drafts): the draft opens as the chat's command opens it (the same revision, resume
and once-a-year rules), answers are read by the form's parser, files checked by
policy.attachments, what blocks Submit listed once; the services' typed results are worded
for the page with the chat's words (services.messages.drafts). Submit is
services.submissions', as the chat's is; the receipt is the page's answer and also goes to the
user's chat through the outbox.

A web upload has no Telegram file_id, and attachments are kept as file_ids (staff receive them
by file_id): the checked bytes are sent to the uploader's own chat with the bot (sendDocument),
which gives the file_id to keep and leaves the user a copy where they would have sent it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

from bot.web.backend.base import BackendBase, Caller, Visit, WebError
from bot.web.form_view import FormPage, Json, form_json, plain
from policy.forms.spec import BUTTON_KINDS, FileSlot, Group
from services.drafts import answers, files
from services.drafts.access import DraftForm, Refused, node_of
from services.drafts.answers import Invalid, ItemRequest, SaveAnswer, TooMany
from services.drafts.handing import hand_in
from services.drafts.opening import NotOpened, OpenDraft, Opened, open_draft
from services.drafts.problems import problems, remarks
from services.messages.actions import Send
from services.messages.drafts import (
    FormWords,
    closed_note,
    opened_note,
    problem_lines,
    receipt,
    refusal,
    remark_lines,
)
from services.messages.payloads import current_flow
from services.messages.texts import catalog, pick_language
from services.recipients import tell
from services.revisions import OPENED_BY
from services.submissions import NotSubmitted

log = logging.getLogger(__name__)

Uploader = Callable[[int, str, bytes, str], Awaitable[tuple[str, str]]]
"""(chat_id, file name, content, caption) → (file_id, file_unique_id) of the sent document."""

KINDS = {kind: kind for kind in OPENED_BY}
"""The page names a form as its flow does, after the kind it files (``application``); a link
sent before a flow was renamed carries the former name (``apply``), read as the name now."""


@dataclass(slots=True)
class FormCall:
    """One request on the caller's draft of one form: their visit and the draft as opened."""

    visit: Visit
    name: str
    opened: Opened
    form: DraftForm  # as the last service left it

    @property
    def words(self) -> FormWords:
        return FormWords(self.visit.view.texts, self.form.spec)

    def refused(
        self, key: str = "web.not_applicable", status: int = 422, **values: object
    ) -> WebError:
        return WebError(status, self.visit.view.plain(key, **values))

    async def page(self, note: str | None = None) -> Json:
        found = await problems(self.visit.uow, self.form, self.visit.view.now.date())
        return form_json(FormPage(self.name, self.form, self.words, found), note)


class FormsBackend(BackendBase):
    upload: Uploader  # given by the Backend's constructor

    @staticmethod
    def texts(lang: str) -> dict[str, str]:
        """The page's own words (``web.*``), public: the page needs them before sign-in."""
        chosen = pick_language(None, lang, "zh")
        return {k[4:]: v for k, v in catalog(chosen).items() if k.startswith("web.")}

    async def form(self, who: Caller, name: str, scope: str) -> Json:
        async with self._open(who, name, scope) as call:
            return await call.page(opened_note(call.visit.view.texts, call.opened))

    async def answer(self, who: Caller, name: str, scope: str, path: str, raw: str) -> Json:
        """Check and store one answer (the chat's parser and messages); 422 says why not."""
        async with self._open(who, name, scope) as call:
            found = answers.target(call.form, path)
            pressed = found is not None and found[0].kind in BUTTON_KINDS  # a choice's value
            user, draft = call.visit.user_id, call.form.draft.id
            request = SaveAnswer(user, draft, call.form.spec, path, raw, pressed)
            done = await answers.save_answer(call.visit.uow, request, call.visit.view.now)
            if isinstance(done, Invalid):
                message = done.error.message(call.visit.view.texts.lang)
                raise WebError(422, message, path=path)
            if isinstance(done, Refused):
                raise call.refused()
            today = call.visit.view.now.date()
            said = await remarks(call.visit.uow, call.form, done.key, today)
            notes = [plain(n) for n in remark_lines(call.words, said)]
            return {**await call.page(), "notes": notes}

    async def add_item(self, who: Caller, name: str, scope: str, key: str) -> Json:
        async with self._open(who, name, scope) as call:
            request = ItemRequest(call.visit.user_id, call.form.draft.id, call.form.spec, key)
            added = await answers.add_item(call.visit.uow, request, call.visit.view.now)
            if isinstance(added, TooMany):
                raise call.refused("forms.too_many", n=added.most)
            if isinstance(added, Refused):
                raise call.refused()
            return await call.page()

    async def remove_item(self, who: Caller, name: str, scope: str, key: str, index: int) -> Json:
        async with self._open(who, name, scope) as call:
            if node_of(call.form, key, Group) is None:
                raise call.refused()
            user, draft, spec = call.visit.user_id, call.form.draft.id, call.form.spec
            request = ItemRequest(user, draft, spec, key, index)
            removed = await answers.remove_item(call.visit.uow, request, call.visit.view.now)
            if isinstance(removed, Refused):
                raise call.refused(status=404)
            return await call.page()

    async def attach(
        self, who: Caller, name: str, scope: str, key: str, given: str, data: bytes
    ) -> Json:
        """Check a file like the chat does, send it to the user's chat, keep its file_id."""
        async with self._open(who, name, scope) as call:
            request = files.FileRequest(
                call.visit.user_id, call.form.draft.id, call.form.spec, key, given, data
            )
            checked = await files.check_file(call.visit.uow, request)
            if isinstance(checked, Invalid):
                raise WebError(422, checked.error.message(call.visit.view.texts.lang), path=key)
            if isinstance(checked, Refused):
                raise call.refused()
            slot = checked.slot
            label = plain(call.words.label(slot.key, slot.label)) or slot.key
            caption = call.visit.view.t("web.uploaded_caption", slot=label, name=checked.name)
            failed = call.refused("web.upload_failed", status=502)
        try:
            file_id, unique_id = await self.upload(who.user.id, checked.name, data, caption)
        except Exception as exc:  # Telegram refused or is unreachable: keep nothing, say so
            log.warning("web upload for user %s not sent: %s", who.user.id, exc)
            raise failed from None
        async with self._open(who, name, scope) as call:
            request = files.FileRequest(
                call.visit.user_id, call.form.draft.id, call.form.spec, key, given, data
            )
            now = call.visit.view.now
            kept = await files.attach_file(call.visit.uow, request, file_id, unique_id, now)
            if isinstance(kept, Invalid | Refused):
                raise call.refused()
            call.form = kept.form
            return await call.page()

    async def clear_files(self, who: Caller, name: str, scope: str, key: str) -> Json:
        async with self._open(who, name, scope) as call:
            if node_of(call.form, key, FileSlot) is None:
                raise call.refused()
            user, draft, spec = call.visit.user_id, call.form.draft.id, call.form.spec
            cleared = await files.clear_files(
                call.visit.uow, files.ClearSlot(user, draft, spec, key)
            )
            if isinstance(cleared, Refused):
                raise call.refused()
            call.form = cleared
            return await call.page()

    async def submit(self, who: Caller, name: str, scope: str) -> Json:
        """Hand the draft in (services.submissions), once the unit has confirmed; the receipt
        is the page's answer and a message in the user's chat."""
        async with self._open(who, name, scope) as call:
            visit, form = call.visit, call.form
            found = await problems(visit.uow, form, visit.view.now.date())
            if found.blocking:
                lines = [plain(line) or "" for line in problem_lines(call.words, found)]
                raise WebError(409, visit.view.plain("web.blocked"), blocking=lines)
            config, given = self.core.config, form.answers
            now = visit.view.now
            done = await hand_in(visit.uow, form, config.staff_ids, config.default_lang, now)
            if isinstance(done, NotSubmitted):
                text = refusal(visit.view.texts, form.spec.name, done)
            else:
                visit.notified += done.notified
                text = await receipt(visit.uow, visit.view.texts, done, given, now)
            menu = self.core.registry.menu_for(visit.view.texts, visit.roles)
            sent = Send(chat_id=visit.user_id, text=text, keyboard=menu)
            visit.notified += await tell(visit.uow, f"web:{uuid.uuid4().hex}", sent)
            return {"message": plain(text)}

    @asynccontextmanager
    async def _open(self, who: Caller, name: str, scope: str) -> AsyncIterator[FormCall]:
        """The user's draft of form `name`, opened as the chat's command would open it."""
        async with self.core.uow() as uow:
            visit = await self._visit(uow, who)
            name = current_flow(name)
            kind = KINDS.get(name)
            flow = self.core.registry.by_name.get(name)
            if kind is None or flow is None:
                raise WebError(404, visit.view.plain("web.not_a_form"))
            if not flow.admits(visit.roles):
                raise WebError(403, visit.view.plain("web.not_allowed"))
            opened = await open_draft(uow, OpenDraft(visit.user_id, kind, scope), visit.view.now)
            if isinstance(opened, NotOpened):
                raise WebError(409, plain(closed_note(visit.view.texts, opened)) or "")
            yield FormCall(visit, name, opened, opened.form)
            await uow.commit()
        if visit.notified:
            self.core.on_enqueue()
