"""The status rule of /methodology/, one test per branch."""

import datetime as dt

import pytest

from generator.compute import agrees, computed_status, pace
from generator.model import Status, Target, Task

YEAR = 2021
JUNE = dt.date(2021, 6, 30)  # pace 180/364 ≈ 49.5%


def task(*targets: Target, due: dt.date | None = None) -> Task:
    return Task(id="1-1-1", title="t", text="t", targets=list(targets), due=due)


TOILETS = Target(metric="改厕", value=2000, unit="座")
JOBS = Target(metric="新增就业", value=3000, unit="人")
JOBLESS = Target(metric="登记失业率", value=3.5, unit="%", comparator="at_most")


def test_pace_is_elapsed_share_of_span():
    t = task(TOILETS)
    assert pace(t, YEAR, dt.date(2021, 1, 1)) == 0
    assert pace(t, YEAR, JUNE) == pytest.approx(180 / 364)
    assert pace(t, YEAR, dt.date(2022, 3, 1)) == 1


def test_pace_uses_start_and_due():
    t = Task(id="1-1-1", title="t", text="t", start=dt.date(2021, 7, 1), due=dt.date(2021, 9, 30))
    assert pace(t, YEAR, JUNE) == 0
    assert pace(t, YEAR, dt.date(2021, 8, 15)) == pytest.approx(45 / 91)


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ({"改厕": 1200}, Status.ahead),  # 60% ≥ 49.5% + 5
        ({"改厕": 950}, Status.on_pace),  # 47.5% within 5 points
        ({"改厕": 600}, Status.behind),  # 30%
        ({"改厕": 2000}, Status.done),
        ({"改厕": 2500}, Status.done),
        ({"改厕": 0}, Status.not_started),
    ],
)
def test_floor_target_against_pace(actual, expected):
    assert computed_status(task(TOILETS), actual, YEAR, JUNE) == expected


def test_no_numbers_gives_no_computed_status():
    assert computed_status(task(), {"改厕": 1}, YEAR, JUNE) is None
    assert computed_status(task(TOILETS), {}, YEAR, JUNE) is None


def test_slowest_target_decides():
    assert computed_status(task(TOILETS, JOBS), {"改厕": 2000, "新增就业": 600}, YEAR, JUNE) == Status.behind


def test_missing_metric_counts_as_zero():
    assert computed_status(task(TOILETS, JOBS), {"改厕": 2000}, YEAR, JUNE) == Status.not_started


def test_ceiling_kept_before_due_is_on_pace_not_done():
    assert computed_status(task(JOBLESS), {"登记失业率": 3.2}, YEAR, JUNE) == Status.on_pace


def test_ceiling_kept_at_due_is_done():
    assert computed_status(task(JOBLESS), {"登记失业率": 3.2}, YEAR, dt.date(2021, 12, 31)) == Status.done


def test_ceiling_broken_is_behind():
    assert computed_status(task(JOBS, JOBLESS), {"新增就业": 3000, "登记失业率": 3.8}, YEAR, JUNE) == Status.behind


def test_ceiling_with_floor_uses_floor_share():
    both = task(JOBS, JOBLESS)
    assert computed_status(both, {"新增就业": 1800, "登记失业率": 3.1}, YEAR, JUNE) == Status.ahead


@pytest.mark.parametrize(
    ("typed", "computed", "ok"),
    [
        (Status.done, Status.done, True),
        (Status.done, Status.behind, False),
        (Status.in_progress, Status.behind, True),
        (Status.in_progress, Status.done, False),
        (Status.not_started, Status.ahead, False),
        (Status.changed, Status.behind, True),
    ],
)
def test_typed_status_must_agree(typed, computed, ok):
    assert agrees(typed, computed) is ok
