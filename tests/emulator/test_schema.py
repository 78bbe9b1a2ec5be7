"""The per-object field lists name real Bot API fields, and the check reads them right."""

from __future__ import annotations

import aiogram.types

from emulator.conformance import unknown_fields
from emulator.schema import FIELDS, NESTED


def test_every_listed_field_is_one_aiogram_defines() -> None:
    for name, fields in FIELDS.items():
        model = getattr(aiogram.types, name)
        defined = {info.alias or key for key, info in model.model_fields.items()}
        assert fields <= defined, f"{name}: {sorted(fields - defined)}"


def test_nested_fields_are_listed_for_their_object() -> None:
    assert all(field in FIELDS[owner] for owner, field in NESTED)


def test_unknown_fields_are_reported_with_their_path() -> None:
    update = {
        "update_id": 1,
        "callback_query": {
            "id": "1",
            "from": {"id": 1, "is_bot": False, "first_name": "A", "nickname": "x"},
            "chat_instance": "2",
            "message": {
                "message_id": 3,
                "chat": {"id": 1, "type": "private"},
                "date": 0,
                "text": "t",
            },
        },
    }
    assert unknown_fields(update, "Update") == [
        "$.callback_query.from.nickname (not a field of User)",
        "$.callback_query.message.text (not a field of InaccessibleMessage)",
    ]
