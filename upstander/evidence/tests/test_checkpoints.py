"""Signed checkpoints of the custody trails: a database writer's attacks on a custody trail, and how
`upstander evidence verify` now reports them (issue 10, item 4)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from upstander.evidence.adding import evidence_add_text
from upstander.evidence.custody import custody_append
from upstander.evidence.models import CustodyAction, CustodyEvent, EvidenceItem
from upstander.evidence.selectors import evidence_verify
from upstander.evidence.tests.helpers import run_command
from upstander.hashchain import link_hash
from upstander.reports.models import Report
from upstander.testing import tamper, without_triggers

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(report: Report) -> EvidenceItem:
    """An item whose custody trail has 6 events, checkpointed."""
    made = evidence_add_text(report=report, text="you will regret it", kind="message")
    for _ in range(5):
        custody_append(item=made, action=CustodyAction.VIEWED, actor=None, actor_label="dsl@hill.test")
    call_command("audit", "checkpoint", stdout=StringIO())
    return made


def _set_head(item: EvidenceItem, seq: int) -> None:
    head = CustodyEvent.objects.get(item=item, seq=seq).row_hash
    with connection.cursor() as cursor:
        cursor.execute("UPDATE evidence_evidenceitem SET custody_seq = %s, custody_head = %s WHERE id = %s",
                       [seq, head, item.pk])  # fmt: skip


def test_the_checkpoint_covers_each_custody_trail(item: EvidenceItem) -> None:
    code, out, err = run_command("verify")
    assert code == 0, err
    assert "1 item(s), 6 custody event(s), 0 signing key(s), 1 signed checkpoint(s) checked" in out


def test_deleting_the_newest_custody_events_and_rewinding_the_head_is_reported(item: EvidenceItem) -> None:
    tamper("evidence_custodyevent", "DELETE FROM evidence_custodyevent WHERE item_id = %s AND seq > 3", [item.pk])
    _set_head(item, 3)
    assert not [p for p in evidence_verify().problems if "checkpoint" not in p]  # the chain alone holds

    code, out, err = run_command("verify")

    assert code == 1
    assert f"custody:{item.pk}: rows 4 to 6 are missing: checkpoint #" in err
    assert "What this check can and cannot detect" in out


def test_changing_a_custody_event_and_recomputing_later_hashes_is_reported(item: EvidenceItem) -> None:
    with without_triggers("evidence_custodyevent") as cursor:
        cursor.execute(
            "UPDATE evidence_custodyevent SET actor_label = 'nobody' WHERE item_id = %s AND seq = 2", [item.pk]
        )
        prev = CustodyEvent.objects.get(item=item, seq=2).prev_hash
        for event in CustodyEvent.objects.filter(item=item, seq__gte=2).order_by("seq"):
            row_hash = link_hash(prev_hash=prev, payload=event.chain_payload())
            cursor.execute(
                "UPDATE evidence_custodyevent SET prev_hash = %s, row_hash = %s WHERE id = %s",
                [prev, row_hash, event.pk],
            )
            prev = row_hash
    _set_head(item, 6)

    code, _, err = run_command("verify")

    assert code == 1
    assert f"custody:{item.pk}: row 6 does not have the hash checkpoint #" in err
    assert "a row among rows 1 to 6 was changed or replaced and the later hashes recomputed" in err


def test_removing_an_item_with_its_whole_trail_is_reported(item: EvidenceItem) -> None:
    tamper("evidence_custodyevent", "DELETE FROM evidence_custodyevent WHERE item_id = %s", [item.pk])
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM evidence_evidenceitem WHERE id = %s", [item.pk])

    code, _, err = run_command("verify")

    assert code == 1
    assert f"custody:{item.pk}: the trail is gone from the database, but checkpoint #" in err


def test_the_database_refuses_to_delete_custody_events(item: EvidenceItem) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM evidence_custodyevent WHERE item_id = %s", [item.pk])
    assert CustodyEvent.objects.filter(item=item).count() == 6
