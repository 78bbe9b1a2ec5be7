"""Plain records that tests read: what the bot showed, and what it asked of the API."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any


@dataclass(frozen=True)
class Button:
    """An inline button; `callback_data` or `url` (other kinds leave both None)."""

    text: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class Document:
    file_name: str
    content: bytes
    mime_type: str
    file_id: str = ""

    def __repr__(self) -> str:
        return f"Document({self.file_name!r}, {len(self.content)} bytes, {self.mime_type!r})"


@dataclass(frozen=True)
class Photo:
    """A photo the bot sent: the upload and the PhotoSize objects Telegram made of it."""

    content: bytes
    sizes: tuple[dict[str, Any], ...]

    def __repr__(self) -> str:
        largest = self.sizes[-1]
        return f"Photo({largest['width']}x{largest['height']}, {len(self.content)} bytes)"


@dataclass
class BotMessage:
    """A bot message in its current state; for documents and photos `text` holds the caption."""

    message_id: int
    chat_id: int
    text: str
    plain: str
    parse_mode: str | None = None
    buttons: list[list[Button]] = field(default_factory=list)
    document: Document | None = None
    photo: Photo | None = None
    edited: bool = False
    deleted: bool = False
    entities: list[dict[str, Any]] = field(default_factory=list)
    reply_markup: dict[str, Any] | None = None
    date: int = 0
    edit_date: int | None = None
    link_preview_options: dict[str, Any] | None = None
    media_group_id: str | None = None
    reply_to: int | None = None

    def labels(self) -> list[str]:
        return [button.text for row in self.buttons for button in row]

    def button(self, label: str) -> Button:
        for row in self.buttons:
            for button in row:
                if button.text == label:
                    return button
        raise LookupError(f"no button {label!r} in message {self.message_id}: {self.labels()}")

    def snapshot(self) -> BotMessage:
        """A copy that later edits will not change, for assertions about a moment."""
        return replace(self, buttons=[list(row) for row in self.buttons])


@dataclass(frozen=True)
class RecordedCall:
    """One HTTP call to the API, including rejected and faulted ones.

    `status` is 499 when the client had already disconnected, so nobody saw the answer.
    """

    method: str
    params: dict[str, Any]
    status: int
    at: float
    response: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.status == 200
