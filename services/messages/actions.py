"""What the core asks the shell to do; serialisable so the outbox and replay can store it."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter


class _Action(BaseModel):
    model_config = ConfigDict(frozen=True, ser_json_bytes="base64", val_json_bytes="base64")


class Btn(_Action):
    label: str
    payload: str | None = None
    url: str | None = None
    web_app_url: str | None = None
    """Opens the Mini App at this https URL (Telegram signs who opened it: bot/web/auth.py)."""


Keyboard = tuple[tuple[Btn, ...], ...]


class Send(_Action):
    kind: Literal["send"] = "send"
    chat_id: int
    text: str
    keyboard: Keyboard | None = None


class Edit(_Action):
    kind: Literal["edit"] = "edit"
    chat_id: int
    message_id: int
    text: str
    keyboard: Keyboard | None = None


class AnswerCallback(_Action):
    kind: Literal["answer"] = "answer"
    callback_id: str
    text: str | None = None
    alert: bool = False


class SendDocument(_Action):
    kind: Literal["document"] = "document"
    chat_id: int
    file_name: str
    content: bytes | None = None
    file_id: str | None = None
    caption: str | None = None


class AlbumItem(_Action):
    file_id: str
    caption: str | None = None


class SendAlbum(_Action):
    """Files already on Telegram, sent as one album (sendMediaGroup takes 2-10; the runtimes
    send a single item as a plain document). Split longer lists with `albums`."""

    kind: Literal["album"] = "album"
    chat_id: int
    items: tuple[AlbumItem, ...]


ALBUM_MAX = 10


def albums(chat_id: int, items: list[AlbumItem]) -> list[SendAlbum]:
    """Albums of at most ten, none of one file when it can be avoided (11 → 6 + 5)."""
    count = -(-len(items) // ALBUM_MAX)
    size = -(-len(items) // count) if count else 0
    return [
        SendAlbum(chat_id=chat_id, items=tuple(items[i : i + size]))
        for i in range(0, len(items), size or 1)
    ]


Outgoing = Annotated[
    Send | Edit | AnswerCallback | SendDocument | SendAlbum, Field(discriminator="kind")
]
OUTGOING: TypeAdapter[Outgoing] = TypeAdapter(Outgoing)
OUTGOING_LIST: TypeAdapter[list[Outgoing]] = TypeAdapter(list[Outgoing])


def chat_of(action: Outgoing) -> int | None:
    """The chat an action counts against for flood limits; callback answers count against none."""
    return None if isinstance(action, AnswerCallback) else action.chat_id
