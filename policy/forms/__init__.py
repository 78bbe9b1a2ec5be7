"""Declarative forms: what to ask, in what order, under which conditions, checked how.

The format (:mod:`policy.forms.spec`) is plain data; the walker in :mod:`handlers.forms` asks it
one question at a time and keeps every answer in a draft. Pure helpers:
:mod:`policy.forms.parse` (typed text or a pressed button → stored JSON value, or
:class:`~policy.validators.errors.FieldError`) and :mod:`policy.forms.walk` (which questions
apply, next / previous, progress, what is missing, the snapshot to submit).

Building blocks
---------------
* ``Field(key, Kind.X, required=True, when=None, choices=(), max_length=100, minimum=None,
  maximum=None, past_only=False, check=None, label=None)`` — one answer. ``Kind`` picks the
  parser: TEXT, LONG_TEXT, PERSON_NAME, ORGANISATION, ID_NUMBER, CREDIT_CODE, MOBILE,
  CERTIFICATE, COUNT, AMOUNT (CNY), AREA (m²), DATE, YEAR, CHOICE (``choices``, e.g.
  ``choices_of(Enum, label_fn)``), YES_NO, DIVISION (Zhengzhou only, 第二条). ``when`` is a
  predicate over the answers; ``check(value, answers)`` raises FieldError for cross-field rules.
* ``Group(key, fields, min_items=0, max_items=20, when=None)`` — a repeated group; its answer is
  a list of dicts of its fields (add / remove / done).
* ``FileSlot(key, required, multiple, accepts)`` or ``FileSlot.of(policy.attachments rule)``.
* ``Section(key, nodes)`` and ``FormSpec(name, sections, issues=rule)``. ``issues(answers,
  today)`` returns :class:`~policy.forms.spec.Issue` (key, article, text): each is shown when its
  field is answered and blocks Submit at the summary.

Texts live in ``services/messages/texts/<name>.<lang>.toml``: ``[<name>.s.<section>]``
``title``, and ``[<name>.f.<key>]`` ``label`` / ``prompt`` / ``example`` (group members under
``[<name>.f.<group>.<member>]``).

Example::

    from policy.forms import Field, FormSpec, Group, Kind, Section

    PLAN = FormSpec(
        "plan",
        (
            Section("targets", (
                Field("trainees", Kind.COUNT, minimum=0),
                Field("heritage_note", Kind.LONG_TEXT, required=False,
                      when=lambda a: a.get("sector") == "intangible_heritage"),
            )),
            Section("activities", (
                Group("seminars", (Field("title", Kind.TEXT), Field("on", Kind.DATE))),
            )),
        ),
    )
"""

from policy.forms.spec import (
    Answers,
    Choice,
    Field,
    FileSlot,
    FormSpec,
    Group,
    Issue,
    Kind,
    Node,
    Section,
    choices_of,
)

__all__ = [
    "Answers",
    "Choice",
    "Field",
    "FileSlot",
    "FormSpec",
    "Group",
    "Issue",
    "Kind",
    "Node",
    "Section",
    "choices_of",
]
