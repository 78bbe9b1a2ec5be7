"""A province's worth of data, for the benchmarks at scale (issue 14).

`generate(url)` migrates the database (alembic upgrade head) and fills it with 10,000 studios,
100,000 users, 10,000 open drafts and 50,000 submissions with their versions and attachments'
metadata, bulk-inserted with SQLAlchemy Core (executemany), in seconds rather than hours.

Every answer is a VALID answer: each form's template is built from the catalog examples (the
same examples `tests/handlers/test_form_examples.py` checks) and from the buttons of choice
fields, each value passed through the field's own parser (`policy.forms.parse`); the template
must leave nothing missing and break no rule of the form (`FormSpec.issues`). Per row only names
vary, drawn from pools whose every entry passed the same parser.

Run: `python -m tests.benchmarks.datagen URL [--scale 0.1]`.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import html
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncConnection

from policy.categories import StudioCategory
from policy.divisions import Division
from policy.forms.application import APPLICATION
from policy.forms.parse import parse_button, parse_text
from policy.forms.plan import PLAN
from policy.forms.report import REPORT
from policy.forms.spec import Field, FileSlot, FormSpec, Group, Kind
from policy.forms.walk import missing, snapshot
from policy.states import StudioState, SubmissionStatus
from policy.support import support_period
from services.messages.texts import catalog
from storage import migrate
from storage.db import create_engine
from storage.models import (
    Attachment,
    Draft,
    ReceiptCounter,
    Studio,
    Submission,
    SubmissionVersion,
    User,
)
from storage.repos.submissions import RECEIPT_PREFIX, REVISION_SCOPE, receipt_number

FIRST_USER = 5_000_000_000
"""Telegram-sized ids, far from those the benchmarks' simulated users take."""
TODAY = date(2027, 1, 10)
CHUNK = 5_000
REASON = "材料不全，请补充"
S = SubmissionStatus

MIME = {
    "pdf": ("application/pdf", ".pdf"),
    "jpeg": ("image/jpeg", ".jpg"),
    "png": ("image/png", ".png"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".docx",
    ),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
}


@dataclass(frozen=True, slots=True)
class Scale:
    studios: int = 10_000
    users: int = 100_000
    drafts: int = 10_000
    submissions: int = 50_000

    def times(self, factor: float) -> Scale:
        return Scale(*(max(1, round(n * factor)) for n in self.counts()))

    def counts(self) -> tuple[int, int, int, int]:
        return (self.studios, self.users, self.drafts, self.submissions)


@dataclass
class Generated:
    """What went in, and how long it took."""

    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    open_submissions: int = 0
    multi_version_ids: list[int] = field(default_factory=list)
    contacts: list[int] = field(default_factory=list)
    draft_owners: list[int] = field(default_factory=list)


# --- valid answers --------------------------------------------------------------------------


def _example(spec: FormSpec, path: str) -> str | None:
    text = catalog("zh").get(f"{spec.name}.f.{path}.example")
    return html.unescape(text) if text else None


FALLBACK: dict[Kind, str] = {
    Kind.TEXT: "数控加工工艺改进",
    Kind.LONG_TEXT: "围绕关键工序开展技术攻关，带徒传技，总结推广先进操作法。",
    Kind.PERSON_NAME: "李四",
    Kind.ORGANISATION: "郑州精密机械有限公司",
    Kind.COUNT: "3",
    Kind.AMOUNT: "50000",
    Kind.AREA: "120",
    Kind.DATE: "2024-05-01",
    Kind.YEAR: "2026",
}


def _value(spec: FormSpec, path: str, f: Field, answers: dict[str, Any]) -> Any:
    """The stored value of a field's example (or a plain fallback), through its own parser."""
    if f.options():
        return parse_button(f, f.options()[0].value, answers)
    typed = _example(spec, path) or FALLBACK.get(f.kind)
    if typed is None:
        raise LookupError(f"{spec.name}.{path}: no example to seed a valid answer from")
    return parse_text(f, typed, TODAY, answers)


def _file(slot: str, kind: str, n: int) -> dict[str, Any]:
    mime, ext = MIME.get(kind, MIME["pdf"])
    digest = hashlib.sha256(f"{slot}{n}".encode()).hexdigest()
    return {
        "slot": slot,
        "file_id": f"BQACAgUAAxkBAAI{digest[:40]}",
        "file_unique_id": f"AgAD{digest[40:56]}",
        "file_name": f"{slot}_{n}{ext}",
        "mime_type": mime,
        "size": 40_000 + n % 900_000,
        "sha256": digest,
    }


