"""The package's own rules: pure code, ASCII enum values, labels in both languages."""

import ast
import sys
from enum import StrEnum
from pathlib import Path
from types import ModuleType

import pytest

import policy
from policy import (
    acceptance,
    assessment,
    categories,
    divisions,
    duplicates,
    eligibility,
    filing,
    hosts,
    money,
    qualifications,
    revocation,
    sectors,
    studio_status,
    submission_status,
)
from policy.i18n import LANGS
from policy.source import ART_4, article_label
from policy.validators import id_number

PACKAGE = Path(policy.__file__).parent
SOURCES = sorted(PACKAGE.rglob("*.py"))
ALLOWED_THIRD_PARTY = {
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "typing_extensions",
    "defusedxml",  # parses XML held in memory, with DTDs and entities refused
}
IN_MEMORY = {"io": {"BytesIO"}}
"""Names of I/O modules that touch no file, socket or clock: bytes already in memory."""
IO_MODULES = {
    "asyncio",
    "http",
    "io",
    "logging",
    "os",
    "pathlib",
    "shutil",
    "socket",
    "sqlite3",
    "subprocess",
    "threading",
    "time",
    "urllib",
}
CLOCK_READS = {"now", "today", "utcnow", "time", "monotonic"}


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported = {alias.name for alias in node.names}
            if not imported <= IN_MEMORY.get(node.module, set()):
                names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for name in _imports(tree):
        stdlib = name in sys.stdlib_module_names or name == "__future__"
        assert name == "policy" or name in ALLOWED_THIRD_PARTY or stdlib, name
        assert name not in IO_MODULES, name
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert not calls & CLOCK_READS, "dates and times are passed in, never read from the clock"


LABELLED: list[tuple[ModuleType, type[StrEnum]]] = [
    (qualifications, qualifications.QualificationLevel),
    (qualifications, qualifications.TechnicalTitle),
    (categories, categories.StudioCategory),
    (sectors, sectors.FocusSector),
    (hosts, hosts.HostType),
    (divisions, divisions.Division),
    (divisions, divisions.DivisionKind),
    (eligibility, eligibility.Verdict),
    (eligibility, eligibility.ConditionCode),
    (eligibility, eligibility.QuestionKey),
    (assessment, assessment.CheckCode),
    (revocation, revocation.RevocationGround),
    (submission_status, submission_status.SubmissionStatus),
    (studio_status, studio_status.StudioState),
    (money, money.SubsidyStatus),
    (acceptance, acceptance.AcceptanceProblem),
    (duplicates, duplicates.DuplicateReason),
    (filing, filing.StudioRole),
    (id_number, id_number.Sex),
]


@pytest.mark.parametrize(("module", "enum"), LABELLED, ids=lambda x: getattr(x, "__name__", ""))
def test_enum_values_and_labels(module: ModuleType, enum: type[StrEnum]) -> None:
    for member in enum:
        assert member.value.isascii() and member.value.isprintable()
        assert len(member.value.encode()) <= 32, "leave room in 64-byte button payloads"
        texts = {lang: module.label(member, lang) for lang in LANGS}
        assert all(texts.values()), member
        assert texts["en"].isascii(), texts["en"]
    for lang in LANGS:
        labels = [module.label(m, lang) for m in enum]
        assert len(set(labels)) == len(labels), f"duplicate {lang} labels in {enum.__name__}"


def test_article_label() -> None:
    assert article_label(ART_4, "zh") == "第四条"
    assert article_label(ART_4, "en") == "Art. 4"
    assert article_label("附则", "en") == "附则"
