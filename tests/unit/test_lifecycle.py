"""The shared lifecycle table (`sync.common.lifecycle`): the one the counter's services check and the one
the provincial server checks pushed status changes against."""

from __future__ import annotations

import pytest

from desktop.core import actions as desktop_actions
from desktop.core import status as desktop_status
from sync.common.lifecycle import ACTIONS, BY_CODE, CODES, Status, step_allowed


def test_the_counter_and_the_server_read_one_table() -> None:
    assert desktop_actions.ACTIONS is ACTIONS and desktop_status.Status is Status
    assert desktop_status.NATIONAL_CODES is CODES
    assert [CODES[s] for s in Status] == list(range(1, 11)) and BY_CODE[10] is Status.RETURNED


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        ("handed_over", 2, 4),
        ("supplement_received", 5, 2),
        ("result_returned", 9, 10),
        ("rated", 10, 10),  # the status stays
        ("stopped", 5, 8),  # declined after review
        ("newer_kind", 4, 9),  # a kind this version does not know: any step of the table
        ("received", 1, 2),  # an online registration received at the counter
        ("corrected", 7, 4),  # a withdrawal undone
        ("corrected", 10, 9),  # a return undone
    ],
)
def test_steps_of_the_rule_book_are_allowed(kind: str, before: int, after: int) -> None:
    assert step_allowed(kind, BY_CODE[before], BY_CODE[after])


@pytest.mark.parametrize(
    ("kind", "before", "after"),
    [
        ("result_returned", 10, 1),  # backwards, the finding
        ("handed_over", 4, 2),  # a step back that only a correction may make
        ("result_ready", 2, 9),  # skipping processing
        ("rated", 9, 10),  # a step of the table, but not the one a rating records
        ("handed_over", 4, 5),
        ("received", 3, 2),  # a refused dossier received again
        ("corrected", 10, 2),  # a correction reverses one step, not the whole history
    ],
)
def test_other_status_changes_are_refused(kind: str, before: int, after: int) -> None:
    assert not step_allowed(kind, BY_CODE[before], BY_CODE[after])