@dataclass(frozen=True, slots=True)
class Template:
    """A complete, valid set of answers for one form, and its files' slots."""

    spec: FormSpec
    answers: dict[str, Any]
    slots: tuple[tuple[str, str], ...]  # (slot, file kind)
    order: tuple[str, ...]  # keys in the order the walker asks them

    def files(self, n: int) -> list[dict[str, Any]]:
        return [_file(slot, kind, n) for slot, kind in self.slots]


def template(spec: FormSpec) -> Template:
    answers: dict[str, Any] = {}
    slots: list[tuple[str, str]] = []
    order: list[str] = []
    for node in spec.nodes:
        if not node.visible(answers):
            continue
        order.append(node.key)
        if isinstance(node, Field):
            if node.required or _example(spec, node.key):
                answers[node.key] = _value(spec, node.key, node, answers)
        elif isinstance(node, Group):
            items = []
            for _ in range(max(1, node.min_items)):
                item: dict[str, Any] = {}
                for f in node.fields:
                    item[f.key] = _value(spec, f"{node.key}.{f.key}", f, item)
                items.append(item)
            answers[node.key] = items
        elif isinstance(node, FileSlot) and node.required:
            kind = "pdf" if any(str(a) == "pdf" for a in node.accepts) else str(min(node.accepts))
            slots.append((node.key, kind))
    answers = snapshot(spec, answers)
    left = missing(spec, answers, {slot for slot, _ in slots})
    issues = spec.issues(answers, TODAY)
    if left or issues:
        raise ValueError(f"{spec.name}: template not complete: {left} {issues}")
    return Template(spec, answers, tuple(slots), tuple(order))


def _pool(spec: FormSpec, key: str, candidates: Sequence[str]) -> list[Any]:
    """Only candidates that the field's own parser accepts."""
    node = spec.node(key)
    assert isinstance(node, Field)
    good = []
    for typed in candidates:
        try:
            good.append(parse_text(node, typed, TODAY, {}))
        except ValueError:
            continue
    if not good:
        raise ValueError(f"no valid value for {spec.name}.{key}")
    return good


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = [
    "伟",
    "芳",
    "娜",
    "秀英",
    "敏",
    "静",
    "丽",
    "强",
    "磊",
    "军",
    "洋",
    "勇",
    "艳",
    "杰",
    "涛",
]
TRADES = ["数控车工", "焊工", "钳工", "电工", "汝瓷", "烹饪", "美发", "汽车维修", "模具", "钧瓷"]
PLACES = ["郑州", "中原", "二七", "金水", "管城", "惠济", "巩义", "新郑", "登封", "荥阳"]
UNIT_KINDS = ["机械有限公司", "职业技术学院", "技师学院", "工艺美术厂", "汽车服务有限公司"]


@dataclass(frozen=True, slots=True)
class Pools:
    studio_names: list[Any]
    person_names: list[Any]
    units: list[Any]


def pools() -> Pools:
    studios = [f"{p}{t}技能大师工作室" for p in PLACES for t in TRADES]
    people = [s + g for s in SURNAMES for g in GIVEN]
    units = [f"{p}{t}{k}" for p in PLACES for t in TRADES[:4] for k in UNIT_KINDS]
    return Pools(
        _pool(APPLICATION, "studio_name", studios),
        _pool(APPLICATION, "master_name", people),
        _pool(APPLICATION, "unit_name", units),
    )


# --- rows -----------------------------------------------------------------------------------


def _at(day: date, minute: int) -> datetime:
    return datetime(day.year, day.month, day.day, 1, 0, tzinfo=UTC) + timedelta(minutes=minute)


def _users(scale: Scale, rng: random.Random, pool: Pools) -> Iterator[dict[str, Any]]:
    for i in range(scale.users):
        lang = "zh" if i % 10 else "en"
        yield {
            "id": FIRST_USER + i,
            "first_name": str(pool.person_names[i % len(pool.person_names)]),
            "username": f"user{i}" if i % 3 == 0 else None,
            "telegram_language": "zh-hans" if lang == "zh" else "en",
            "language": lang if i % 4 == 0 else None,
            "is_staff": False,
            "created_at": _at(date(2024, 1, 1), rng.randrange(0, 1_000_000)),
            "seen_at": _at(date(2026, 6, 1), rng.randrange(0, 300_000)),
        }


