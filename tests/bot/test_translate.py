"""Raw update JSON to the core's events: whatever Telegram (or anyone) sends, nothing raises
except an update of our kinds that names nobody, and that is a dead letter, not a crash."""

from __future__ import annotations

from typing import Any

import pytest

from bot.intake.translate import Unreadable, chat_key, sender_of, translate
from handlers.events import ButtonPress, Command, FileUpload, Text, Unsupported

USER = {"id": 1001, "is_bot": False, "first_name": "Alice", "language_code": "en"}
CHAT = {"id": 1001, "type": "private", "first_name": "Alice"}
NO_PREVIEW = {"is_disabled": True}


def message(**fields: Any) -> dict[str, Any]:
    body = {"message_id": 7, "from": USER, "chat": CHAT, "date": 1, **fields}
    return {"update_id": 500, "message": {k: v for k, v in body.items() if v is not None}}


def press(data: Any = "lang::en", **fields: Any) -> dict[str, Any]:
    bot_message = {
        "message_id": 9,
        "from": {"id": 1, "is_bot": True, "first_name": "Bot"},
        "chat": CHAT,
        "date": 1,
        "text": "Choose",
        "link_preview_options": NO_PREVIEW,  # Telegram adds it to what the bot sent so
    }
    body = {"id": "77", "from": USER, "message": bot_message, "chat_instance": "1", "data": data}
    return {"update_id": 501, "callback_query": {**body, **fields}}


def test_a_press_on_a_message_sent_without_previews() -> None:
    incoming = translate(press())
    assert incoming is not None
    assert incoming.event == ButtonPress(payload="lang::en", callback_id="77", message_id=9)
    assert incoming.sender.user_id == incoming.sender.chat_id == 1001


def test_a_text_with_link_preview_options_and_nonsense_entities() -> None:
    incoming = translate(message(text="/start apply", link_preview_options={}, entities="oops"))
    assert incoming is not None and incoming.event == Command("start", "apply")


@pytest.mark.parametrize("text", [12, None, ["a"], {"t": 1}, True])
def test_a_text_that_is_no_string_cannot_be_read(text: Any) -> None:
    incoming = translate({"update_id": 1, "message": {"from": USER, "chat": CHAT, "text": text}})
    assert incoming is not None and incoming.event == Unsupported("unreadable")


def test_a_message_whose_from_is_a_number_is_answered_in_its_private_chat() -> None:
    incoming = translate(message(text="hi", **{"from": 5}))
    assert incoming is not None and incoming.sender.user_id == 1001


@pytest.mark.parametrize(
    "raw",
    [
        message(text="hi", **{"from": 5, "chat": "x"}),
        press(**{"from": 5}),
        press(**{"from": {"id": True}}),
        press(**{"from": {"id": 2**70}}),
        {"update_id": 3, "message": "not an object"},
    ],
    ids=["message-from-nobody", "press-from-number", "bool-id", "id-too-big", "not-object"],
)
def test_our_kinds_naming_nobody_are_unreadable(raw: dict[str, Any]) -> None:
    with pytest.raises(Unreadable):
        translate(raw)
    assert sender_of(raw) is None


@pytest.mark.parametrize(
    "raw",
    [
        {"update_id": 1, "edited_message": message(text="x")["message"]},
        {"update_id": 2, "my_chat_member": {"chat": CHAT, "from": USER}},
        {"update_id": 3, "message_reaction": {"chat": CHAT, "user": USER}},
        {
            "update_id": 4,
            "message": {**message(text="x")["message"], "chat": {"id": -5, "type": "group"}},
        },
        message(text="x", **{"from": {**USER, "is_bot": True}}),
        {"update_id": "5", "message": message(text="x")["message"]},
        {"message": message(text="x")["message"]},
        [1, 2],
        None,
    ],
    ids=["edited", "member", "reaction", "group", "bot", "id-string", "no-id", "list", "none"],
)
def test_what_is_not_for_us_is_none(raw: Any) -> None:
    assert translate(raw) is None


def test_texts_lose_nul_and_lone_surrogates_and_stay_within_telegram_limits() -> None:
    incoming = translate(message(text="a\x00b\ud800c" + "x" * 10_000))
    assert incoming is not None and isinstance(incoming.event, Text)
    assert incoming.event.text.startswith("ab?c") and len(incoming.event.text) == 4096
    incoming.event.text.encode("utf-8")  # would raise on a lone surrogate


def test_a_long_language_tag_is_kept_for_the_repository_to_fit() -> None:
    raw = message(text="hi", **{"from": {**USER, "language_code": "en-" + "x" * 40}})
    incoming = translate(raw)
    assert incoming is not None and incoming.sender.language == "en-" + "x" * 40


def test_documents_and_photos_with_broken_fields() -> None:
    doc = translate(message(document={"file_id": "F", "file_size": "big", "file_name": 3}))
    assert doc is not None and doc.event == FileUpload("F", "F", None, None, None)
    broken = translate(message(document={"file_size": 3}))
    assert broken is not None and broken.event == Unsupported("unreadable")
    sizes = [
        {"file_id": "a", "width": 90},
        "junk",
        {"file_id": "b", "width": 800, "file_size": True},
    ]
    photo = translate(message(photo=sizes))
    assert photo is not None and isinstance(photo.event, FileUpload)
    assert photo.event.file_id == "b" and photo.event.size is None


def test_a_press_without_an_id_cannot_be_answered_and_a_press_on_no_message() -> None:
    no_id = translate(press(id=None))
    assert no_id is not None and no_id.event == Unsupported("unreadable")
    inline = translate(press(message=None, data=12))
    assert inline is not None and inline.event == ButtonPress("", "77", None)


def test_the_chat_key_puts_a_user_in_one_lane_and_the_unreadable_each_in_its_own() -> None:
    assert chat_key(message(text="x")) == chat_key(press()) == 1001
    first, second = {"update_id": 1, "poll": {}}, {"update_id": 1, "poll": {}}
    assert chat_key(first) != chat_key(second)
