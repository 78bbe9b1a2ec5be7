"""Where a form stands: which questions apply, what comes next or before, what is missing.

Pure functions over the spec, the answers and the set of slots that hold files. An answer is
*given* when its key is in the answers (``None`` records a skipped optional field, or a file
slot left for later); a group is given once its list was closed with Done.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from policy.forms.spec import Answers, FileSlot, FormSpec, Group, Node


def visible_nodes(spec: FormSpec, answers: Answers) -> list[Node]:
    return [n for n in spec.nodes if n.visible(answers)]


def is_given(node: Node, answers: Answers, files: Collection[str]) -> bool:
    return node.key in answers or (isinstance(node, FileSlot) and node.key in files)


def item_complete(group: Group, item: Answers) -> bool:
    return all(item.get(f.key) is not None for f in group.fields if f.required)


def first_open(spec: FormSpec, answers: Answers, files: Collection[str]) -> Node | None:
    """The first applicable question not yet answered; None when the summary is next."""
    return next((n for n in visible_nodes(spec, answers) if not is_given(n, answers, files)), None)


def next_node(
    spec: FormSpec, answers: Answers, files: Collection[str], after: str, reviewing: bool
) -> Node | None:
    """What to ask after ``after``: in order at first; once reviewing (the summary was reached),
    the first question still needed and never answered nor put off (e.g. one an edit revealed),
    else None: back to the summary."""
    if reviewing:
        gaps = missing(spec, answers, files)
        return next((n for n in gaps if not is_given(n, answers, files)), None)
    keys = [n.key for n in spec.nodes]
    later = keys[keys.index(after) + 1 :] if after in keys else keys
    return next((n for n in visible_nodes(spec, answers) if n.key in later), None)


def previous_node(spec: FormSpec, answers: Answers, key: str) -> Node | None:
    shown = visible_nodes(spec, answers)
    keys = [n.key for n in spec.nodes]
    before = keys[: keys.index(key)] if key in keys else []
    earlier = [n for n in shown if n.key in before]
    return earlier[-1] if earlier else None


def question_count(spec: FormSpec, answers: Answers) -> int:
    """How many questions the form asks, given these answers: the one number the intro ("共 38
    项"), the counter ("第 5/38 项") and /status show. It changes only when an answer makes a
    conditional question apply (or no longer apply), and the walker says so when it does."""
    return len(visible_nodes(spec, answers))


def progress(spec: FormSpec, answers: Answers, key: str) -> tuple[int, int]:
    """(position, total) among the applicable questions, for "第 5/38 项"."""
    shown = [n.key for n in visible_nodes(spec, answers)]
    total = question_count(spec, answers)
    return (shown.index(key) + 1 if key in shown else total, total)


def missing(spec: FormSpec, answers: Answers, files: Collection[str]) -> list[Node]:
    """Applicable questions whose answer is still needed before Submit."""
    return [n for n in visible_nodes(spec, answers) if not _complete(n, answers, files)]


def _complete(node: Node, answers: Answers, files: Collection[str]) -> bool:
    if isinstance(node, FileSlot):
        return not node.required or node.key in files
    if isinstance(node, Group):
        items = answers.get(node.key) or []
        return len(items) >= node.min_items and all(item_complete(node, i) for i in items)
    return not node.required or answers.get(node.key) is not None


def snapshot(spec: FormSpec, answers: Answers) -> dict[str, Any]:
    """The answers to submit: applicable fields and groups only (files travel separately)."""
    return {
        n.key: answers.get(n.key)
        for n in visible_nodes(spec, answers)
        if not isinstance(n, FileSlot) and n.key in answers
    }
