"""Simulated Telegram users: each action becomes an Update the bot will receive."""

from __future__ import annotations

from typing import Any

from emulator.chat_view import ChatView
from emulator.models import BotMessage, Button
from emulator.serialize import callback_query_json, user_message_json
from emulator.state import PendingCallback, Profile, now_unix
from emulator.text_entities import entity_text, find_entities
from emulator.user_media import UserMedia


def _text_fields(text: str, preview: dict[str, Any] | None) -> dict[str, Any]:
    """A person's text as Telegram delivers it: with the entities and preview it found.

    Without options a message with a link carries the link its preview was made for, as
    official apps send it; `{}` sends none, any other dict is sent as given.
    """
    fields: dict[str, Any] = {"text": text}
    entities = find_entities(text, bot_commands=True, phone_numbers=True)
    if entities:
        fields["entities"] = entities
    if preview is None:
        urls = [e for e in entities if e["type"] == "url"]
        preview = {"url": entity_text(text, urls[0])} if urls else {}
    if preview:
        fields["link_preview_options"] = preview
    return fields


class SimUser(UserMedia, ChatView):
    @property
    def profile(self) -> Profile:
        return self._log.profile

    @property
    def user_id(self) -> int:
        return self._log.profile.user_id

    def _push_message(self, extra: dict[str, Any]) -> int:
        message_id = self._log.next_message_id()
        body = user_message_json(self.profile, message_id, now_unix(), extra)
        self._log.user_messages[message_id] = body
        return self._world.updates.push("message", body)

    async def send(self, text: str, link_preview_options: dict[str, Any] | None = None) -> int:
        """A text message with the entities Telegram finds: /command, links, @mentions..."""
        return self._push_message(_text_fields(text, link_preview_options))

    async def command(self, name: str, *args: str) -> int:
        return await self.send(" ".join([f"/{name.removeprefix('/')}", *args]))

    async def edit(
        self, message_id: int, text: str, link_preview_options: dict[str, Any] | None = None
    ) -> int:
        """Edit one of this user's text messages: an `edited_message` update with edit_date."""
        old = self._log.user_messages.get(message_id)
        if old is None or "text" not in old:
            raise LookupError(f"user message {message_id} is not a text in chat {self.chat_id}")
        kept = {
            k: v for k, v in old.items() if k not in ("text", "entities", "link_preview_options")
        }
        body = {**kept, "edit_date": now_unix(), **_text_fields(text, link_preview_options)}
        self._log.user_messages[message_id] = body
        return self._world.updates.push("edited_message", body)

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
        """Send any callback payload, e.g. forged or stale data, from a bot message.

        A message deleted since arrives as an InaccessibleMessage (date 0), as in Telegram.
        """
        if message_id is None:
            last = self.last
            if last is None:
                raise LookupError("the bot has sent no message to press on")
            message_id = last.message_id
        if message_id not in self._log.messages:
            raise LookupError(f"no bot message {message_id} in chat {self.chat_id}")
        query_id = str(next(self._world.callback_ids))
        self._world.callbacks[query_id] = PendingCallback(self.user_id, self.chat_id, data)
        body = callback_query_json(self._world, self._log, query_id, message_id, data)
        return self._world.updates.push("callback_query", body)

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
