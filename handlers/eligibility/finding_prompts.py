"""What /finding shows at each step, and the summary staff confirm before a finding is saved."""

from __future__ import annotations

from datetime import date
from typing import Any, Final

from handlers.context import Context
from policy.bar import BAR_YEARS, bar_end, is_barred
from policy.dates import ONE_DAY
from policy.source import ART_17, article_label
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import button, rows, stack
from storage.repos.findings import FindingsRepo, SubjectKind

FLOW = "finding"
STEPS: Final = ("kind", "code", "date", "note", "confirm")
FIELD: Final = {"kind": "kind", "code": "code", "date": "found_on", "note": "note"}
"""The conversation field each step fills (the confirmation fills none)."""
KINDS: Final[tuple[SubjectKind, ...]] = ("person", "unit")
NOTE_MAX: Final = 500
"""Longest note staff may attach to a finding."""


def _navigation(ctx: Context, step: str, seq: int) -> tuple[Btn, ...]:
    back = [button(ctx.t("finding.back"), FLOW, "back", seq)] if step != STEPS[0] else []
    return (*back, button(ctx.t("finding.cancel"), FLOW, "cancel", seq))


async def prompt(ctx: Context, step: str, data: dict[str, Any], seq: int) -> tuple[str, Keyboard]:
    """The message of ``step``: its question (or the summary) and its buttons."""
    art17 = article_label(ART_17, ctx.texts.lang)
    if step == "kind":
        kinds = [button(ctx.t(f"finding.kind_{k}"), FLOW, f"kind:{k}", seq) for k in KINDS]
        text = ctx.t("finding.ask_kind", art17=art17)
        return text, stack(rows(kinds, per_row=2), _navigation(ctx, step, seq))
    if step == "confirm":
        save = (button(ctx.t("finding.save"), FLOW, "save", seq),)
        return await _summary(ctx, data), stack(save, _navigation(ctx, step, seq))
    key = f"finding.ask_code_{data['kind']}" if step == "code" else f"finding.ask_{step}"
    return ctx.t(key, max=NOTE_MAX), stack(_navigation(ctx, step, seq))


async def _summary(ctx: Context, data: dict[str, Any]) -> str:
    kind, code = data["kind"], data["code"]
    found_on = date.fromisoformat(data["found_on"])
    lines = [
        ctx.t(
            "finding.summary",
            art17=article_label(ART_17, ctx.texts.lang),
            kind=ctx.t(f"finding.kind_{kind}"),
            code=code,
            found_on=found_on,
            note=data["note"],
        ),
        bar_effect(ctx, found_on),
    ]
    earlier = await ctx.uow.repo(FindingsRepo).latest(kind, code)
    if earlier is not None:
        lines.append(ctx.t("finding.earlier", found_on=earlier.found_on))
    return "\n\n".join(lines)


def bar_effect(ctx: Context, found_on: date) -> str:
    """Until when the finding bars its subject (Art. 17), or that the three years are over."""
    again = bar_end(found_on)
    if not is_barred(found_on, ctx.now().date()):
        return ctx.t("finding.bar_over", again=again, years=BAR_YEARS)
    return ctx.t("finding.bar_until", until=again - ONE_DAY, again=again, years=BAR_YEARS)
