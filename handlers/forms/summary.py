"""The closing screens: every answer with an Edit button, what still blocks Submit, and the
confirmation that the unit answers for the truth of its materials (Art. 6)."""

from __future__ import annotations

from handlers.forms.pages import Page, page_titles, pages, shown_page
from handlers.forms.session import FormSession
from policy import display
from policy.forms.spec import FileSlot, Group, Node
from services.drafts.problems import Problems
from services.drafts.problems import problems as find_problems
from services.messages.actions import Btn, Keyboard
from services.messages.drafts import confirm_text, problem_lines
from services.messages.keyboards import rows, stack
from services.messages.values import group_total, shorten, show_items, show_value


def _answer_text(form: FormSession, node: Node) -> str:
    answers = form.answers
    if isinstance(node, FileSlot):
        names = [f.file_name for f in form.files if f.slot == node.key]
        if names:
            return form.ctx.t("forms.sep").join(names)
        skipped = node.key in answers and not node.required
        return form.ctx.t("forms.skipped" if skipped else "forms.no_file")
    if node.key not in answers:
        return form.ctx.t("forms.unanswered")
    if isinstance(node, Group):
        return _group_text(form, node, answers.get(node.key) or [])
    return show_value(form.ctx, node, answers[node.key], form.path(node.key))


def _group_text(form: FormSession, group: Group, items: list[dict[str, object]]) -> str:
    if not items:
        return form.ctx.t("forms.none")
    shown = show_items(form.ctx, group, items, form.path(group.key))
    total = group_total(group, items)
    if total is None:
        return form.ctx.t("forms.group_value", count=len(items), items=shown)
    money = display.cny(total, form.ctx.texts.lang)
    return form.ctx.t("forms.group_total", count=len(items), total=money, items=shown)


BLOCKING_CHARS = 400


async def first_flagged_page(form: FormSession) -> int:
    """Where a form reopens at its summary: the first page with an answer to fix, else 1."""
    flagged = (await problems(form)).flagged
    found = pages(form)
    hits = (i for i, p in enumerate(found) if any(n.key in flagged for _, n in p.numbered))
    return next(hits, 0)


def _lines(form: FormSession, page: Page, flagged: set[str]) -> list[str]:
    lines: list[str] = []
    section = None
    for n, node in page.numbered:
        if (current := form.spec.section_of(node.key).key) != section:
            section = current
            lines.append(form.ctx.t("forms.section_head", title=form.section_title(current)))
        mark = " ⚠️" if node.key in flagged else ""
        value = shorten(_answer_text(form, node))
        label = form.label(node.key, node.label)
        lines.append(form.ctx.t("forms.summary_line", n=n, mark=mark, label=label, value=value))
    return lines


async def problems(form: FormSession) -> Problems:
    """What blocks Submit, and the keys to flag in the summary (services.drafts.problems)."""
    return await find_problems(form.ctx.uow, form.draft_form, form.ctx.now().date())


def _within(form: FormSession, lines: list[str]) -> list[str]:
    """What blocks Submit, on every page, as many whole lines as BLOCKING_CHARS allow."""
    kept: list[str] = []
    budget = BLOCKING_CHARS
    for line in lines:
        budget -= len(line) + 1
        if budget < 0:
            return [*kept, form.ctx.t("forms.blocked_more", n=len(lines) - len(kept))]
        kept.append(line)
    return kept


async def summary_screen(form: FormSession, note: str | None = None) -> tuple[str, Keyboard]:
    """One page of the summary (a section, at most PAGE_NODES answers) with one Edit button
    for the page, ◀ ▶ between pages, and Submit on every page once nothing blocks it."""
    found = pages(form)
    index = shown_page(form, len(found))
    found_problems = await problems(form)
    blocking, flagged = problem_lines(form.words, found_problems), found_problems.flagged
    parts = [note] if note else []
    parts.append(form.ctx.t("forms.summary_title", page=index + 1, pages=len(found)))
    parts += _lines(form, found[index], flagged)
    closing: list[Btn] = [form.btn("forms.back", "back")]
    if not blocking:
        parts += ["", form.ctx.t("forms.ready")]
        closing.insert(0, form.btn("forms.submit", "submit"))
    else:
        parts += ["", form.ctx.t("forms.blocked"), *_within(form, blocking)]
    turn = []
    if index > 0:
        turn.append(form.btn("forms.prev_page", f"pg:{index - 1}"))
    if index < len(found) - 1:
        turn.append(form.btn("forms.next_page", f"pg:{index + 1}"))
    edit = [form.btn("forms.edit_page", f"sec:{index}")]
    discard = [form.btn("forms.discard", "discard")]
    return "\n".join(parts), stack(edit, turn, closing, discard)


def section_screen(form: FormSession, index: int) -> tuple[str, Keyboard]:
    """The answers of one summary page as buttons: the one pressed is asked again."""
    found = pages(form)
    page = found[min(max(index, 0), len(found) - 1)]
    title = page_titles(form, page)
    picks = [
        form.raw_btn(f"✏️ {n}. {shorten(form.label(node.key, node.label), 24)}", f"e:{node.key}")
        for n, node in page.numbered
    ]
    back = form.btn("forms.back_to_summary", f"pg:{index}")
    return form.ctx.t("forms.pick_field", title=title), stack(rows(picks), [back])


def discard_screen(form: FormSession) -> tuple[str, Keyboard]:
    kind = form.ctx.t(f"staff_notice.kind_{form.spec.name}")
    back = f"pg:{shown_page(form, len(pages(form)))}"
    buttons = [form.btn("forms.discard_yes", "discard_yes"), form.btn("forms.discard_no", back)]
    return form.ctx.t("forms.discard_ask", kind=kind), rows(buttons)


def confirm_screen(form: FormSession) -> tuple[str, Keyboard]:
    """Says what handing in this form means: each kind has its own consequences."""
    buttons = [form.btn("forms.confirm", "confirm"), form.btn("forms.back", "back")]
    return confirm_text(form.ctx.texts, form.spec.name), rows(buttons)
