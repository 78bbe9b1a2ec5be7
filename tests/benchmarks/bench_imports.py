"""Importing the agency's studio list: 100,000 rows, and every hostile file of issue 15.

Each measurement runs in a fresh child process (`python -m tests.benchmarks.bench_imports
measure KIND FILE`), so its peak RSS (VmHWM) is its own and not the builder's; CPU time is
printed beside wall time, since the machine is shared. For the
100,000-row list it prints the package check, the streamed parse of every row, and the import
into a fresh SQLite database; for each hostile file, how long until it was refused and why.
"""

from __future__ import annotations

import asyncio
import io
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from storage.db import create_engine, session_factory
from storage.imports.limits import ImportLimits
from storage.imports.package_check import check_workbook
from storage.imports.studios_xlsx import RowError, import_studios, iter_studios
from storage.repos.studios import StudiosRepo
from storage.uow import UnitOfWork
from tests.benchmarks.common import scratch_database
from tests.storage import hostile_workbooks as hostile

TODAY = date(2027, 3, 1)
ROWS = 100_000


def _peak_mb() -> float:
    """This process's peak RSS (VmHWM): ru_maxrss would carry the parent's over fork and exec."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def million_rows() -> bytes:
    """The adversarial run's sheet: 1,048,575 one-cell rows, written straight as XML."""
    out = io.BytesIO()
    base = hostile.studio_list(1)
    with (
        zipfile.ZipFile(io.BytesIO(base)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            if info.filename != hostile.SHEET:
                target.writestr(info.filename, source.read(info))
        with target.open(hostile.SHEET, "w") as sheet:
            sheet.write(f'<worksheet xmlns="{hostile.MAIN_NS}"><sheetData>'.encode())
            for n in range(1, 1_048_576):
                sheet.write(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (n, n))
            sheet.write(b"</sheetData></worksheet>")
    return out.getvalue()


HOSTILE: dict[str, Callable[[], bytes]] = {
    "chartsheet only": hostile.chartsheet_only,
    "billion laughs": hostile.billion_laughs,
    "XXE": hostile.xxe,
    "xlsm (vbaProject.bin)": hostile.xlsm,
    "external link": hostile.external_link,
    "300 MB cell": lambda: hostile.huge_cell(300_000_000),
    "40,000-char cell, low ratio": lambda: hostile.huge_cell(40_000),
    "1,048,575 rows": million_rows,
    "sparse row 1048576": lambda: hostile.sparse(1_048_576),
    "21 sheets": lambda: hostile.many_sheets(21),
}


async def _import(data: bytes) -> tuple[int, int, int]:
    async with scratch_database() as url:
        engine = create_engine(url)
        try:
            async with UnitOfWork(session_factory(engine)) as uow:
                items = iter_studios(data, TODAY, ImportLimits())
                report = await import_studios(uow.repo(StudiosRepo), items)
                await uow.commit()
        finally:
            await engine.dispose()
    return report.created, report.updated, len(report.errors)


def measure(kind: str, path: Path) -> None:
    """In the child: one measurement, printed as one line."""
    data = path.read_bytes()
    start = time.perf_counter()
    if kind == "check":
        check_workbook(data, ImportLimits(), 5)
        print(f"package check {time.perf_counter() - start:.2f} s", end="")
    elif kind == "parse":
        count = sum(
            1
            for item in iter_studios(data, TODAY, ImportLimits())
            if not isinstance(item, RowError)
        )
        print(f"parse {count:,} rows {time.perf_counter() - start:.2f} s", end="")
    elif kind == "import":
        created, _updated, errors = asyncio.run(_import(data))
        took = time.perf_counter() - start
        print(f"import into SQLite ({created:,} new, {errors} refused) {took:.2f} s", end="")
    else:
        [error] = list(iter_studios(data, TODAY, ImportLimits()))
        assert isinstance(error, RowError) and error.row == 0, error
        print(f"refused in {time.perf_counter() - start:.2f} s: {error.message_en}", end="")
    print(f" (CPU {_cpu():.2f} s in all), peak RSS {_peak_mb():.0f} MB", flush=True)


def _child(kind: str, path: Path) -> str:
    command = [sys.executable, "-m", "tests.benchmarks.bench_imports", "measure", kind, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return done.stdout.strip() or done.stderr.strip().splitlines()[-1]


async def run() -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "list.xlsx"
        start = time.perf_counter()
        path.write_bytes(hostile.studio_list(ROWS))
        size = path.stat().st_size
        print(
            f"  {ROWS:,}-row list: {size / 1024 / 1024:.1f} MB, built in "
            f"{time.perf_counter() - start:.1f} s",
            flush=True,
        )
        for kind in ("check", "parse", "import"):
            print(f"    {_child(kind, path)}", flush=True)
        for name, build in HOSTILE.items():
            path.write_bytes(build())
            size = path.stat().st_size
            print(f"  {name} ({size / 1024:,.0f} KB): {_child('refuse', path)}", flush=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["measure"]:
        measure(sys.argv[2], Path(sys.argv[3]))
    else:
        asyncio.run(run())
