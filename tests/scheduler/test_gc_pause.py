"""The collector is held off while sweeps run, however they interleave, and comes back after."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from scheduler.gc_pause import collector_paused


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def test_overlapping_holders_resume_the_collector_when_the_last_leaves(collector_on: None) -> None:
    first, second = collector_paused(), collector_paused()
    first.__enter__()
    second.__enter__()
    assert not gc.isenabled()
    first.__exit__(None, None, None)
    assert not gc.isenabled(), "the second sweep still runs"
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_failing_sweep_resumes_it_too(collector_on: None) -> None:
    with pytest.raises(RuntimeError), collector_paused():
        raise RuntimeError
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_process_stays_off(collector_on: None) -> None:
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()
    gc.enable()
