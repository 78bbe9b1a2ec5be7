"""The layers of DESIGN.md, checked on every import in the code: they point down only.

bot/ → handlers/ + scheduler/ → services/ → storage/ → policy/. What the bot can say (actions,
keyboards, payloads, texts) sits in services/messages, so services and the scheduler write notices
without reaching up into handlers/. Only bot/ knows the Telegram frameworks. The emulator stands
apart: it imports nothing of the product, so it can only agree with the Bot API reference, never
with our code.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ALLOWED = {
    "policy": {"policy"},
    "storage": {"storage", "policy"},
    "services": {"services", "storage", "policy"},
    "handlers": {"handlers", "services", "storage", "policy"},
    "scheduler": {"scheduler", "services", "storage", "policy"},
    "bot": {"bot", "handlers", "scheduler", "services", "storage", "policy", "emulator"},
    "emulator": {"emulator"},
}
FRAMEWORKS = {"aiogram", "telegram"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def _forbidden(layer: str, module: str) -> bool:
    top = module.split(".")[0]
    upward = top in ALLOWED and top not in ALLOWED[layer]
    framework = top in FRAMEWORKS and layer != "bot"
    return upward or framework


def _violations(layer: str) -> list[str]:
    return [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted((ROOT / layer).rglob("*.py"))
        for module in _imports(path)
        if _forbidden(layer, module)
    ]


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_point_down(layer: str) -> None:
    assert _violations(layer) == []


def test_the_check_itself_sees_imports() -> None:
    assert "services.messages.actions" in _imports(ROOT / "scheduler" / "sweeps" / "plan.py")
