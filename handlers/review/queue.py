"""/pending: the open submissions, the one waiting longest first, and opening one of them."""

from __future__ import annotations

from handlers.context import Context
from handlers.review.album import album, split
from handlers.review.console_link import console_row
from handlers.review.guard import Target, load, target_action
from handlers.review.summary import summary_text
from services.labels import kind_label
from services.messages.actions import Btn
from services.messages.keyboards import button, rows, stack
from services.messages.payloads import Action
from services.submissions import REVIEW_FLOW
from storage.repos.reviews import OPEN, ReviewsRepo

FLOW = REVIEW_FLOW
PAGE_SIZE = 8


def decision_buttons(ctx: Context, submission_id: int, version: int) -> list[Btn]:
    return [
        button(ctx.t(f"review.btn_{verb}"), FLOW, target_action(verb, submission_id, version))
        for verb in ("approve", "return", "reject")
    ]


async def show_page(ctx: Context, page: int) -> None:
    repo = ctx.uow.repo(ReviewsRepo)
    total = await repo.pending_count()
    if total == 0:
        ctx.show(ctx.t("review.queue_empty"), stack(console_row(ctx)) or None)
        return
    pages = (total + PAGE_SIZE - 1) // PAGE_SIZE
    page = min(max(page, 0), pages - 1)
    items = await repo.pending_page(page * PAGE_SIZE, PAGE_SIZE)
    lines = [ctx.t("review.queue_head", count=total, page=page + 1, pages=pages)]
    choices = []
    for number, sub in enumerate(items, start=page * PAGE_SIZE + 1):
        waiting = sub.updated_at.astimezone(ctx.config.tz).strftime("%m-%d %H:%M")
        lines.append(
            ctx.t(
                "review.queue_line",
                number=number,
                kind=kind_label(ctx.texts, sub.kind),
                title=sub.title,
                receipt=sub.receipt_no,
                version=sub.version,
                at=waiting,
            )
        )
        choices.append(button(f"{number}. {sub.title[:40]}", FLOW, target_action("open", sub.id)))
    nav = []
    if page > 0:
        nav.append(button(ctx.t("review.prev"), FLOW, Action.of("page", page - 1)))
    if page < pages - 1:
        nav.append(button(ctx.t("review.next"), FLOW, Action.of("page", page + 1)))
    ctx.show("\n".join(lines), stack(rows(choices), nav, console_row(ctx)))


async def open_submission(ctx: Context, target: Target | None) -> None:
    """The files as one album (only the changed ones from version 2 on), then the card with
    the decision buttons (if still open) as the last message, in sight."""
    submission = await load(ctx, target)
    if submission is None:
        return
    repo = ctx.uow.repo(ReviewsRepo)
    version = await repo.version(submission.id, submission.version)
    previous = (
        await repo.version(submission.id, submission.version - 1)
        if submission.version > 1
        else None
    )
    text = await summary_text(ctx, submission, version, previous)
    keyboard = []
    if submission.status == OPEN:
        keyboard.append(decision_buttons(ctx, submission.id, submission.version))
    keyboard.append([button(ctx.t("review.back_to_queue"), FLOW, Action.of("page", 0))])
    if version is not None:
        ctx.out.extend(album(ctx, submission, version, split(version, previous).fresh))
    ctx.send(text, stack(*keyboard))
