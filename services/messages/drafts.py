"""A draft's words, the same in the chat and on the Mini App's page: a form's labels and
section titles, the note a form opens with, what blocks Submit, the remarks on an answer, and
the receipt once it is handed in.

Texts are catalog HTML (values escaped); the page shows them as plain text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from policy.assessment import evaluate_year
from policy.forms.report import achieved_results
from policy.forms.spec import FormSpec, Node
from policy.forms.walk import question_count
from policy.i18n import Label
from policy.source import article_label
from services import studios
from services.decisions import ReturnNote
from services.drafts.opening import Closed, How, NotOpened, Opened
from services.drafts.problems import Barred, Duplicate, Problems, Remarks
from services.labels import field_names, kind_label
from services.messages.texts import Texts, catalog
from services.messages.verdict import shortfall_note, verdict_text
from services.revisions import OPENED_BY
from services.submissions import NotSubmitted, Refusal, Submitted
from storage.uow import UnitOfWork


class FormWords:
    """A form's own texts for one reader: ``<form>.f.<key>.label|prompt|example`` and
    ``<form>.s.<section>``, falling back to the spec's labels, then the key."""

    def __init__(self, texts: Texts, spec: FormSpec) -> None:
        self.texts = texts
        self.spec = spec

    def t(self, key: str, /, **values: object) -> str:
        return self.texts.get(key, **values)

    def path(self, key: str) -> str:
        """The catalog prefix of a node or group member (``key`` or ``group.member``)."""
        return f"{self.spec.name}.f.{key}"

    def text(self, path: str, part: str) -> str | None:
        """A node's catalog text (``label``, ``prompt``, ``example``), None where there is none."""
        key = f"{self.path(path)}.{part}"
        return self.texts.get(key) if key in catalog("zh") else None

    def label(self, path: str, fallback: Label | None = None) -> str:
        found = self.text(path, "label")
        if found is None and fallback is not None:
            return fallback.text(self.texts.lang)
        return found or path

    def section_title(self, key: str) -> str:
        path = f"{self.spec.name}.s.{key}"
        return self.texts.get(path) if path in catalog("zh") else key

    def names(self, nodes: tuple[Node, ...]) -> str:
        return self.t("forms.sep").join(self.label(n.key, n.label) for n in nodes)

    def issue_line(self, article: str, text: str) -> str:
        return self.t("forms.issue", article=article_label(article, self.texts.lang), text=text)

    def barred_line(self, barred: Barred) -> str:
        return self.t(f"application.barred_{barred.party}", until=barred.last_day.isoformat())

    def duplicate_line(self, found: Duplicate) -> str:
        receipt = found.receipt or self.t("application.no_receipt")
        return self.t(f"application.duplicate_{found.reason}", name=found.name, receipt=receipt)


def problem_lines(words: FormWords, found: Problems) -> list[str]:
    """What blocks Submit, one line each: missing answers, missing files, broken rules, a
    barred party, a duplicate."""
    lines: list[str] = []
    if found.missing:
        lines.append(words.t("forms.missing_answers", names=words.names(found.missing)))
    if found.missing_files:
        lines.append(words.t("forms.missing_files", names=words.names(found.missing_files)))
    lang = words.texts.lang
    lines += [words.issue_line(i.article, i.text.text(lang)) for i in found.issues]
    lines += [words.barred_line(b) for b in found.barred]
    if found.duplicate is not None:
        lines.append(words.duplicate_line(found.duplicate))
    return lines


def remark_lines(words: FormWords, said: Remarks) -> list[str]:
    lang = words.texts.lang
    lines = [words.issue_line(i.article, i.text.text(lang)) for i in said.issues]
    if said.barred is not None:
        lines.append(words.barred_line(said.barred))
    if (short := shortfall_note(words.texts, said.shortfalls)) is not None:
        lines.append(short)
    return lines


def returned_note(texts: Texts, kind: str, returned: ReturnNote) -> str:
    """What staff said when they returned the submission this form now revises."""
    return texts(
        "review.reopened",
        kind=kind_label(texts, kind),
        receipt=returned.receipt,
        reason=returned.reason or "—",
        fields=field_names(texts, kind, list(returned.fields)) or "—",
    )


def opened_note(texts: Texts, opened: Opened) -> str:
    """The note a form opens with: the return's reason, "resumed", a welcome, a new version."""
    form = opened.form
    kind = form.draft.kind
    if opened.how is How.REVISION and opened.returned is not None:
        return returned_note(texts, kind, opened.returned)
    if opened.how is How.RESUMED:
        return texts("forms.resumed")
    if opened.how is How.NEW_VERSION and opened.earlier is not None:
        return texts("annual.new_version", receipt=opened.earlier[0], version=opened.earlier[1])
    total = question_count(form.spec, form.answers)
    intro = texts("forms.intro", command=f"/{OPENED_BY.get(kind, kind)}", total=total)
    if opened.studio is None:
        return texts(f"{kind}.welcome") + "\n" + intro
    welcome = texts(f"annual.{kind}_welcome", studio=opened.studio, year=opened.year)
    return welcome + "\n" + intro


async def preliminary(
    uow: UnitOfWork, texts: Texts, studio_id: int, year: int, answers: Mapping[str, Any]
) -> str:
    """A report's verdict against the year's targets, the agency's own for a heritage studio."""
    targets = await studios.targets(uow, studio_id, year)
    return verdict_text(texts, evaluate_year(targets, achieved_results(answers)))


async def receipt(
    uow: UnitOfWork, texts: Texts, done: Submitted, answers: Mapping[str, Any], now: datetime
) -> str:
    """What the unit is told once the form is handed in, in the chat and on the page alike."""
    version = {"receipt": done.receipt, "version": done.version}
    if done.kind == "application":
        key = "application.resubmitted" if done.revised else "application.submitted"
        return texts(key, **version, when=now.strftime("%Y-%m-%d %H:%M"))
    filed = "revised" if done.revised else "filed"
    head = texts(f"annual.{done.kind}_{filed}", **version, year=done.year)
    if done.kind == "plan":
        return "\n".join([head, *([texts("annual.plan_late")] if done.late else [])])
    assert done.studio_id is not None
    return head + "\n\n" + await preliminary(uow, texts, done.studio_id, done.year, answers)


def refusal(texts: Texts, kind: str, refused: NotSubmitted) -> str:
    """Why the form was not handed in: for a plan or report, a studio no longer the user's
    to file for (its title revoked, say) is told as such."""
    if kind == "application":
        return texts("application.not_submitted")
    return texts("annual.no_studio" if refused.why is Refusal.NOT_YOURS else "annual.not_filed")


def closed_note(texts: Texts, refused: NotOpened) -> str:
    """Why the form did not open: not a studio of the user's, or a year not open now."""
    if refused.why is Closed.BAD_YEAR and refused.years is not None:
        return texts("annual.bad_year", first=refused.years[0], last=refused.years[-1])
    if refused.why is Closed.NO_STUDIO:
        return texts("annual.no_studio")
    return texts("web.not_a_form")


def confirm_text(texts: Texts, kind: str) -> str:
    """What handing in this form means: each kind has its own consequences."""
    own = f"forms.confirm_text_{kind}"
    return texts(own if texts.has(own) else "forms.confirm_text")
