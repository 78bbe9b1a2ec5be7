"""Walking a spec: conditions, order, back, progress, what is missing, what is submitted."""

from __future__ import annotations

import pytest

from policy.attachments import FileType
from policy.forms.spec import Field, FileSlot, FormSpec, Group, Kind, Section
from policy.forms.walk import (
    first_open,
    is_given,
    missing,
    next_node,
    previous_node,
    progress,
    snapshot,
)

SPEC = FormSpec(
    "t",
    (
        Section(
            "a",
            (
                Field("kind", Kind.YES_NO),
                Field("pupils", Kind.COUNT, when=lambda a: a.get("kind") is True),
                Field("note", Kind.TEXT, required=False),
            ),
        ),
        Section(
            "b",
            (
                Group("team", (Field("name", Kind.TEXT), Field("x", Kind.TEXT, required=False))),
                FileSlot("report", True, False, frozenset({FileType.PDF})),
                FileSlot("other", False, True, frozenset({FileType.PDF})),
            ),
        ),
    ),
)


def _keys(nodes: list[object]) -> list[str]:
    return [getattr(n, "key", "?") for n in nodes]


def test_conditional_fields_are_skipped_and_counted_only_when_they_apply() -> None:
    no = {"kind": False}
    assert next_node(SPEC, no, set(), "kind", reviewing=False) == SPEC.node("note")
    assert progress(SPEC, no, "note") == (2, 5)
    yes = {"kind": True}
    assert next_node(SPEC, yes, set(), "kind", reviewing=False) == SPEC.node("pupils")
    assert progress(SPEC, yes, "note") == (3, 6)
    assert previous_node(SPEC, no, "note") == SPEC.node("kind")
    assert previous_node(SPEC, yes, "note") == SPEC.node("pupils")
    assert previous_node(SPEC, yes, "kind") is None


def test_reviewing_goes_to_the_first_needed_question_then_the_summary() -> None:
    answers: dict[str, object] = {"kind": False, "team": [{"name": "a"}]}
    assert next_node(SPEC, answers, {"report"}, "kind", reviewing=True) is None  # note: optional
    answers["kind"] = True  # an edit reveals a conditional field
    assert next_node(SPEC, answers, {"report"}, "kind", reviewing=True) == SPEC.node("pupils")
    answers |= {"pupils": 3, "report": None}  # a mandatory file put off stays put off
    assert next_node(SPEC, answers, set(), "kind", reviewing=True) is None
    assert first_open(SPEC, {}, set()) == SPEC.node("kind")


def test_the_last_question_leads_to_the_summary() -> None:
    assert next_node(SPEC, {}, set(), "other", reviewing=False) is None


def test_missing_lists_required_answers_incomplete_items_and_mandatory_files() -> None:
    answers = {"kind": True, "team": [{"name": "a"}, {"x": "half-filled"}]}
    assert _keys(missing(SPEC, answers, set())) == ["pupils", "team", "report"]
    answers |= {"pupils": 3, "team": [{"name": "a"}]}
    assert _keys(missing(SPEC, answers, {"report"})) == []


def test_a_skipped_answer_is_given_and_a_deferred_file_slot_too() -> None:
    assert is_given(SPEC.nodes[2], {"note": None}, set())
    assert is_given(SPEC.nodes[4], {}, {"report"})
    assert is_given(SPEC.nodes[4], {"report": None}, set())
    assert not is_given(SPEC.nodes[4], {}, set())


def test_snapshot_drops_hidden_answers_and_file_slots() -> None:
    answers = {"kind": False, "pupils": 30, "note": "<i>x</i>", "report": None}
    assert snapshot(SPEC, answers) == {"kind": False, "note": "<i>x</i>"}


@pytest.mark.parametrize("key", ["Bad", "has-dash", "x" * 25, "1st"])
def test_keys_must_fit_payloads_and_cursors(key: str) -> None:
    with pytest.raises(ValueError, match="keys"):
        FormSpec("t", (Section("s", (Field(key, Kind.TEXT),)),))


def test_keys_must_be_unique() -> None:
    with pytest.raises(ValueError, match="unique"):
        FormSpec("t", (Section("s", (Field("a", Kind.TEXT), Field("a", Kind.COUNT))),))
