"""What the console says before a decision is confirmed: the chat's own confirmation for that
decision on that kind (services.decisions.confirmation), so staff read the same consequences on
either surface."""

from __future__ import annotations

from bot.web.backend.base import View
from bot.web.form_view import plain
from services.decisions import CHOICES, confirmation


def confirmations(view: View, kind: str, title: str) -> dict[str, str]:
    """approve | return | reject → the plain text to confirm it with."""
    return {
        choice: plain(confirmation(view.texts, decision, kind, title)) or ""
        for choice, decision in CHOICES.items()
    }