def _studio_status(i: int, ends: date) -> str:
    if i % 97 == 0:
        return StudioState.REVOKED
    if i % 89 == 0:
        return StudioState.WITHDRAWN
    if i % 53 == 0:
        return StudioState.FLAGGED
    return StudioState.ACTIVE if ends >= TODAY else StudioState.SUPPORT_ENDED


def _studios(scale: Scale, rng: random.Random, pool: Pools) -> list[dict[str, Any]]:
    categories, divisions = list(StudioCategory), list(Division)
    rows = []
    for i in range(scale.studios):
        approved = date(2021, 6, 1) + timedelta(days=rng.randrange(0, 5 * 365))
        ends = support_period(approved).end
        bound = i % 10 != 9  # one studio in ten has no contact bound yet
        master = _master(scale, i)
        rows.append(
            {
                "id": i + 1,
                "name": str(pool.studio_names[i % len(pool.studio_names)])[:-5] + f"{i}号工作室",
                "category": categories[i % len(categories)].value,
                "sector": None,
                "leader_name": str(pool.person_names[(i * 7) % len(pool.person_names)]),
                "leader_id_number": None,
                "unit_name": str(pool.units[i % len(pool.units)]),
                "unit_credit_code": None,
                "division": divisions[i % len(divisions)].value,
                "approved_on": approved,
                "support_ends_on": ends,
                "construction_cap": 150_000 if i % 3 else 100_000,
                "intangible_heritage": i % 3 == 1 and i % 7 == 0,
                "contact_user_id": FIRST_USER + i if bound else None,
                "master_user_id": master,
                "application_id": None,
                "source": "import" if i % 2 else "bot",
                "status": _studio_status(i + 1, ends),
                "created_at": _at(approved, 600),
            }
        )
    return rows


def _master(scale: Scale, i: int) -> int | None:
    """Six masters in ten have bound their account; one of those is also the studio's contact
    (one reminder for both), the others are users of their own."""
    if i % 10 >= 6:
        return None
    return FIRST_USER + i if i % 10 == 0 else FIRST_USER + scale.studios + i


@dataclass
class Built:
    submissions: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    returned: list[dict[str, Any]] = field(default_factory=list)  # the submissions rows
    counters: dict[int, int] = field(default_factory=dict)


def _status(rng: random.Random, open_share: float) -> SubmissionStatus:
    roll = rng.random()
    if roll < open_share:
        return S.SUBMITTED
    if roll < open_share + 0.06:
        return S.RETURNED
    if roll < open_share + 0.10:
        return S.REJECTED
    return S.APPROVED


def _version_answers(base: dict[str, Any], version: int, last: int) -> dict[str, Any]:
    """Earlier versions differ from the last in one answer: the diff staff see."""
    if version == last:
        return base
    changed = dict(base)
    for key, value in base.items():
        if isinstance(value, str) and not value.isascii():
            changed[key] = value + f"（第{version}版）"
            break
    return changed


def _add(
    built: Built,
    rng: random.Random,
    tpl: Template,
    answers: dict[str, Any],
    row: dict[str, Any],
    n: int,
) -> None:
    sid = len(built.submissions) + 1
    year = row["year"]
    built.counters[year] = built.counters.get(year, 0) + 1
    roll = rng.random()
    last = 1 if roll < 0.75 else 2 if roll < 0.95 else 3
    created = row.pop("created")
    updated = created + timedelta(days=14 * (last - 1), minutes=rng.randrange(0, 600))
    decided = row["status"] != S.SUBMITTED
    row |= {
        "id": sid,
        "receipt_no": receipt_number(year, built.counters[year]),
        "version": last,
        "late": False,
        "created_at": created,
        "updated_at": updated + timedelta(days=3) if decided else updated,
        "decided_by": 9001 if decided else None,
        "decided_at": updated + timedelta(days=3) if decided else None,
        "decision_reason": "材料不全，请补充"
        if row["status"] in (S.RETURNED, S.REJECTED)
        else None,
        "fields_to_fix": [tpl.order[0]] if row["status"] == S.RETURNED else None,
    }
    built.submissions.append(row)
    if row["status"] == S.RETURNED:
        built.returned.append(row)
    for version in range(1, last + 1):
        built.versions.append(
            {
                "submission_id": sid,
                "version": version,
                "answers": _version_answers(answers, version, last),
                "attachments": tpl.files(n * 3 + version),
                "submitted_by": row["owner_id"],
                "submitted_at": created + timedelta(days=14 * (version - 1)),
            }
        )


