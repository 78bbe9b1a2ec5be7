"""The forms part of the backend: a unit's drafts of applications, plans and reports.

Each call is one unit of work over the same drafts as the chat, through the form walker: the
form flow opens the draft (`open_draft`: the same revision, resume and once-a-year rules),
answers are checked by `handlers.forms.entry`, files by `policy.attachments`. The walker works
on a chat's `Context`, so each call builds one for the caller's private chat (`_walker`); what
it would say is never read back. Submit is services.submissions', as the chat's is; the receipt,
worded by the flow, is the page's answer and also goes to the user's chat through the outbox.

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
from typing import Any

from bot.web.backend.base import BackendBase, Caller, Visit, WebError
from bot.web.form_view import Json, form_json, plain
from handlers.context import Context
from handlers.core import Core
from handlers.events import Command, Incoming, Sender
from handlers.forms import FormFlow, FormSession
from handlers.forms.entry import parse_answer, with_answer
from handlers.forms.files import file_name, keep_file, record
from handlers.forms.summary import problems
from handlers.hand_in import HandsIn, said_on_submit
from handlers.router import allowed
from policy.attachments import check_content, check_declared_size
from policy.forms.spec import BUTTON_KINDS, Field, FileSlot, Group
from policy.validators.errors import FieldError
from services.messages.actions import Send
from services.messages.texts import catalog, pick_language
from services.recipients import tell
from services.submissions import ANNUAL_FORMS, own_studio, parse_filing_scope
from storage.models import Conversation
from storage.repos.drafts import DraftsRepo
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

Uploader = Callable[[int, str, bytes, str], Awaitable[tuple[str, str]]]
"""(chat_id, file name, content, caption) → (file_id, file_unique_id) of the sent document."""


@dataclass
class _Open:
    uow: UnitOfWork
    ctx: Context
    form: FormSession
    note: str | None


class FormsBackend(BackendBase):
    def __init__(self, core: Core, upload: Uploader) -> None:
        super().__init__(core)
        self.upload = upload

    @staticmethod
    def texts(lang: str) -> dict[str, str]:
        """The page's own words (``web.*``), public: the page needs them before sign-in."""
        chosen = pick_language(None, lang, "zh")
        return {k[4:]: v for k, v in catalog(chosen).items() if k.startswith("web.")}

    async def form(self, who: Caller, name: str, scope: str) -> Json:
        async with self._open(who, name, scope) as o:
            return await form_json(o.form, o.note)

    async def answer(self, who: Caller, name: str, scope: str, path: str, raw: str) -> Json:
        """Check and store one answer (the chat's parser and messages); 422 says why not."""
        async with self._open(who, name, scope) as o:
            field, key, item = _target(o.form, path)
            context = o.form.answers if item is None else o.form.answers[key][item]
            try:
                value = _parse(o.form, field, raw, context)
            except FieldError as err:
                raise WebError(422, err.message(o.ctx.texts.lang), path=path) from None
            member = field.key if item is not None else ""
            o.form.set_answers(with_answer(o.form.answers, key, value, item, member))
            notes = await o.form.flow.answer_notes(o.form, key)
            return {**await form_json(o.form), "notes": [plain(n) for n in notes]}

    async def add_item(self, who: Caller, name: str, scope: str, key: str) -> Json:
        async with self._open(who, name, scope) as o:
            group = _group(o.form, key)
            items = list(o.form.answers.get(key) or [])
            if len(items) >= group.max_items:
                raise WebError(422, plain_t(o.ctx, "forms.too_many", n=group.max_items))
            o.form.put(key, [*items, {}])
            return await form_json(o.form)

    async def remove_item(self, who: Caller, name: str, scope: str, key: str, index: int) -> Json:
        async with self._open(who, name, scope) as o:
            _group(o.form, key)
            items = list(o.form.answers.get(key) or [])
            if not 0 <= index < len(items):
                raise WebError(404, plain_t(o.ctx, "web.not_applicable"))
            del items[index]
            o.form.put(key, items)
            return await form_json(o.form)

    async def attach(
        self, who: Caller, name: str, scope: str, key: str, given: str, data: bytes
    ) -> Json:
        """Check a file like the chat does, send it to the user's chat, keep its file_id."""
        async with self._open(who, name, scope) as o:
            slot = _slot(o.form, key)
            try:
                check_declared_size(len(data))
                kind = check_content(data, slot.accepts)
            except FieldError as err:
                raise WebError(422, err.message(o.ctx.texts.lang), path=key) from None
            shown = file_name(o.form, slot, given, kind)
            label = plain(o.form.label(slot.key, slot.label)) or slot.key
            caption = o.ctx.t("web.uploaded_caption", slot=label, name=shown)
        try:
            file_id, unique_id = await self.upload(who.user.id, shown, data, caption)
        except Exception as exc:  # Telegram refused or is unreachable: keep nothing, say so
            log.warning("web upload for user %s not sent: %s", who.user.id, exc)
            raise WebError(502, plain_t(o.ctx, "web.upload_failed")) from None
        async with self._open(who, name, scope) as o:
            kept = record(_slot(o.form, key), shown, data, kind, file_id, unique_id)
            await keep_file(o.form, _slot(o.form, key), kept)
            return await form_json(o.form)

    async def clear_files(self, who: Caller, name: str, scope: str, key: str) -> Json:
        async with self._open(who, name, scope) as o:
            _slot(o.form, key)
            await o.form.drafts.remove_files(o.form.draft.id, key)
            await o.form.reload_files()
            return await form_json(o.form)

    async def submit(self, who: Caller, name: str, scope: str) -> Json:
        """Hand the draft in (services.submissions), once the unit has confirmed; the receipt
        is the page's answer and a message in the user's chat."""
        async with self._open(who, name, scope) as o:
            blocking, _ = await problems(o.form)
            if blocking:
                raise WebError(409, plain_t(o.ctx, "web.blocked"), blocking=_plain(blocking))
            flow = o.form.flow
            if not isinstance(flow, HandsIn):
                raise WebError(404, plain_t(o.ctx, "web.not_a_form"))
            _, text = await said_on_submit(flow, o.form)
            receipt = Send(chat_id=who.user.id, text=text, keyboard=o.ctx.registry.menu(o.ctx))
            o.ctx.notified += await tell(o.uow, f"web:{uuid.uuid4().hex}", receipt)
            return {"message": plain(text)}

    @asynccontextmanager
    async def _open(self, who: Caller, name: str, scope: str) -> AsyncIterator[_Open]:
        """The user's draft of form `name`, opened as the chat's command would open it."""
        async with self.core.uow() as uow:
            ctx = await self._walker(uow, who, name, scope)
            flow = ctx.registry.by_name.get(name)
            if not isinstance(flow, FormFlow):
                raise WebError(404, plain_t(ctx, "web.not_a_form"))
            if not allowed(ctx, flow):
                raise WebError(403, plain_t(ctx, "web.not_allowed"))
            if flow.spec.name in ANNUAL_FORMS and not await _own_scope(uow, who.user.id, scope):
                raise WebError(409, plain_t(ctx, "annual.no_studio"))
            opened = await flow.open_draft(ctx, scope)
            if opened is None:
                raise WebError(409, plain_t(ctx, "web.failed"))
            draft, note = opened
            conv = ctx.conversation
            if conv is None or (conv.data or {}).get("draft") != draft.id:
                conv = Conversation(user_id=who.user.id, flow=name, step="", seq=0, data={})
            files = await uow.repo(DraftsRepo).files(draft.id)
            ctx.out.clear()
            yield _Open(uow, ctx, FormSession(flow, ctx, conv, draft, files), note)
            await uow.commit()
        if ctx.notified:
            self.core.on_enqueue()

    async def _walker(self, uow: UnitOfWork, who: Caller, command: str, args: str) -> Context:
        """The form walker's Context for the caller, as `/command args` in their private chat."""
        visit: Visit = await self._visit(uow, who)
        user = who.user
        sender = Sender(user.id, user.id, user.first_name, user.username, user.language_code)
        return Context(
            uow=uow,
            incoming=Incoming(0, sender, Command(command, args)),
            texts=visit.view.texts,
            roles=visit.roles,
            config=self.core.config,
            registry=self.core.registry,
            conversation=await uow.conversations.get(user.id),
            download=self.core.download,
        )


