"""The closing screens: every answer with an Edit button, what still blocks Submit, and the
confirmation that the unit answers for the truth of its materials (Art. 6)."""

from __future__ import annotations

from handlers.forms.session import FormSession
from handlers.forms.values import group_total, shorten, show_items, show_value
from policy import display
from policy.forms.spec import FileSlot, Group, Node
from policy.forms.walk import missing, visible_nodes
from policy.source import article_label
from services.messages.actions import Btn, Keyboard
from services.messages.keyboards import rows, stack


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


def _lines(form: FormSession, nodes: list[Node], flagged: set[str]) -> list[str]:
    lines: list[str] = []
    section = None
    for n, node in enumerate(nodes, 1):
        current = form.spec.section_of(node.key).key
        if current != section:
            section = current
            lines.append(form.ctx.t("forms.section", title=form.section_title(current)))
        mark = " ⚠️" if node.key in flagged else ""
        lines.append(
            form.ctx.t(
                "forms.summary_line",
                n=n,
                mark=mark,
                label=form.label(node.key, node.label),
                value=shorten(_answer_text(form, node)),
            )
        )
    return lines


async def problems(form: FormSession) -> tuple[list[str], set[str]]:
    """What blocks Submit, as lines, and the keys to flag in the summary."""
    lines: list[str] = []
    gaps = missing(form.spec, form.answers, form.slots)
    slots = [n for n in gaps if isinstance(n, FileSlot)]
    others = [n for n in gaps if not isinstance(n, FileSlot)]
    sep = form.ctx.t("forms.sep")
    if others:
        names = sep.join(form.label(n.key, n.label) for n in others)
        lines.append(form.ctx.t("forms.missing_answers", names=names))
    if slots:
        names = sep.join(form.label(n.key, n.label) for n in slots)
        lines.append(form.ctx.t("forms.missing_files", names=names))
    issues = form.spec.issues(form.answers, form.ctx.now().date())
    lines += [issue_line(form, i.article, i.text.text(form.ctx.texts.lang)) for i in issues]
    lines += await form.flow.blockers(form)
    return lines, {n.key for n in gaps} | {i.key for i in issues}


def issue_line(form: FormSession, article: str, text: str) -> str:
    label = article_label(article, form.ctx.texts.lang)
    return form.ctx.t("forms.issue", article=label, text=text)


async def summary_screen(form: FormSession, note: str | None = None) -> tuple[str, Keyboard]:
    nodes = visible_nodes(form.spec, form.answers)
    blocking, flagged = await problems(form)
    flagged |= await form.flow.marked(form)
    parts = [note] if note else []
    parts.append(form.ctx.t("forms.summary_title"))
    parts += _lines(form, nodes, flagged)
    edits = [form.raw_btn(f"✏️ {n}", f"e:{node.key}") for n, node in enumerate(nodes, 1)]
    closing: list[Btn] = [form.btn("forms.back", "back")]
    if blocking:
        parts += ["", form.ctx.t("forms.blocked"), *blocking]
    else:
        parts += ["", form.ctx.t("forms.ready")]
        closing.insert(0, form.btn("forms.submit", "submit"))
    return "\n".join(parts), stack(rows(edits, per_row=6), rows(closing, per_row=2))


def confirm_screen(form: FormSession) -> tuple[str, Keyboard]:
    buttons = [form.btn("forms.confirm", "confirm"), form.btn("forms.back", "back")]
    return form.ctx.t("forms.confirm_text"), rows(buttons)
