"""Signed checkpoints: the attacks a database writer can make on the audit trail, and how verify now
reports them (issue 10, item 4). Each attack runs on the installation's chain and on an
organisation's chain (issue 11: one chain per organisation)."""

from __future__ import annotations

import json
import shutil
import stat
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from upstander import checkpointlog
from upstander.audit import checkpoints
from upstander.audit.models import AuditEvent, chain_for
from upstander.audit.selectors import audit_chain_verify
from upstander.audit.services import audit_record
from upstander.hashchain import link_hash
from upstander.testing import tamper, without_triggers

pytestmark = pytest.mark.django_db

ORG: int | None = None  # the organisation whose chain the attacks below aim at (the `chain` fixture)
CHAIN = "audit"


@pytest.fixture(autouse=True, params=[None, 7], ids=["installation-chain", "organisation-chain"])
def chain(request: pytest.FixtureRequest) -> Iterator[str]:
    """Every test runs against the installation's chain and against an organisation's chain."""
    global ORG, CHAIN
    ORG, CHAIN = request.param, chain_for(request.param)
    yield CHAIN
    ORG, CHAIN = None, "audit"


def _record(n: int) -> None:
    for i in range(n):
        audit_record(action="viewed", actor_label=f"user{i}", organisation_id=ORG, object_type="t", object_id=str(i))


def _events() -> Any:
    return AuditEvent.objects.filter(chain=CHAIN)


