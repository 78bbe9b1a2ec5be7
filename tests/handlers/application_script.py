"""One complete studio application, step by step, shared by the flow, e2e and benchmark tests.

Each step names the question it answers (its catalog label must be on screen) and what the
unit contact does: type (`T`), press a button (`P`), or send a file (`F`) or a photo (`PHOTO`).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from emulator import SimUser
from services.messages.texts import catalog
from tests import samples
from tests.policy.forms_fixtures import a_credit_code, an_id_number

PDF = samples.pdf(pad=2048)
JPEG = samples.jpeg()
EXE = samples.exe()
xlsx = samples.xlsx


@dataclass(frozen=True)
class T:
    text: str


@dataclass(frozen=True)
class P:
    label: str


@dataclass(frozen=True)
class F:
    name: str
    content: bytes
    mime: str


@dataclass(frozen=True)
class PHOTO:
    content: bytes


Act = T | P | F | PHOTO
MASTER_ID = an_id_number()
CREDIT_CODE = a_credit_code()

STEPS: list[tuple[str, list[Act]]] = [
    ("studio_name", [T("星光数控技能大师工作室")]),
    ("category", [P("现代技术类")]),
    ("sector", [P("战略新兴产业")]),
    ("master_name", [T("张三")]),
    ("master_id", [T(MASTER_ID)]),
    ("master_mobile", [T("13800000000")]),
    ("master_trade", [T("数控车工")]),
    ("master_level", [P("技师（二级）")]),
    ("master_cert_no", [T("S2019-000123")]),
    ("master_title", [P("无技术职称")]),
    ("master_own_trade", [P("是")]),
    ("master_healthy", [P("是")]),
    ("master_daily_work", [P("是")]),
    ("master_r1", [P("是")]),
    ("master_r2", [P("否")]),
    ("master_r3", [P("否")]),
    ("master_apprentices", [T("25")]),
    ("honours", [P("添加一条"), T("郑州市技术能手"), T("2021"), P("跳过"), P("完成")]),
    ("unit_name", [T("郑州星光精密机械有限公司")]),
    ("unit_credit_code", [T(CREDIT_CODE)]),
    ("host_type", [P("科技和技能含量较高的大中型企业")]),
    ("division", [P("金水区")]),
    ("unit_address", [T("郑州市金水区星光路1号")]),
    ("legal_rep", [T("王五")]),
    ("contact_name", [T("赵六")]),
    ("contact_mobile", [T("13900000000")]),
    ("talents_3y", [T("36")]),
    ("unit_policies", [T("建立了技能人才培养、评价、使用和激励制度。")]),
    ("team", [P("添加一条"), T("李四"), T("数控铣工"), P("高级工（三级）"), P("完成")]),
    ("space_m2", [T("120")]),
    ("equipment", [P("添加一条"), T("五轴加工中心"), T("1"), T("85万"), P("完成")]),
    ("commit_funds", [T("20万")]),
    ("report", [F("申报报告.pdf", PDF, "application/pdf")]),
    ("plan", [F("实施方案.pdf", PDF, "application/pdf")]),
    ("equipment_list", [F("设备清单.xlsx", xlsx(), "application/vnd.ms-excel")]),
    ("experts", [F("专家名单.pdf", PDF, "application/pdf")]),
    ("certificates", [PHOTO(JPEG), P("上传完毕")]),
    ("unit_qualification", [F("营业执照.pdf", PDF, "application/pdf"), P("上传完毕")]),
    ("commitment", [F("承诺书.pdf", PDF, "application/pdf")]),
    ("other", [P("跳过")]),
]
KEYS = [key for key, _ in STEPS]


def steps_until(key: str) -> list[tuple[str, list[Act]]]:
    """The steps before question `key` (that question is then on screen)."""
    return STEPS[: KEYS.index(key)]


def steps_from(key: str) -> list[tuple[str, list[Act]]]:
    """The steps from question `key` (on screen now) to the summary."""
    return STEPS[KEYS.index(key) :]


async def play(user: SimUser, steps: list[tuple[str, list[Act]]] = STEPS) -> int:
    """Run steps as a simulated Telegram user through the emulator; returns the actions taken.

    Before each step the question's label must be in the last message the bot showed.
    """
    count = 0
    for key, actions in steps:
        shown = user.last.plain if user.last else ""
        wanted = catalog("zh")[f"application.f.{key}.label"]
        assert wanted in shown, f"expected {key}, got: {shown[:300]}"
        for action in actions:
            await _play(user, action)
            count += 1
    return count


async def _play(user: SimUser, action: Act) -> None:
    if isinstance(action, T):
        await user.ask(action.text)
    elif isinstance(action, P):
        await user.click(action.label)
    elif isinstance(action, F):
        await user.exchange(user.send_document(action.content, action.name, action.mime))
    else:
        await user.exchange(user.send_photo(action.content))


def steps_between(first: str, stop: str) -> list[tuple[str, list[Act]]]:
    """The steps from question `first` up to, not including, question `stop`."""
    return STEPS[KEYS.index(first) : KEYS.index(stop)]


SUMMARY_PAGE = re.compile(r"第 (\d+)/(\d+) 部分")


def _page_numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"(?m)^(\d+)\. ", text)]


Shown = Callable[[], str]
Press = Callable[[str], Awaitable[object]]


async def turn_to(shown: Shown, press: Press, n: int) -> None:
    """On the summary, turn to the page showing answer number `n`."""
    for _ in range(40):
        numbers = _page_numbers(shown())
        assert SUMMARY_PAGE.search(shown()), f"not on the summary: {shown()[:200]}"
        if n in numbers:
            return
        await press("◀ 上一部分" if numbers and min(numbers) > n else "下一部分 ▶")
    raise AssertionError(f"no summary page shows answer {n}")


async def open_answer(shown: Shown, press: Press, n: int) -> None:
    """From the summary, edit answer number `n`: turn to its page, open the page, press it."""
    await turn_to(shown, press, n)
    await press("✏️ 修改这一部分")
    await press(f"✏️ {n}.")


async def edit_answer(user: SimUser, n: int) -> None:
    """`open_answer` through the emulator."""
    await open_answer(lambda: user.last.plain if user.last else "", user.click, n)
