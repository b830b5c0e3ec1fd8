"""The build's forked children (generator/background.py): same site as in one process, errors surface, no child left."""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from generator import background
from generator.site import generate
from tests.conftest import SHIXIAN


@pytest.fixture
def fork(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fork even though the test run has threads (Playwright's, once a browser test ran): the work here touches none."""
    monkeypatch.setattr(background, "_can_fork", lambda: True)


def test_work_runs_in_a_child(fork: None) -> None:
    assert background.start(os.getpid).result() != os.getpid()


def test_no_fork_beside_another_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert not background._can_fork()
        assert background.start(os.getpid).result() == os.getpid()
    finally:
        stop.set()
        other.join()


def test_forked_result_equals_the_work_done_here(fork: None) -> None:
    def work() -> dict[str, bytes]:
        return {f"f{i}": bytes(range(256)) * i for i in range(200)}

    assert background.start(work).result() == work()


def test_an_error_in_the_child_is_raised_by_result(fork: None) -> None:
    pending = background.start(lambda: 1 // 0)
    with pytest.raises(ZeroDivisionError):
        pending.result()


def test_a_child_that_dies_is_an_error_not_a_hang(fork: None) -> None:
    pending = background.start(lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(RuntimeError, match="后台进程意外退出"):
        pending.result()


def test_leaving_the_block_ends_the_child(fork: None) -> None:
    with background.start(lambda: time.sleep(60)) as pending:
        child = pending._child
        assert child is not None and child.is_alive()
    assert not child.is_alive()


def test_site_is_the_same_with_and_without_children(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages, files and their order: what the children make is what one process makes."""
    monkeypatch.setattr(background, "_can_fork", lambda: True)
    forked = generate(SHIXIAN)
    monkeypatch.setattr(background, "_can_fork", lambda: False)
    alone = generate(SHIXIAN)
    assert list(forked.pages) == list(alone.pages) and forked.pages == alone.pages
    assert list(forked.files) == list(alone.files) and forked.files == alone.files
    assert forked.search_words == alone.search_words and forked.fingerprints == alone.fingerprints


def test_a_yielding_child_runs_at_a_lower_priority(fork: None) -> None:
    assert background.start(lambda: os.nice(0), yielding=True).result() == os.nice(0) + 10
    assert background.start(lambda: os.nice(0)).result() == os.nice(0)


def test_the_reports_made_later_are_the_files_named_at_once() -> None:
    """The 督查通报 are named before they are made (MkDocs lists them), and the names hold."""
    site = generate(SHIXIAN)
    assert site.later.names and sorted(site.later.names) == sorted(site.later.files())
    assert all(name.endswith(("/report.docx", "/report.xlsx")) for name in site.later.names)
    assert not set(site.later.names) & set(site.ready)