def _command(*args: str) -> tuple[int, str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("audit", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def _lines() -> list[dict[str, Any]]:
    return [json.loads(line) for line in checkpoints.log_path().read_text().splitlines()]


def _rewrite_from(seq: int, **changes: Any) -> None:
    """Change row `seq` and recompute every later hash and the head: a chain that verifies on its own."""
    with without_triggers("audit_auditevent") as cursor:
        for column, value in changes.items():
            cursor.execute(
                f"UPDATE audit_auditevent SET {column} = %s WHERE chain = %s AND seq = %s",  # noqa: S608
                [value, CHAIN, seq],
            )
        prev = _events().get(seq=seq).prev_hash
        for event in _events().filter(seq__gte=seq).order_by("seq"):
            row_hash = link_hash(prev_hash=prev, payload=event.chain_payload())
            cursor.execute(
                "UPDATE audit_auditevent SET prev_hash = %s, row_hash = %s WHERE chain = %s AND seq = %s",
                [prev, row_hash, CHAIN, event.seq],
            )
            prev = row_hash
        cursor.execute("UPDATE audit_audithead SET last_hash = %s WHERE chain = %s", [prev, CHAIN])


def _delete_newest_and_rewind(count: int) -> None:
    top = _events().order_by("-seq").values_list("seq", flat=True).first()
    assert top is not None
    keep = top - count
    tamper("audit_auditevent", "DELETE FROM audit_auditevent WHERE chain = %s AND seq > %s", [CHAIN, keep])
    new_head = _events().get(seq=keep).row_hash
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_audithead SET seq = %s, last_hash = %s WHERE chain = %s", [keep, new_head, CHAIN])


def test_checkpoint_command_signs_each_moved_head_once_into_an_owner_only_file() -> None:
    _record(5)
    code, out, _ = _command("checkpoint")
    assert code == 0
    assert "1 checkpoint(s) written" in out
    [line] = _lines()
    assert (line["chain"], line["seq"], line["n"]) == (CHAIN, 5, 1)
    assert line["head"] == _events().get(seq=5).row_hash
    for path in (checkpoints.log_path(), Path(settings.VAR_DIR) / checkpoints.KEY_FILE_NAME):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert checkpoints.checkpoint_files() == [checkpoints.log_path(), checkpoints.public_keys_path()]

    code, out, _ = _command("checkpoint")
    assert "0 checkpoint(s) written" in out and "1 trail(s) unchanged" in out
    assert len(_lines()) == 1


def test_deleting_the_newest_50_rows_and_rewinding_the_head_is_reported() -> None:
    _record(120)
    assert _command("checkpoint")[0] == 0
    _delete_newest_and_rewind(50)
    # The attack works against the chain alone: it is a shorter chain, valid in itself.
    assert audit_chain_verify() == (70, None)

    code, out, err = _command("verify")

    assert code == 1
    assert f"{CHAIN}: rows 71 to 120 are missing: checkpoint #1" in err
    assert "deleted from the end and the head rewound" in err
    assert "What this check can and cannot detect" in out


def test_changing_a_row_and_recomputing_every_later_hash_is_reported() -> None:
    for _ in range(3):
        _record(10)
        assert _command("checkpoint")[0] == 0  # checkpoints at rows 10, 20 and 30
    _rewrite_from(15, actor_label="someone else")
    assert audit_chain_verify() == (30, None)  # the chain alone says intact

    code, _, err = _command("verify")

    assert code == 1
    assert f"{CHAIN}: row 20 does not have the hash checkpoint #2" in err
    assert "a row among rows 11 to 20 was changed or replaced" in err
    assert "row 10 still matches its checkpoint" in err
    assert "1 later checkpoint(s) disagree too" in err


def test_a_rewritten_trail_is_not_signed_by_the_next_checkpoint() -> None:
    _record(10)
    _command("checkpoint")
    _record(5)
    _rewrite_from(3, action="changed")

    code, _, err = _command("checkpoint")

    assert code == 1
    assert f"NOT SIGNED: {CHAIN}: row 10 no longer has the hash checkpoint #1" in err
    assert len(_lines()) == 1


def test_a_changed_or_removed_checkpoint_line_is_reported() -> None:
    for _ in range(3):
        _record(2)
        _command("checkpoint")
    lines = checkpoints.log_path().read_text().splitlines()
    edited = json.loads(lines[2])
    edited["seq"] = 4
    checkpoints.log_path().write_text(
        "\n".join([lines[0], json.dumps(edited, sort_keys=True, separators=(",", ":"))]) + "\n"
    )

    code, _, err = _command("verify")

    assert code == 1
    assert "checkpoint #3 follows #1 (checkpoints 2 to 2 are missing from the file)" in err
    assert "(checkpoint #3): its signature does not verify" in err


def test_checkpoints_signed_by_another_key_are_not_trusted() -> None:
    _record(3)
    _command("checkpoint")
    _record(2)
    # Someone who can write the file, but does not hold the key, appends a checkpoint of their own.
    forged_key = Ed25519PrivateKey.generate()
    with checkpointlog.open_for_append(checkpoints.log_path(), trusted_keys=[]) as log:
        log.append([(CHAIN, 5, _events().get(seq=5).row_hash)], key=forged_key)

    code, _, err = _command("verify")

    assert code == 1
    assert "(checkpoint #2): it is signed by key ck-" in err
    assert "which is not a trusted checkpoint key" in err


def test_a_copy_kept_elsewhere_still_reveals_rows_removed_with_the_last_checkpoints(tmp_path: Path) -> None:
    _record(10)
    _command("checkpoint")
    _record(10)
    _command("checkpoint")
    copy, key = tmp_path / "offsite.jsonl", tmp_path / "offsite-keys.pem"
    shutil.copy(checkpoints.log_path(), copy)
    shutil.copy(checkpoints.public_keys_path(), key)
    # The attacker also cuts the newest checkpoint from the file beside the database.
    first = checkpoints.log_path().read_text().splitlines()[0]
    checkpoints.log_path().write_text(first + "\n")
    _delete_newest_and_rewind(10)

    assert _command("verify")[0] == 0  # what the file beside the database cannot show
    code, _, err = _command("verify", "--checkpoints", str(copy), "--public-key", str(key))
    assert code == 1
    assert "rows 11 to 20 are missing" in err


def test_a_checkpoint_is_written_after_every_n_audit_rows(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.CHECKPOINT_EVERY_ROWS = 10
    for batch in (9, 1, 5, 5):  # each batch one committed transaction
        with django_capture_on_commit_callbacks(execute=True):
            _record(batch)
    assert [(line["chain"], line["seq"]) for line in _lines()] == [(CHAIN, 10), (CHAIN, 20)]


def test_an_untouched_trail_verifies_against_its_checkpoints() -> None:
    _record(12)
    _command("checkpoint")
    _record(3)
    code, out, _ = _command("verify")
    assert code == 0
    assert "15 rows checked, and 1 signed checkpoint(s) agree" in out
    assert "1 trail(s) have rows newer than their latest checkpoint" in out


def test_the_database_refuses_to_delete_audit_rows() -> None:
    _record(2)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE seq = 2")
    assert AuditEvent.objects.count() == 2


def test_the_newest_checkpoints_are_emailed_to_each_organisations_leads_without_names(
    users: dict[str, Any], other_org: Any, make_user: Any, tmp_path: Path, mailoutbox: list[Any], chain: str
) -> None:
    from upstander.accounts.models import Role
    from upstander.evidence.adding import evidence_add_text
    from upstander.reports.services import ReportInput, report_submit

    if chain != checkpoints.AUDIT_CHAIN:
        pytest.skip("one run covers the installation's chain and each organisation's")
    make_user("dsl@vale.test", role=Role.DSL, organisation=other_org)
    audit_record(action="viewed", actor_label="installation admin")  # the installation's chain
    hill_org = users["dsl"].memberships.first().organisation
    report = report_submit(
        organisation=hill_org,
        data=ReportInput(reporter_role="target", account="Someone called Ben Smith keeps messaging me."),
    ).report
    item = evidence_add_text(report=report, text="Ben Smith says he will get me", kind="message")

    code, out, _ = _command("checkpoint", "--email")

    assert code == 0 and "2 email(s)" in out
    by_school = {m.to[0]: m for m in mailoutbox}
    hill, vale = by_school["deputy_dsl@hill.test"].body, by_school["dsl@vale.test"].body
    assert f'"chain":"custody:{item.pk}"' in hill and f'"chain":"custody:{item.pk}"' not in vale
    assert '"chain":"audit"' in hill and '"chain":"audit"' in vale
    hill_chain = f'"chain":"{chain_for(hill_org.pk)}"'
    assert hill_chain in hill and hill_chain not in vale  # no school is sent another's chain
    assert "Ben" not in hill and report.reference not in hill
    # Pasted into files, the emailed lines check the trails later.
    lines = hill.split("--- checkpoints.jsonl ---\n")[1].split("--- key.pem ---")[0]
    key = hill.split("--- key.pem ---\n")[1].split("\n\n")[0] + "\n"
    (tmp_path / "c.jsonl").write_text(lines)
    (tmp_path / "k.pem").write_text(key)
    assert (
        _command("verify", "--checkpoints", str(tmp_path / "c.jsonl"), "--public-key", str(tmp_path / "k.pem"))[0] == 0
    )


@pytest.mark.django_db(transaction=True)
def test_flush_empties_the_append_only_tables_and_their_delete_triggers_stand_again() -> None:
    _record(3)
    call_command("flush", interactive=False, verbosity=0)
    assert AuditEvent.objects.count() == 0
    _record(1)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent")


def test_checkpoints_of_an_earlier_key_still_count_and_the_change_of_key_is_pointed_out(settings: Any) -> None:
    _record(4)
    _command("checkpoint")
    settings.CHECKPOINT_KEY = "B" * 43  # the operator moves to a key of their own
    _record(4)
    _command("checkpoint")
    _delete_newest_and_rewind(6)

    code, out, err = _command("verify")

    assert code == 1
    assert "rows 3 to 8 are missing" in err
    assert "Some checkpoints are signed by key(s) ck-" in out and "If the key was never changed" in out
