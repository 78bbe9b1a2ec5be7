"""What reaches the core from Telegram, with no framework types (DESIGN.md, handlers/)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sender:
    user_id: int
    chat_id: int
    first_name: str = ""
    username: str | None = None
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Text:
    text: str


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    args: str = ""


@dataclass(frozen=True, slots=True)
class ButtonPress:
    payload: str
    callback_id: str
    message_id: int | None


@dataclass(frozen=True, slots=True)
class FileUpload:
    file_id: str
    file_unique_id: str
    file_name: str | None
    mime_type: str | None
    size: int | None
    kind: str = "document"
    caption: str | None = None


UNREADABLE = "unreadable"


@dataclass(frozen=True, slots=True)
class Unsupported:
    """A sticker, voice note, location… something no form can take; or, of kind UNREADABLE,
    a message whose fields made no sense."""

    kind: str


Event = Text | Command | ButtonPress | FileUpload | Unsupported


@dataclass(frozen=True, slots=True)
class Incoming:
    update_id: int
    sender: Sender
    event: Event


def parse_command(text: str) -> Command | None:
    """`/start@studio_bot apply` → Command("start", "apply"); plain text → None."""
    if not text.startswith("/") or len(text) < 2:
        return None
    head, _, rest = text[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    if not name.replace("_", "").isalnum():
        return None
    return Command(name=name, args=rest.strip())