def _submissions(
    scale: Scale,
    rng: random.Random,
    pool: Pools,
    studios: list[dict[str, Any]],
    tpls: dict[str, Template],
) -> Built:
    """Plans and reports of 2025 and 2026 for the studios that owe them, applications beside."""
    built = Built()
    annual_budget = int(scale.submissions * 0.72)
    holding = [s for s in studios if s["status"] != StudioState.REVOKED and s["contact_user_id"]]
    n = 0
    for year in (2025, 2026):
        for kind in ("plan", "report"):
            for s in holding:
                if n >= annual_budget or s["approved_on"].year >= year:
                    continue
                tpl = tpls[kind]
                created = _at(date(year, 1, 5) if kind == "plan" else date(year, 11, 20), n % 5000)
                row = {
                    "kind": kind,
                    "owner_id": s["contact_user_id"],
                    "studio_id": s["id"],
                    "year": year,
                    "status": _status(rng, 0.08 if year == 2026 else 0.01),
                    "title": f"{s['name']} · {year}",
                    "category": s["category"],
                    "division": s["division"],
                    "created": created,
                }
                _add(built, rng, tpl, tpl.answers, row, n)
                n += 1
    app = tpls["application"]
    divisions, categories = list(Division), list(StudioCategory)
    while len(built.submissions) < scale.submissions:
        i = len(built.submissions)
        answers = dict(app.answers)
        answers["studio_name"] = pool.studio_names[i % len(pool.studio_names)]
        answers["master_name"] = pool.person_names[i % len(pool.person_names)]
        answers["unit_name"] = pool.units[i % len(pool.units)]
        answers["category"] = categories[i % len(categories)].value
        answers["division"] = divisions[i % len(divisions)].value
        year = 2025 + i % 3
        row = {
            "kind": "application",
            "owner_id": FIRST_USER + scale.studios + (i * 13) % (scale.users - scale.studios),
            "studio_id": None,
            "year": year,
            "status": _status(rng, 0.35 if year == 2027 else 0.05),
            "title": answers["studio_name"],
            "category": answers["category"],
            "division": answers["division"],
            "created": _at(date(year - 1, 11, 1), rng.randrange(0, 100_000)),
        }
        if APPLICATION.issues(answers, TODAY):
            raise ValueError("a varied application broke a rule of the form")
        _add(built, rng, app, answers, row, i)
    return built


def _drafts(
    scale: Scale, rng: random.Random, built: Built, tpls: dict[str, Template]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A revision draft for every returned submission, then half-filled first applications."""
    drafts: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    versions = {(v["submission_id"], v["version"]): v for v in built.versions}
    for sub in built.returned[: scale.drafts]:
        latest = versions[(sub["id"], sub["version"])]
        did = len(drafts) + 1
        drafts.append(
            {
                "id": did,
                "owner_id": sub["owner_id"],
                "kind": sub["kind"],
                "scope": REVISION_SCOPE.format(sub["id"]),
                "answers": latest["answers"],
                "cursor": "summary",
                "submission_id": sub["id"],
                "created_at": sub["decided_at"],
                "updated_at": sub["decided_at"],
                "nudged_at": None,
                "reviewing": True,
            }
        )
        for record in latest["attachments"]:
            files.append(_attachment(did, sub["owner_id"], record, sub["decided_at"]))
    owners = {d["owner_id"] for d in drafts}
    app = tpls["application"]
    candidate = FIRST_USER + scale.studios
    while len(drafts) < scale.drafts:
        candidate += 1
        if candidate in owners:
            continue
        did = len(drafts) + 1
        upto = rng.randrange(1, len(app.order))
        answered = {k: v for k, v in app.answers.items() if k in app.order[:upto]}
        touched = _at(TODAY - timedelta(days=rng.randrange(0, 30)), rng.randrange(0, 1400))
        drafts.append(
            {
                "id": did,
                "owner_id": candidate,
                "kind": "application",
                "scope": "",
                "answers": answered,
                "cursor": app.order[upto],
                "submission_id": None,
                "created_at": touched - timedelta(days=2),
                "updated_at": touched,
                "nudged_at": None,
                "reviewing": False,
            }
        )
        for record in app.files(did)[: rng.randrange(0, len(app.slots) + 1)]:
            files.append(_attachment(did, candidate, record, touched))
    return drafts, files


def _attachment(draft_id: int, owner: int, record: dict[str, Any], at: datetime) -> dict[str, Any]:
    return {"draft_id": draft_id, "uploaded_by": owner, "uploaded_at": at, **record}


async def _insert(conn: AsyncConnection, table: Table, rows: Sequence[dict[str, Any]]) -> int:
    for start in range(0, len(rows), CHUNK):
        await conn.execute(insert(table), list(rows[start : start + CHUNK]))
    return len(rows)


async def _reset_sequences(conn: AsyncConnection) -> None:
    """Ids were given explicitly: PostgreSQL's sequences must continue after them."""
    if conn.dialect.name != "postgresql":
        return
    for table in ("studios", "submissions", "submission_versions", "drafts", "attachments"):
        await conn.exec_driver_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
        )


