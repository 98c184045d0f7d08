"""The incident log's exports: the documented columns, no free text unless asked, every one audited."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from defusedxml import ElementTree
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.audit.models import AuditEvent
from upstander.cases.models import Case
from upstander.insights import exports
from upstander.people.models import Person

DOCS = Path(__file__).resolve().parents[3] / "docs" / "insights.md"


def _csv(content: bytes) -> list[list[str]]:
    lines = [line for line in content.decode("utf-8-sig").splitlines() if not line.startswith("#")]
    return list(csv.reader(lines))


def _xlsx_rows(content: bytes) -> list[list[str]]:
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
        strings = [
            si.findtext(f"{ns}t") or ""
            for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).iter(f"{ns}si")
        ]
        sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
        rows = []
        for row in sheet.iter(f"{ns}row"):
            values = []
            for cell in row.iter(f"{ns}c"):
                value = cell.findtext(f"{ns}v") or ""
                values.append(strings[int(value)] if cell.get("t") == "s" else value)
            rows.append(values)
        return rows


@pytest.fixture
def logged(make_case: Callable[..., Case], pupil: Person) -> list[Case]:
    now = timezone.now()
    return [
        make_case(
            opened=now - timedelta(days=3), categories=["insult"], prejudice=["racist"], target=pupil, platform="tiktok"
        ),
        make_case(opened=now - timedelta(days=2), categories=["threat"], platform="roblox", channel="gaming"),
    ]


def test_the_documented_column_list_is_the_exports_column_list() -> None:
    text = DOCS.read_text()
    for name, _ in exports.COLUMNS + exports.FREE_TEXT_COLUMNS:
        assert f"| `{name}` |" in text, name


def test_the_dsl_downloads_a_filtered_csv_with_no_free_text_and_the_download_is_audited(
    logged: list[Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users["dsl"]).get("/insights/log/export/?format=csv&category=insult&from=2020-01-01")
    assert response["Content-Disposition"].startswith("attachment;")
    rows = _csv(response.content)
    assert rows[0] == exports.headings(free_text=False)
    assert len(rows) == 2 and rows[1][1] == str(logged[0].number)
    assert rows[1][rows[0].index("behaviours")] == "insult" and rows[1][rows[0].index("target_year_groups")] == "Year 9"
    body = response.content.decode("utf-8-sig")
    assert "SECRET SUMMARY" not in body and "Free text" not in body and "Zephyrine" not in body
    event = AuditEvent.objects.get(action="exported")
    assert event.actor_id == users["dsl"].pk and event.object_type == "insights.incident_log"
    assert (
        event.detail["filters"]["category"] == "insult"
        and event.detail["format"] == "csv"
        and event.detail["rows"] == 1
    )
    assert event.detail["free_text"] is False


def test_free_text_comes_only_when_asked_for_and_the_audit_says_so(
    logged: list[Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users["deputy_dsl"]).get("/insights/log/export/?format=csv&free_text=1&from=2020-01-01")
    rows = _csv(response.content)
    assert rows[0][-2:] == ["summary", "outcome_reason"] and rows[1][-2] == "SECRET SUMMARY of what happened"
    assert AuditEvent.objects.get(action="exported").detail["free_text"] is True


def test_the_xlsx_export_holds_the_same_rows_and_is_audited(
    logged: list[Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users["dsl"]).get("/insights/log/export/?format=xlsx&from=2020-01-01")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = _xlsx_rows(response.content)
    header = rows.index(exports.headings(free_text=False))
    assert [r[1] for r in rows[header + 1 :]] == [str(c.number) for c in logged]
    assert AuditEvent.objects.get(action="exported").detail["format"] == "xlsx"


def test_a_value_a_spreadsheet_would_run_as_a_formula_is_quoted(
    make_case: Callable[..., Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    users["dsl"].full_name = "=HYPERLINK(1)"
    users["dsl"].save()
    make_case(assignee=users["dsl"])
    rows = _csv(login_as(users["dsl"]).get("/insights/log/export/?format=csv").content)
    assert rows[1][rows[0].index("assignee")] == "'=HYPERLINK(1)"


def test_the_command_exports_csv_and_xlsx_and_audits_each(
    logged: list[Case], org: Organisation, tmp_path: Path
) -> None:
    today = timezone.localdate()
    for name in ("log.csv", "log.xlsx"):
        out = io.StringIO()
        call_command("insights", "export", "--organisation", org.slug, "--from", str(today - timedelta(days=30)),
                     "--to", str(today), "--output", str(tmp_path / name), "--platform", "roblox", stdout=out)  # fmt: skip
        assert "Wrote 1 rows" in out.getvalue()
    assert _csv((tmp_path / "log.csv").read_bytes())[1][1] == str(logged[1].number)
    events = AuditEvent.objects.filter(action="exported").order_by("seq")
    assert [e.detail["format"] for e in events] == ["csv", "xlsx"]
    assert all(e.actor_label == "command line" and e.detail["filters"]["platform"] == "roblox" for e in events)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2026-13-01"], "not a date"),
        (["--category", "nonsense"], "not a category"),
        (["--output", "log.txt"], "must end in .csv or .xlsx"),
        (["--organisation", "nowhere"], "No organisation"),
        (["--from", "2026-12-01", "--to", "2026-11-01"], "before"),
    ],
)
def test_the_export_command_says_what_to_fix(args: list[str], message: str, org: Organisation, tmp_path: Path) -> None:
    options = {
        "--organisation": org.slug,
        "--from": "2026-09-01",
        "--to": "2026-12-31",
        "--output": str(tmp_path / "x.csv"),
    }
    extra = dict(zip(args[::2], args[1::2], strict=True))
    if "--output" in extra:
        extra["--output"] = str(tmp_path / extra["--output"])
    options.update(extra)
    argv = [part for pair in options.items() for part in pair]
    with pytest.raises(CommandError, match=message):
        call_command("insights", "export", *argv)
    assert not AuditEvent.objects.filter(action="exported").exists()


def test_the_report_command_writes_a_pdf_for_a_term_and_for_an_authority(
    logged: list[Case], org: Organisation, tmp_path: Path
) -> None:
    call_command(
        "insights",
        "report",
        "--organisation",
        org.slug,
        "--term",
        "2026-autumn",
        "--output",
        str(tmp_path / "o.pdf"),
        stdout=io.StringIO(),
    )
    call_command("insights", "report", "--authority", org.authority.slug, "--term", "2026-autumn",
                 "--output", str(tmp_path / "a.pdf"), stdout=io.StringIO())  # fmt: skip
    with pytest.raises(CommandError, match="whole terms only"):  # overlapping ranges could be subtracted
        call_command("insights", "report", "--authority", org.authority.slug, "--from", "2026-09-01", "--to",
                     "2026-10-01", "--output", str(tmp_path / "b.pdf"), stdout=io.StringIO())  # fmt: skip
    assert not (tmp_path / "b.pdf").exists()
    assert (tmp_path / "o.pdf").read_bytes().startswith(b"%PDF") and (tmp_path / "a.pdf").read_bytes().startswith(
        b"%PDF"
    )
    assert AuditEvent.objects.filter(action="downloaded", object_type="insights.termly_report").count() == 2
    with pytest.raises(CommandError, match="YEAR-autumn"):
        call_command(
            "insights",
            "report",
            "--organisation",
            org.slug,
            "--term",
            "2026-winter",
            "--output",
            str(tmp_path / "x.pdf"),
        )
