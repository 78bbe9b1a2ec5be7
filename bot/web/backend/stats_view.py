"""/stats as charts: the same figures (storage.repos.review_stats) and labels as the chat."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.web.backend.base import View
from bot.web.backend.console_types import Bar, Chart, StatsView
from bot.web.form_view import plain
from handlers.stats.flow import eligibility_text, enum_label
from policy.categories import StudioCategory
from policy.divisions import Division
from policy.eligibility import ConditionCode
from policy.eligibility import label as condition_label
from services.labels import status_label
from storage.repos.review_stats import Figures


def _bars(ctx: View, counts: Mapping[Any, int], name: Callable[[str], str]) -> list[Bar]:
    """Largest first, keys not filled in last, as /stats lists them."""
    items: list[tuple[str | None, int]] = list(counts.items())
    ordered = sorted(items, key=lambda kv: (kv[0] is None, -kv[1], kv[0] or ""))
    unknown = plain(ctx.t("stats.unknown")) or ""
    return [Bar(k or "", name(k) if k else unknown, v) for k, v in ordered]


def _condition(ctx: View) -> Callable[[str], str]:
    def name(code: str) -> str:
        try:
            return condition_label(ConditionCode(code), ctx.texts.lang)
        except ValueError:
            return code

    return name


def _chart(ctx: View, key: str, bars: list[Bar]) -> Chart:
    return Chart(key, ctx.t(f"web.console.chart_{key}"), sum(b.count for b in bars), bars)


def stats_view(ctx: View, figures: Figures) -> StatsView:
    category, division = enum_label(ctx, StudioCategory), enum_label(ctx, Division)
    checks = figures.eligibility
    charts = [
        _chart(ctx, "status", _bars(ctx, figures.by_status, lambda k: status_label(ctx.texts, k))),
        _chart(ctx, "category", _bars(ctx, figures.by_category, category)),
        _chart(ctx, "division", _bars(ctx, figures.by_division, division)),
        _chart(ctx, "studios", _bars(ctx, figures.studios_by_category, category)),
        _chart(ctx, "failing", _bars(ctx, checks.failing_counts, _condition(ctx))),
    ]
    return StatsView(charts, plain(eligibility_text(ctx, checks).strip()) or "")
