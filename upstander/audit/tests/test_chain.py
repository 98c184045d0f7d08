from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from hypothesis import given
from hypothesis import strategies as st

from upstander.audit.chain import GENESIS, ChainRow, link_hash, verify_rows
from upstander.audit.models import AuditEvent
from upstander.audit.services import audit_record
from upstander.testing import tamper


def _record(n: int) -> list[AuditEvent]:
    return [
        audit_record(
            action="viewed",
            actor_label=f"user{i}",
            organisation_id=1,
            object_type="people.person",
            object_id=str(i),
            detail={"n": i},
        )
        for i in range(n)
    ]


def _verify() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _without_triggers(sql: str, params: list[object]) -> None:
    """Tamper as an attacker with database access would: past the append-only triggers."""
    tamper("audit_auditevent", sql, params)


@pytest.mark.django_db
def test_an_untouched_trail_verifies() -> None:
    _record(5)
    code, out, _ = _verify()
    assert code == 0
    assert "5 rows checked" in out


@pytest.mark.django_db
def test_verify_finds_a_changed_row() -> None:
    events = _record(5)
    _without_triggers("UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["someone else", events[2].pk])
    code, _, err = _verify()
    assert code == 1
    assert "row 3" in err
    assert "changed" in err


@pytest.mark.django_db
def test_verify_finds_a_deleted_row() -> None:
    events = _record(5)
    _without_triggers("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    code, _, err = _verify()
    assert code == 1
    assert "row 2 is missing" in err


@pytest.mark.django_db
def test_verify_finds_the_newest_row_deleted() -> None:
    events = _record(3)
    _without_triggers("DELETE FROM audit_auditevent WHERE id = %s", [events[2].pk])
    code, _, err = _verify()
    assert code == 1
    assert "removed" in err


@pytest.mark.django_db
def test_the_orm_refuses_to_change_or_delete_rows() -> None:
    event = _record(1)[0]
    event.actor_label = "edited"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(actor_label="edited")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_the_database_refuses_to_change_rows() -> None:
    event = _record(1)[0]
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_label = 'x' WHERE id = %s", [event.pk])


@given(st.integers(min_value=0, max_value=4), st.text(max_size=20))
def test_any_change_to_any_row_payload_is_detected(index: int, new_label: str) -> None:
    rows, prev = [], GENESIS
    for seq in range(1, 6):
        payload = {"seq": seq, "actor_label": f"user{seq}"}
        row_hash = link_hash(prev_hash=prev, payload=payload)
        rows.append(ChainRow(seq=seq, prev_hash=prev, row_hash=row_hash, payload=payload))
        prev = row_hash
    assert verify_rows(rows, head_seq=5, head_hash=prev) is None
    original = rows[index]
    if new_label == original.payload["actor_label"]:
        return
    rows[index] = ChainRow(
        original.seq, original.prev_hash, original.row_hash, {**original.payload, "actor_label": new_label}
    )
    problem = verify_rows(rows, head_seq=5, head_hash=prev)
    assert problem is not None
    assert problem.seq == index + 1
