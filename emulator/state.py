"""Everything the fake Telegram remembers, shared by the HTTP methods and SimUsers."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from emulator.files import FileStore
from emulator.models import BotMessage
from emulator.params import bad_request
from emulator.signals import Signal
from emulator.updates import UpdateQueue
from emulator.webhook import Webhook

BOT_FIRST_NAME = "Studio Bot"
BOT_USERNAME = "studio_test_bot"


@dataclass(frozen=True)
class Profile:
    user_id: int
    first_name: str
    username: str | None = None
    language_code: str | None = None
    last_name: str | None = None


@dataclass
class PendingCallback:
    user_id: int
    chat_id: int
    data: str
    answered: bool = False


@dataclass
class ChatLog:
    """A private chat; ids are shared by user and bot messages, as in Telegram."""

    profile: Profile
    messages: dict[int, BotMessage] = field(default_factory=dict)
    events: list[int] = field(default_factory=list)
    user_messages: dict[int, dict[str, Any]] = field(default_factory=dict)  # as last sent
    callback_answers: list[str] = field(default_factory=list)
    last_message_id: int = 0
    version: int = 0  # bumped on anything the user could notice in this chat

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id


def now_unix() -> int:
    return int(time.time())


class World:
    def __init__(self, token: str, settle: float = 0.05, local_mode: bool = True) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.signal = Signal()
        self.updates = UpdateQueue(self.signal)
        self.files = FileStore()
        self.chats: dict[int, ChatLog] = {}
        self.callbacks: dict[str, PendingCallback] = {}
        self.commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}  # by chat; None: the bot's
        self.callback_ids = itertools.count(4_000_000_000_000_000_001)
        self.media_group_ids = itertools.count(13_954_628_539_428_641)
        # Non-polling requests being handled, by chat (None: no chat), to tell a settled bot.
        self.inflight: Counter[int | None] = Counter()
        self.settle = settle
        self.poll_generation = 0  # a newer getUpdates (or a setWebhook) ends the parked one
        self.poll_abort = ""  # the 409 text the parked getUpdates answers with
        self.closing = False
        self.waiting_polls = 0  # getUpdates requests currently parked in a long poll
        self.webhook = Webhook()
        self.local_mode = local_mode
        self.set_webhook_after = 0.0  # monotonic time before which setWebhook answers 429

    def add_user(self, profile: Profile) -> ChatLog:
        log = self.chats.get(profile.user_id)
        if log is None:
            log = ChatLog(profile)
            self.chats[profile.user_id] = log
        else:
            log.profile = profile
        return log

    def chat(self, chat_id: int) -> ChatLog:
        log = self.chats.get(chat_id)
        if log is None:
            raise bad_request("chat not found")
        return log

    def record_event(self, log: ChatLog, message: BotMessage) -> None:
        log.events.append(message.message_id)
        self.touch(log)

    def touch(self, log: ChatLog) -> None:
        log.version += 1
        self.signal.bump()

    def abort_poll(self, reason: str) -> None:
        """End a parked getUpdates with a 409, as a newer poll or a setWebhook does."""
        self.poll_generation += 1
        self.poll_abort = reason
        self.signal.bump()

    def bot_user_json(self) -> dict[str, Any]:
        """User: the bot itself, as `from` of its own messages."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": BOT_FIRST_NAME,
            "username": BOT_USERNAME,
        }

    def me_json(self) -> dict[str, Any]:
        """User: the bot as getMe returns it, with the bot-only capability flags."""
        return {
            **self.bot_user_json(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }
