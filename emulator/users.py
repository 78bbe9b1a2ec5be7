"""Simulated Telegram users: each action becomes an Update the bot will poll."""

from __future__ import annotations

import asyncio
import mimetypes
import re
from pathlib import Path
from typing import Any

from emulator.chat_view import ChatView
from emulator.html_lexer import utf16_len
from emulator.models import BotMessage, Button
from emulator.serialize import bot_message_json, user_json, user_message_json
from emulator.state import PendingCallback, Profile, now_unix

_COMMAND = re.compile(r"^/[A-Za-z0-9_]{1,32}(@[A-Za-z0-9_]+)?")
_WEBP_STUB = b"RIFF\x0c\x00\x00\x00WEBPVP8 \x00\x00\x00\x00"  # enough for a file header


class SimUser(ChatView):
    @property
    def profile(self) -> Profile:
        return self._log.profile

    @property
    def user_id(self) -> int:
        return self._log.profile.user_id

    def _push_message(self, extra: dict[str, Any]) -> int:
        message_id = self._log.next_message_id()
        self._log.user_message_ids.add(message_id)
        body = user_message_json(self.profile, message_id, now_unix(), extra)
        return self._world.updates.push("message", body)

    async def send(self, text: str) -> int:
        """A text message; a leading /command gets its bot_command entity like in Telegram."""
        extra: dict[str, Any] = {"text": text}
        match = _COMMAND.match(text)
        if match:
            length = utf16_len(match.group(0))
            extra["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._push_message(extra)

    async def command(self, name: str, *args: str) -> int:
        return await self.send(" ".join([f"/{name.removeprefix('/')}", *args]))

    def _find(self, label: str, message: BotMessage | None) -> tuple[BotMessage, Button]:
        candidates = [message] if message is not None else list(reversed(self.inbox))
        for candidate in candidates:
            for button in (b for row in candidate.buttons for b in row):
                if button.text == label:
                    return candidate, button
        for candidate in candidates:
            hits = {b.text: b for row in candidate.buttons for b in row if label in b.text}
            if len(hits) == 1:
                return candidate, next(iter(hits.values()))
            if hits:
                raise LookupError(f"{label!r} is ambiguous: {sorted(hits)}")
        available = [m.labels() for m in candidates if m.buttons]
        raise LookupError(f"no button {label!r}; available: {available}")

    async def press(self, label: str, message: BotMessage | None = None) -> int:
        """Press an inline button by its visible label (exact, else unique substring)."""
        target, button = self._find(label, message)
        if button.callback_data is None:
            raise LookupError(f"button {button.text!r} has no callback_data (url={button.url})")
        return await self.press_data(button.callback_data, target.message_id)

    async def press_data(self, data: str, message_id: int | None = None) -> int:
        """Send any callback payload, e.g. forged or stale data, from a bot message."""
        if message_id is None:
            last = self.last
            if last is None:
                raise LookupError("the bot has sent no message to press on")
            message_id = last.message_id
        target = self._log.messages.get(message_id)
        if target is None:
            raise LookupError(f"no bot message {message_id} in chat {self.chat_id}")
        query_id = str(next(self._world.callback_ids))
        self._world.callbacks[query_id] = PendingCallback(self.user_id, self.chat_id, data)
        body = {
            "id": query_id,
            "from": user_json(self.profile),
            "message": bot_message_json(self._world, target),
            "chat_instance": str(-self.chat_id * 7919),
            "data": data,
        }
        return self._world.updates.push("callback_query", body)

    async def send_document(
        self,
        source: bytes | str | Path,
        file_name: str | None = None,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> int:
        if isinstance(source, bytes):
            content, name = source, file_name or "document.bin"
        else:
            path = Path(source)
            content, name = await asyncio.to_thread(path.read_bytes), file_name or path.name
        mime = mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        stored = self._world.files.put(content, name, mime, "documents")
        extra: dict[str, Any] = {"document": stored.document_json()}
        if caption:
            extra["caption"] = caption
        return self._push_message(extra)

    async def send_photo(self, content: bytes, caption: str | None = None) -> int:
        sizes = []
        for width, height in ((90, 67), (800, 600)):
            stored = self._world.files.put(content, "photo.jpg", "image/jpeg", "photos")
            size = {k: v for k, v in stored.file_json().items() if k != "file_path"}
            sizes.append({**size, "width": width, "height": height})
        extra: dict[str, Any] = {"photo": sizes}
        if caption:
            extra["caption"] = caption
        return self._push_message(extra)

    async def send_sticker(self, emoji: str = "👍") -> int:
        stored = self._world.files.put(_WEBP_STUB, "sticker.webp", "image/webp", "stickers")
        sticker = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": emoji,
            "file_size": stored.size,
        }
        return self._push_message({"sticker": sticker})

    async def ask(
        self, text: str, expect: int | None = None, timeout: float = 10.0
    ) -> list[BotMessage]:
        """Send (a /command if it starts with "/") and return what the bot answered."""
        return await self.exchange(self.send(text), expect, timeout)

    async def click(
        self,
        label: str,
        message: BotMessage | None = None,
        expect: int | None = None,
        timeout: float = 10.0,
    ) -> list[BotMessage]:
        """Press a button and return the messages the bot sent or edited in response."""
        return await self.exchange(self.press(label, message), expect, timeout)
