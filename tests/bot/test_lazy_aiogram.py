"""aiogram's types are built when first used, and then exactly as aiogram builds them."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from typing import Any

from bot.runtimes import lazy_aiogram


@cache
def probe(mode: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "tests.bot.aiogram_models_probe", mode],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_the_adapter_builds_no_type_it_has_not_used_yet() -> None:
    built = probe("lazy")["built_at_import"]
    assert "Update" not in built and "Message" not in built
    assert built == []  # the adapter's texts go out as JSON: it makes no model at import


def test_types_and_methods_validate_as_aiogram_builds_them() -> None:
    lazy, eager = probe("lazy"), probe("eager")
    assert len(eager["built_at_import"]) > 400
    assert lazy["schemas"] == eager["schemas"] > 150
    assert lazy["digest"] == eager["digest"]


def test_calls_with_nested_objects_serialise_as_aiogram_serialises_them() -> None:
    lazy, eager = probe("lazy"), probe("eager")
    assert lazy["dumped"] == eager["dumped"]
    assert "WebAppInfo" not in lazy["dumped"][0] and "example.org/app" in lazy["dumped"][0]


def test_an_aiogram_already_imported_is_left_as_it_is() -> None:
    import aiogram  # noqa: F401  (this process may have imported it lazily or not)

    assert lazy_aiogram.defer_aiogram_builds() is False
