"""The states of the programme are policy's enums: no layer above spells them as bare strings.

A status written as ``"returned"`` in a comparison or an assignment silently breaks when the
state machine changes; ``SubmissionStatus.RETURNED`` does not. The check looks at the places a
status is compared, stored or listed, so conversation keys, text-catalog keys and names that
merely look alike (a sweep called "returned", a conversation key "draft") are left alone.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from policy.states import StudioState, SubmissionStatus, SubsidyStatus

ROOT = Path(__file__).resolve().parents[2]
LAYERS = ("bot", "handlers", "scheduler", "storage")
VALUES = frozenset(
    m.value for enum in (SubmissionStatus, StudioState, SubsidyStatus) for m in enum
)
COLLECTIONS = (ast.Tuple, ast.List, ast.Set)
COLLECTION_CALLS = frozenset({"frozenset", "set", "tuple", "list", "in_", "Literal"})


def _shallow(node: ast.AST | None) -> Iterator[ast.AST]:
    """The node, or the members of a literal collection, dict or collection call."""
    if node is None:
        return
    if isinstance(node, COLLECTIONS):
        yield from node.elts
    elif isinstance(node, ast.Dict):
        yield from (n for n in (*node.keys, *node.values) if n is not None)
    elif isinstance(node, ast.Call) and _name(node.func) in COLLECTION_CALLS:
        for arg in node.args:
            yield from _shallow(arg)
    elif isinstance(node, ast.Subscript) and _name(node.value) in COLLECTION_CALLS:
        yield from _shallow(node.slice)
    else:
        yield node


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _status_like(target: ast.AST) -> bool:
    name = _name(target)
    return "status" in name.lower() or (name.isupper() and len(name) > 1)


def _enum_members(tree: ast.AST) -> set[ast.AST]:
    """Assignments that define members of an enum (an enum of its own layer is fine)."""
    return {
        statement
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef) and any(_name(b).endswith("Enum") for b in node.bases)
        for statement in node.body
    }


def _suspects(tree: ast.AST) -> Iterator[ast.AST]:
    members = _enum_members(tree)
    for node in ast.walk(tree):
        if node in members:
            continue
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                yield from _shallow(operand)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(_status_like(t) for t in targets):
                deep = any("status" in _name(t).lower() for t in targets)
                yield from ast.walk(node.value) if deep and node.value else _shallow(node.value)
        elif isinstance(node, ast.keyword) and node.arg and "status" in node.arg.lower():
            yield from _shallow(node.value)
        elif isinstance(node, ast.Call) and _name(node.func) == "in_":
            yield from (n for arg in node.args for n in _shallow(arg))
        elif isinstance(node, ast.Subscript) and _name(node.value) == "Literal":
            yield from _shallow(node.slice)


def status_literals(source: str) -> list[str]:
    """Each bare status string in ``source`` as ``line: 'value'``."""
    found = {
        (node.lineno, node.value)
        for node in _suspects(ast.parse(source))
        if isinstance(node, ast.Constant) and node.value in VALUES
    }
    return [f"{line}: {value!r}" for line, value in sorted(found)]


@pytest.mark.parametrize(
    ("source", "found"),
    [
        ('if sub.status == "returned": pass', ["1: 'returned'"]),
        ('class Outbox(StrEnum):\n    CANCELLED = "cancelled"', []),
        ('ok = s.status in ("active", "flagged")', ["1: 'active'", "1: 'flagged'"]),
        ('studio.status = "flagged"', ["1: 'flagged'"]),
        ('Studio(source=s, status="active")', ["1: 'active'"]),
        ('OPEN_AGAIN = frozenset({"rejected"})', ["1: 'rejected'"]),
        ('status: str = mapped_column(String(16), default="booked")', ["1: 'booked'"]),
        ('q.where(Studio.status.in_(("revoked",)))', ["1: 'revoked'"]),
        ('Decision = Literal["approved", "returned"]', ["1: 'approved'", "1: 'returned'"]),
        ('LABELS = {"submitted": "待审核"}', ["1: 'submitted'"]),
        ('ctx.t("status.state.returned")', []),
        ('ctx.t(f"review.notice_{submission.status}")', []),
        ('conv.data.get("draft")', []),
        ('open(user, "form", "", {"draft": 1})', []),
        ('name: ClassVar[str] = "returned"', []),
        ('ALIASES = (Column("approved_on", "批准日期", ("approved",)),)', []),
        ("if sub.status == SubmissionStatus.RETURNED: pass", []),
    ],
)
def test_the_detector(source: str, found: list[str]) -> None:
    assert status_literals(source) == found


@pytest.mark.parametrize("layer", LAYERS)
def test_no_status_literal_outside_policy(layer: str) -> None:
    offenders = [
        f"{path.relative_to(ROOT)}:{hit}"
        for path in sorted((ROOT / layer).rglob("*.py"))
        for hit in status_literals(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