async def generate(url: str, scale: Scale | None = None, seed: int = 14) -> Generated:
    """Migrate ``url`` to head and fill it; the database must be empty."""
    scale = scale or Scale()
    started = time.perf_counter()
    await migrate.upgrade(url)
    rng = random.Random(seed)
    pool = pools()
    tpls = {spec.name: template(spec) for spec in (APPLICATION, PLAN, REPORT)}
    users = list(_users(scale, rng, pool))
    studios = _studios(scale, rng, pool)
    built = _submissions(scale, rng, pool, studios, tpls)
    approved_apps = [
        s["id"]
        for s in built.submissions
        if s["kind"] == "application" and s["status"] == S.APPROVED
    ]
    for studio, app_id in zip(studios, approved_apps, strict=False):
        if studio["source"] == "bot":
            studio["application_id"] = app_id
    drafts, files = _drafts(scale, rng, built, tpls)
    counters = [
        {"prefix": RECEIPT_PREFIX, "year": year, "last": last}
        for year, last in built.counters.items()
    ]
    out = Generated()
    engine = create_engine(url)
    try:
        async with engine.begin() as conn:
            out.rows["users"] = await _insert(conn, User.__table__, users)  # type: ignore[arg-type]
            out.rows["studios"] = await _insert(conn, Studio.__table__, studios)  # type: ignore[arg-type]
            out.rows["submissions"] = await _insert(conn, Submission.__table__, built.submissions)  # type: ignore[arg-type]
            out.rows["submission_versions"] = await _insert(
                conn,
                SubmissionVersion.__table__,  # type: ignore[arg-type]
                built.versions,
            )
            out.rows["drafts"] = await _insert(conn, Draft.__table__, drafts)  # type: ignore[arg-type]
            out.rows["attachments"] = await _insert(conn, Attachment.__table__, files)  # type: ignore[arg-type]
            await _insert(conn, ReceiptCounter.__table__, counters)  # type: ignore[arg-type]
            await _reset_sequences(conn)
        # as autovacuum would have by then: planner statistics, and on PostgreSQL the
        # visibility map that lets the covering indexes answer without the table
        async with engine.connect() as conn:
            auto = await conn.execution_options(isolation_level="AUTOCOMMIT")
            vacuum = "VACUUM ANALYZE" if conn.dialect.name == "postgresql" else "ANALYZE"
            await auto.exec_driver_sql(vacuum)
    finally:
        await engine.dispose()
    out.seconds = time.perf_counter() - started
    out.open_submissions = sum(1 for s in built.submissions if s["status"] == S.SUBMITTED)
    out.multi_version_ids = [s["id"] for s in built.submissions if s["version"] > 1][:50]
    out.contacts = [s["contact_user_id"] for s in studios if s["contact_user_id"]]
    out.draft_owners = [d["owner_id"] for d in drafts]
    return out


def scaled(factor: float) -> Scale:
    return replace(Scale()).times(factor) if factor != 1 else Scale()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="SQLAlchemy URL of an empty database")
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = the issue's sizes")
    args = parser.parse_args()
    done = asyncio.run(generate(args.url, scaled(args.scale)))
    print(f"{done.rows} in {done.seconds:.1f} s; {done.open_submissions} open submissions")


if __name__ == "__main__":
    main()
