"""Running the application script through the in-process ChatDriver, with fake file storage."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from handlers.events import FileUpload
from services.messages.texts import catalog
from tests.handlers.application_script import (
    PHOTO,
    STEPS,
    Act,
    F,
    P,
    T,
    open_answer,
    steps_until,
    turn_to,
)
from tests.handlers.driver import ChatDriver

_ids = itertools.count(1)


class FakeFiles:
    """Telegram's file storage as far as the core sees it: `download(file_id) -> bytes`, given
    to the core when it is built. `refusal`: what getFile raises instead, when set."""

    def __init__(self) -> None:
        self.content: dict[str, bytes] = {}
        self.downloads: list[str] = []
        self.refusal: Exception | None = None

    async def download(self, file_id: str) -> bytes:
        self.downloads.append(file_id)
        if self.refusal is not None:
            raise self.refusal
        return self.content[file_id]

    def upload(
        self,
        content: bytes,
        name: str | None,
        mime: str | None,
        kind: str = "document",
        size: int | None = None,
    ) -> FileUpload:
        n = next(_ids)
        file_id = f"fid-{n}"
        self.content[file_id] = content
        declared = len(content) if size is None else size
        return FileUpload(file_id, f"uniq-{n}", name, mime, declared, kind)


def label(key: str, lang: str = "zh") -> str:
    return catalog("en" if lang == "en" else "zh")[f"application.f.{key}.label"]


async def act(chat: ChatDriver, files: FakeFiles, action: Act) -> None:
    if isinstance(action, T):
        await chat.text(action.text)
    elif isinstance(action, P):
        await chat.press(action.label)
    elif isinstance(action, F):
        await chat.file(files.upload(action.content, action.name, action.mime))
    elif isinstance(action, PHOTO):
        await chat.file(files.upload(action.content, None, "image/jpeg", kind="photo"))


async def run_steps(
    chat: ChatDriver,
    files: FakeFiles,
    steps: list[tuple[str, list[Act]]] = STEPS,
    check: Callable[[str], None] | None = None,
) -> None:
    for key, actions in steps:
        assert label(key) in chat.last.text, f"expected {key}, got: {chat.last.text[:300]}"
        if check is not None:
            check(key)
        for action in actions:
            await act(chat, files, action)


async def fill(chat: ChatDriver, files: FakeFiles, until: str | None = None) -> None:
    """/apply and answer every question (or those before `until`)."""
    await chat.command("apply")
    await run_steps(chat, files, steps_until(until) if until else STEPS)


async def edit(chat: ChatDriver, n: int) -> None:
    """From the summary, edit answer number `n` (its page, "✏️ 修改这一部分", its button)."""
    await open_answer(lambda: chat.last.text, chat.press, n)


async def turn(chat: ChatDriver, n: int) -> None:
    """On the summary, turn to the page showing answer number `n`."""
    await turn_to(lambda: chat.last.text, chat.press, n)