async def _own_scope(uow: UnitOfWork, user_id: int, scope: str) -> bool:
    """Whether a plan or report scope names a studio the user is the contact of."""
    target = parse_filing_scope(scope)
    return target is not None and await own_studio(uow, user_id, target[0]) is not None


def plain_t(ctx: Context, key: str, **values: object) -> str:
    return plain(ctx.t(key, **values)) or key


def _plain(lines: list[str]) -> list[str]:
    return [plain(line) or "" for line in lines]


def _not_here(form: FormSession) -> WebError:
    return WebError(422, plain_t(form.ctx, "web.not_applicable"))


def _target(form: FormSession, path: str) -> tuple[Field, str, int | None]:
    """The field at `path` (``key`` or ``group.index.member``), if it applies to the answers."""
    key, _, rest = path.partition(".")
    node = form.node(key)
    if node is None or not node.visible(form.answers):
        raise _not_here(form)
    if isinstance(node, Field) and not rest:
        return node, key, None
    index, _, member = rest.partition(".")
    items = form.answers.get(key) or []
    if not isinstance(node, Group) or not index.isdigit() or int(index) >= len(items):
        raise _not_here(form)
    field = node.member(member)
    if field is None or not field.visible(items[int(index)]):
        raise _not_here(form)
    return field, key, int(index)


def _parse(form: FormSession, field: Field, raw: str, context: Any) -> Any:
    if not raw.strip() and not field.required:
        return None  # an optional answer left empty: skipped, as the chat's Skip records it
    today = form.ctx.now().date()
    return parse_answer(field, raw, field.kind in BUTTON_KINDS, today, context)


def _group(form: FormSession, key: str) -> Group:
    node = form.node(key)
    if not isinstance(node, Group) or not node.visible(form.answers):
        raise _not_here(form)
    return node


def _slot(form: FormSession, key: str) -> FileSlot:
    node = form.node(key)
    if not isinstance(node, FileSlot) or not node.visible(form.answers):
        raise _not_here(form)
    return node
