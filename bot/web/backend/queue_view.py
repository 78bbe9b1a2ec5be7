"""The console's queue: its filters and a page of submissions, labelled as the chat labels them."""

from __future__ import annotations

from bot.web.backend.base import View
from bot.web.backend.console_types import Choice, QueueItem, QueueOptions, QueuePage
from bot.web.backend.submission_view import when
from handlers.stats.flow import enum_label
from policy.categories import StudioCategory
from policy.categories import label as category_label
from policy.divisions import Division
from policy.divisions import label as division_label
from services.labels import FORMS, kind_label, status_label
from storage.models import Submission
from storage.repos.reviews import DECISIONS, OPEN


def options(ctx: View, years: list[int]) -> QueueOptions:
    lang = ctx.texts.lang
    return QueueOptions(
        lang=lang,
        kinds=[Choice(k, kind_label(ctx.texts, k)) for k in FORMS],
        statuses=[Choice(s, status_label(ctx.texts, s)) for s in (OPEN, *DECISIONS)],
        categories=[Choice(c.value, category_label(c, lang)) for c in StudioCategory],
        divisions=[Choice(d.value, division_label(d, lang)) for d in Division],
        years=years,
    )


def _item(ctx: View, sub: Submission) -> QueueItem:
    return QueueItem(
        id=sub.id,
        receipt=sub.receipt_no,
        kind=sub.kind,
        kind_label=kind_label(ctx.texts, sub.kind),
        title=sub.title,
        status=sub.status,
        status_label=status_label(ctx.texts, sub.status),
        version=sub.version,
        year=sub.year,
        category=enum_label(ctx, StudioCategory)(sub.category) if sub.category else None,
        division=enum_label(ctx, Division)(sub.division) if sub.division else None,
        at=when(ctx, sub.updated_at),
    )


def queue_page(ctx: View, total: int, page: int, pages: int, rows: list[Submission]) -> QueuePage:
    return QueuePage(total, page, pages, [_item(ctx, s) for s in rows])
