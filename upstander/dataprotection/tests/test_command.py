"""`upstander data-protection`: the pages' requests from a terminal, for the DSL only."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from upstander.accounts.models import User
from upstander.cases.models import Case
from upstander.dataprotection import services
from upstander.people.models import Person
from upstander.reports.models import Report

pytestmark = pytest.mark.django_db


def test_the_dsl_writes_a_subject_access_export(
    closed_case: Case, users: dict[str, User], pupils: dict[str, Person], tmp_path: Path
) -> None:
    out = tmp_path / "sar.zip"
    call_command("data_protection", "access", "--organisation", "hill", "--by", "dsl@hill.test",
                 "--person", str(pupils["sam"].pk), "--output", str(out), stdout=io.StringIO())  # fmt: skip
    with zipfile.ZipFile(out) as archive:
        data = json.loads(archive.read("subject-access.json"))
    assert data["cases"][0]["case"] == closed_case.number
    assert out.stat().st_mode & 0o077 == 0
    with pytest.raises(CommandError, match="exists already"):
        call_command("data_protection", "access", "--organisation", "hill", "--by", "dsl@hill.test",
                     "--person", str(pupils["sam"].pk), "--output", str(out))  # fmt: skip


@pytest.mark.parametrize("email", ["deputy_dsl@hill.test", "senior_leader@hill.test", "nobody@hill.test"])
def test_anyone_but_the_dsl_is_refused(
    closed_case: Case, users: dict[str, User], pupils: dict[str, Person], tmp_path: Path, email: str
) -> None:
    with pytest.raises(CommandError):
        call_command("data_protection", "access", "--organisation", "hill", "--by", email,
                     "--person", str(pupils["sam"].pk), "--output", str(tmp_path / "x.zip"))  # fmt: skip
    assert not (tmp_path / "x.zip").exists()


def test_carry_out_and_erase_from_the_command_line(
    closed_case: Case, users: dict[str, User], pupils: dict[str, Person]
) -> None:
    decision = services.retention_decide(case=closed_case, kind="delete", reason="Past retention", by=users["dsl"])
    with pytest.raises(CommandError, match="Type the case number"):
        call_command("data_protection", "carry-out", "--organisation", "hill", "--by", "dsl@hill.test",
                     "--decision", str(decision.pk), "--confirm-case", "999")  # fmt: skip
    call_command("data_protection", "carry-out", "--organisation", "hill", "--by", "dsl@hill.test",
                 "--decision", str(decision.pk), "--confirm-case", str(closed_case.number), stdout=io.StringIO())  # fmt: skip
    assert Report.objects.get(case_link__case=closed_case).account == services.REMOVED
    call_command("data_protection", "erase", "--organisation", "hill", "--by", "dsl@hill.test",
                 "--person", str(pupils["jordan"].pk), "--reason", "Request", "--confirm-name", "Jordan Blake",
                 stdout=io.StringIO())  # fmt: skip
    assert Person.objects.get(pk=pupils["jordan"].pk).first_name == ""
    with pytest.raises(CommandError, match="No organisation"):
        call_command("data_protection", "erase", "--organisation", "vale-none", "--by", "dsl@hill.test",
                     "--person", "1", "--reason", "x", "--confirm-name", "x")  # fmt: skip
