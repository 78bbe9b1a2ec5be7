"""Where the test suite's time goes: seconds per directory and the slowest files, from a JUnit
report (`pytest -n 4 --junitxml=report.xml`; each test's time counts setup, call and teardown).

    .venv/bin/python -m tests.benchmarks.suite_durations report.xml [count]

prints seconds per directory, then the `count` (default 20) slowest files and tests.

Per-test seconds add up across xdist workers, so the total is worker time, not the run's wall
clock; on a loaded machine they grow with the load, so compare runs made at a similar load.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree


def cases(report: Path) -> Iterator[tuple[str, str, float]]:
    """(test file, test name, seconds) for every test case of the report."""
    for case in ElementTree.parse(report).iter("testcase"):
        parts = (case.get("classname") or "").split(".")
        module = [p for p in parts if not p[:1].isupper()]  # drop test classes
        yield "/".join(module) + ".py", case.get("name") or "", float(case.get("time") or 0.0)


def durations(report: Path) -> Iterator[tuple[str, float]]:
    """(test file, seconds) for every test case of the report."""
    for file, _, seconds in cases(report):
        yield file, seconds


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    files = int(argv[1]) if len(argv) > 1 else 20
    per_dir: Counter[str] = Counter()
    per_file: Counter[str] = Counter()
    tests: Counter[str] = Counter()
    for file, seconds in durations(Path(argv[0])):
        directory = file.rsplit("/", 1)[0]
        per_dir[directory] += seconds
        per_file[file] += seconds
        tests[directory] += 1
    print(f"{sum(tests.values())} tests, {sum(per_dir.values()):.0f} s of worker time")
    for directory, seconds in per_dir.most_common():
        print(f"  {directory:28} {tests[directory]:5} tests {seconds:8.1f} s")
    print(f"the {files} slowest files:")
    for file, seconds in per_file.most_common(files):
        print(f"  {file:58} {seconds:8.1f} s")
    print(f"the {files} slowest tests:")
    slowest = sorted(cases(Path(argv[0])), key=lambda case: case[2], reverse=True)[:files]
    for file, name, seconds in slowest:
        print(f"  {file.rsplit('/', 1)[-1]}::{name}"[:100].ljust(100) + f" {seconds:6.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
