"""One audit chain per organisation and one for the installation (issue 11): appends to different
chains never wait for each other, and `audit verify` still finds every edit, removal, reordering or
move of a row in any chain."""

from __future__ import annotations

import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.utils import timezone

from upstander.audit.chain import GENESIS, chain_genesis, link_hash
from upstander.audit.models import AuditEvent, AuditHead
from upstander.audit.selectors import audit_chains_verify
from upstander.audit.services import audit_record
from upstander.testing import tamper, without_triggers


def _record(organisation_id: int | None, n: int = 1) -> list[AuditEvent]:
    return [
        audit_record(action="viewed", actor_label=f"user{i}", organisation_id=organisation_id, object_id=str(i))
        for i in range(n)
    ]


def _verify() -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", "verify", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@pytest.mark.django_db
def test_each_organisation_and_the_installation_have_a_chain_of_their_own() -> None:
    _record(1, 3)
    _record(2, 2)
    _record(None, 1)
    _record(1, 1)

    assert sorted(AuditEvent.objects.values_list("chain", "seq")) == [
        ("audit", 1), ("audit:org:1", 1), ("audit:org:1", 2), ("audit:org:1", 3), ("audit:org:1", 4),
        ("audit:org:2", 1), ("audit:org:2", 2),
    ]  # fmt: skip
    for chain in ("audit:org:1", "audit:org:2"):
        head = AuditHead.objects.get(chain=chain)
        first = AuditEvent.objects.get(chain=chain, seq=1)
        assert first.prev_hash == head.genesis != GENESIS  # each starts from its own recorded genesis
    assert {r.chain: (r.rows, r.problem) for r in audit_chains_verify()} == {
        "audit": (1, None), "audit:org:1": (4, None), "audit:org:2": (2, None),
    }  # fmt: skip
    code, out, _ = _verify()
    assert code == 0 and "7 rows checked" in out and "3 chain(s)" in out


@pytest.mark.django_db
def test_a_changed_row_in_one_organisations_chain_is_found_and_named() -> None:
    _record(1, 3)
    events = _record(2, 3)
    tamper("audit_auditevent", "UPDATE audit_auditevent SET actor_label = 'x' WHERE id = %s", [events[1].pk])

    code, _, err = _verify()

    assert code == 1
    assert "audit:org:2: chain broken at row 2" in err and "changed" in err
    assert "audit:org:1" not in err


@pytest.mark.django_db
def test_a_row_moved_into_another_chain_is_found() -> None:
    _record(1, 2)
    moved = _record(2, 3)[-1]
    # The attacker moves org 2's newest row to the end of org 1's chain and fixes both heads.
    tamper(
        "audit_auditevent",
        "UPDATE audit_auditevent SET chain = 'audit:org:1', seq = 3, organisation_id = 1 WHERE id = %s",
        [moved.pk],
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_audithead SET seq = 3, last_hash = %s WHERE chain = 'audit:org:1'", [moved.row_hash]
        )
        cursor.execute(
            "UPDATE audit_audithead SET seq = 2, last_hash = %s WHERE chain = 'audit:org:2'",
            [AuditEvent.objects.get(chain="audit:org:2", seq=2).row_hash],
        )

    code, _, err = _verify()

    assert code == 1
    assert "audit:org:1: chain broken at row 3" in err


@pytest.mark.django_db
def test_two_rows_swapped_in_a_chain_are_found() -> None:
    events = _record(3, 4)
    with without_triggers("audit_auditevent") as cursor:  # swap rows 2 and 3, keeping their hashes
        cursor.execute("UPDATE audit_auditevent SET seq = -1 WHERE id = %s", [events[1].pk])
        cursor.execute("UPDATE audit_auditevent SET seq = 2 WHERE id = %s", [events[2].pk])
        cursor.execute("UPDATE audit_auditevent SET seq = 3 WHERE id = %s", [events[1].pk])

    code, _, err = _verify()

    assert code == 1
    assert "audit:org:3: chain broken at row 2" in err


@pytest.mark.django_db
def test_an_organisations_chain_rebuilt_from_a_new_start_is_found() -> None:
    _record(None, 2)
    _record(4, 2)
    # The attacker rewrites the whole chain from a start of their own choosing, recomputing every hash.
    fake = chain_genesis(chain="audit:org:4", anchor_seq=2, anchor_hash=GENESIS)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_audithead SET genesis = %s WHERE chain = 'audit:org:4'", [fake])

    code, _, err = _verify()

    assert code == 1
    assert "audit:org:4: its recorded start does not link to the installation chain's row 2" in err


@pytest.mark.django_db
def test_rows_of_a_chain_whose_head_was_removed_are_reported() -> None:
    _record(5, 2)
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_audithead WHERE chain = 'audit:org:5'")

    code, _, err = _verify()

    assert code == 1 and "audit:org:5: chain broken at row 1: the chain head is missing" in err


@pytest.mark.django_db
def test_the_history_of_one_global_chain_stays_the_installation_chain_and_organisations_link_to_it() -> None:
    # Rows as written before the split (and left by migration 0005): one global chain `audit` holding
    # every organisation's rows, hashed without a chain id.
    prev = GENESIS
    for seq, organisation_id in enumerate([None, 6, 7], start=1):
        event = AuditEvent(
            chain="audit", seq=seq, occurred_at=timezone.now(), organisation_id=organisation_id, action="viewed",
            prev_hash=prev,
        )  # fmt: skip
        assert "chain" not in event.chain_payload()
        event.row_hash = prev = link_hash(prev_hash=prev, payload=event.chain_payload())
        event.save(force_insert=True)
    AuditHead.objects.update_or_create(chain="audit", defaults={"seq": 3, "last_hash": prev})

    new = _record(6, 1)[0]

    assert new.chain == "audit:org:6" and new.seq == 1
    head = AuditHead.objects.get(chain="audit:org:6")
    assert head.anchor_seq == 3
    assert head.genesis == chain_genesis(chain="audit:org:6", anchor_seq=3, anchor_hash=prev) == new.prev_hash
    code, out, _ = _verify()
    assert code == 0 and "4 rows checked" in out


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="on SQLite one write lock serialises every writer anyway")
def test_an_append_for_one_organisation_does_not_wait_for_another_organisations_open_transaction() -> None:
    _record(1)
    _record(2)
    done: list[int] = []
    failed: list[BaseException] = []

    def other_school() -> None:
        try:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL lock_timeout = '20s'")  # fail, not hang, if it ever waits
                done.append(_record(2)[0].seq)
        except BaseException as exc:  # pragma: no cover - reported below
            failed.append(exc)
        finally:
            connections.close_all()

    with transaction.atomic():
        _record(1)  # holds org 1's head until this block commits
        thread = threading.Thread(target=other_school)
        thread.start()
        thread.join(timeout=60)
        assert not failed, failed
        assert done == [2]  # org 2 appended and committed while org 1's transaction was still open
