"""One update's view of a form in progress: the draft, its files, and moving between screens.

Every change goes into the draft row (answers, cursor) and the conversation (step, seq) of this
update's transaction; the core commits before the reply is sent, so an accepted answer is safe
before the next question appears.
"""

from __future__ import annotations

from typing import Any, Protocol

from handlers.context import Context
from handlers.forms.cursor import SUMMARY, Cursor
from policy.forms.spec import FormSpec, Node
from policy.i18n import Label
from services.drafts.access import DraftForm
from services.drafts.answers import put
from services.messages.actions import Btn
from services.messages.drafts import FormWords
from services.messages.keyboards import button
from storage.models import Attachment, Conversation, Draft
from storage.repos.drafts import DraftsRepo


class FormHooks(Protocol):
    """What the walker's screens ask of the form they walk; `handlers.forms.flow.FormFlow`
    provides it. Declared here, below the screens, so that they never import the flow that
    drives them (the walker's modules form a hierarchy, not a loop)."""

    @property
    def name(self) -> str: ...

    @property
    def spec(self) -> FormSpec: ...

    async def submit(self, form: FormSession) -> None: ...

    async def answer_notes(self, form: FormSession, key: str) -> list[str]: ...

    async def on_cancel(self, ctx: Context, conv: Conversation) -> str: ...


class FormSession:
    def __init__(
        self,
        flow: FormHooks,
        ctx: Context,
        conv: Conversation,
        draft: Draft,
        files: list[Attachment],
    ) -> None:
        self.flow = flow
        self.ctx = ctx
        self.conv = conv
        self.draft = draft
        self.files = files
        self.words = FormWords(ctx.texts, flow.spec)

    @property
    def spec(self) -> FormSpec:
        return self.flow.spec

    @property
    def answers(self) -> dict[str, Any]:
        return self.draft_form.answers

    @property
    def slots(self) -> set[str]:
        return self.draft_form.slots

    @property
    def cursor(self) -> Cursor:
        return Cursor.decode(self.conv.step or self.draft.cursor or SUMMARY)

    @property
    def draft_form(self) -> DraftForm:
        """The draft as the services read it (the same rows, in this update's unit of work)."""
        return DraftForm(self.spec, self.draft, self.files)

    @property
    def drafts(self) -> DraftsRepo:
        return self.ctx.uow.repo(DraftsRepo)

    def node(self, key: str) -> Node | None:
        return self.spec.node(key)

    def set_answers(self, answers: dict[str, Any]) -> None:
        """Replace the answers (a new dict, so the JSON column sees the change)."""
        put(self.draft_form, answers, self.ctx.now())

    def put(self, key: str, value: Any) -> None:
        self.set_answers({**self.answers, key: value})

    async def move(self, cursor: Cursor) -> None:
        """Commit the new position (bumps seq: buttons of older screens become stale)."""
        step = cursor.encode()
        if cursor.key == SUMMARY:
            self.draft.reviewing = True
        self.draft.cursor = step
        self.draft.updated_at = self.ctx.now()
        await self.ctx.uow.conversations.save(self.conv, step, dict(self.conv.data or {}))

    def btn(self, label_key: str, action: str, **values: object) -> Btn:
        return button(self.ctx.t(label_key, **values), self.flow.name, action, self.conv.seq)

    def raw_btn(self, label: str, action: str) -> Btn:
        return button(label, self.flow.name, action, self.conv.seq)

    def path(self, key: str) -> str:
        return self.words.path(key)

    def text(self, path: str, part: str) -> str | None:
        return self.words.text(path, part)

    def label(self, path: str, fallback: Label | None = None) -> str:
        return self.words.label(path, fallback)

    def section_title(self, key: str) -> str:
        return self.words.section_title(key)
