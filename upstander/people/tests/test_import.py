from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from upstander.accounts.models import Organisation
from upstander.audit.models import AuditEvent
from upstander.people.models import Person

pytestmark = pytest.mark.django_db

GOOD = """UPN,Legal Forename,Legal Surname,Year,Reg Group,DOB,SEN Status,CLA
A100,Ada,Lovelace,Year 8,8A,14/03/2013,K,N
A101,Alan,Turing,Year 9,9B,2012-06-23,N,Y
"""

MIXED = """mis_id,first_name,last_name,kind,date_of_birth,sen
B1,Good,Row,pupil,2012-01-01,no
B2,,,pupil,2012-01-01,no
B3,Bad,Date,pupil,31/31/2012,no
B4,Bad,Kind,wizard,,no
B5,Fine,Too,staff,,yes
"""


def _run(tmp_path: Path, text: str, *args: str) -> tuple[str, str]:
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_people", str(path), "--organisation", "hill", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_imports_an_mis_export_with_its_own_column_names(tmp_path: Path, org: Organisation) -> None:
    out, _ = _run(tmp_path, GOOD)
    assert "2 created" in out
    ada = Person.objects.get(external_id="A100")
    assert (ada.first_name, ada.class_name, str(ada.date_of_birth)) == ("Ada", "8A", "2013-03-14")
    assert ada.special_educational_needs and not ada.looked_after
    assert Person.objects.get(external_id="A101").looked_after
    assert AuditEvent.objects.filter(action="imported", organisation_id=org.pk).exists()


def test_it_updates_people_matched_on_the_mis_identifier(tmp_path: Path, org: Organisation) -> None:
    _run(tmp_path, GOOD)
    out, _ = _run(tmp_path, GOOD.replace("Year 8,8A", "Year 9,9A"))
    assert "0 created, 1 updated" in out
    assert Person.objects.get(external_id="A100").year_group == "Year 9"
    assert Person.objects.count() == 2


def test_it_reports_each_bad_row_by_line_and_imports_nothing(tmp_path: Path, org: Organisation) -> None:
    path = tmp_path / "people.csv"
    path.write_text(MIXED, encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="3 bad row"):
        call_command("import_people", str(path), "--organisation", "hill", stderr=err)
    report = err.getvalue()
    assert "Line 3: there is no name" in report
    assert "Line 4: date_of_birth '31/31/2012' is not a date" in report
    assert "Line 5: kind 'wizard' is not one of" in report
    assert not Person.objects.exists()


def test_skip_bad_imports_the_good_rows(tmp_path: Path, org: Organisation) -> None:
    out, err = _run(tmp_path, MIXED, "--skip-bad")
    assert "2 created" in out and "3 bad row(s) skipped" in out
    assert "Line 3" in err
    assert set(Person.objects.values_list("external_id", flat=True)) == {"B1", "B5"}
    assert Person.objects.get(external_id="B5").kind == "staff"


def test_a_file_without_a_name_column_is_refused_whole(tmp_path: Path, org: Organisation) -> None:
    with pytest.raises(CommandError, match="No name column"):
        _run(tmp_path, "id,year\n1,Year 7\n")


def test_an_unknown_organisation_names_the_known_ones(tmp_path: Path, org: Organisation) -> None:
    path = tmp_path / "p.csv"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(CommandError, match="Known organisations: hill"):
        call_command("import_people", str(path), "--organisation", "nope")


def test_a_repeated_identifier_in_the_file_is_a_bad_row(tmp_path: Path, org: Organisation) -> None:
    with pytest.raises(CommandError, match="1 bad row"):
        _run(tmp_path, GOOD + "A100,Ada,Again,Year 8,8A,,,\n")
