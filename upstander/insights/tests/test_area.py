"""The area view and its report: no count below 5 leaves, and none can be worked out by subtracting
what is shown from a total (the organisations' column totals, the months' total)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from upstander.accounts.models import Authority, Organisation, User
from upstander.cases.models import Case
from upstander.insights import report_pdf, terms
from upstander.insights.area import area
from upstander.insights.suppression import PROTECTING_TEXT, SMALL_TEXT, THRESHOLD

AUTUMN = terms.term("2026-autumn")


class _Tables(HTMLParser):
    """Every table of the page as rows of cell texts, footers included."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self.tables:
            self.tables[-1][-1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def _count(text: str) -> int | None:
    text = text.replace(",", "")
    return int(text) if text.isdigit() else None


def _assert_nothing_small_and_nothing_derivable(rows: list[list[str]]) -> None:
    """rows: organisation rows then the total row, first cell a name. For every column: no shown
    count below 5, and with the total shown, the hidden cells are never exactly one, and the hidden
    remainder is never all-zero small cells beside protecting cells of exactly 5 each."""
    *body, total = rows
    for column in range(1, len(total)):
        cells = [row[column] for row in body]
        for text in [*cells, total[column]]:
            value = _count(text)
            assert value is None or value >= THRESHOLD, text
            assert value is not None or text in (SMALL_TEXT, PROTECTING_TEXT), text
        shown_total = _count(total[column])
        hidden = [c for c in cells if _count(c) is None]
        if shown_total is None or not hidden:
            continue
        assert len(hidden) >= 2, (column, cells, total[column])
        remainder = shown_total - sum(_count(c) or 0 for c in cells)
        assert remainder > THRESHOLD * sum(1 for c in hidden if c == PROTECTING_TEXT), (column, cells)


@pytest.fixture
def area_cases(make_case: Callable[..., Case], org: Organisation, other_org: Organisation) -> list[Organisation]:
    """Hill School 12 cases (3 racist), Vale College 3 (1 racist), Moor Academy 8 (none racist)."""
    moor = Organisation.objects.create(name="Moor Academy", slug="moor", authority=org.authority)
    when = datetime(2026, 9, 8, 10, tzinfo=ZoneInfo("Europe/London"))
    for organisation, count, racist in ((org, 12, 3), (other_org, 3, 1), (moor, 8, 0)):
        for i in range(count):  # spread over September and October
            make_case(organisation=organisation, opened=when + timedelta(days=4 * i), categories=["insult"],
                      prejudice=["racist"] if i < racist else [])  # fmt: skip
    return [org, other_org, moor]


def test_the_area_page_shows_no_count_below_five_and_nothing_that_subtraction_reveals(
    area_cases: list[Organisation], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    html = login_as(users["authority_lead"]).get("/insights/area/?term=2026-autumn").content.decode()
    parser = _Tables()
    parser.feed(html)
    area_tables = [t for t in parser.tables if t and t[-1] and t[-1][0] == "All organisations"]
    assert len(area_tables) == 3  # by organisation, behaviours, strands
    for table in area_tables:
        _assert_nothing_small_and_nothing_derivable(table[1:])
    measures = area_tables[0]
    vale = next(row for row in measures if row[0] == "Vale College")
    assert vale[1] == SMALL_TEXT  # 3 cases
    # Subtraction: total 23 minus Hill's 12 would give Vale + Moor = 11, so Moor (8) is hidden too.
    moor = next(row for row in measures if row[0] == "Moor Academy")
    assert moor[1] == PROTECTING_TEXT
    assert measures[-1][1] == "23"


def test_the_months_and_the_organisations_share_one_total_so_neither_gives_a_hidden_count_away(
    area_cases: list[Organisation], org: Organisation
) -> None:
    figures = area(authority_id=org.authority_id, period=AUTUMN)
    month_values = [cell for _, cell in figures.monthly]
    shown = [c.value for c in month_values if not c.hidden]
    assert all(v >= THRESHOLD for v in shown)
    assert figures.monthly_total is figures.measures.totals[0]
    assert not figures.monthly_total.hidden
    assert sum(1 for c in month_values if c.hidden) != 1


def test_when_the_authoritys_total_is_hidden_no_month_is_shown(
    make_case: Callable[..., Case], org: Organisation, other_org: Organisation
) -> None:
    when = datetime(2026, 9, 8, 10, tzinfo=ZoneInfo("Europe/London"))
    for i in range(30):
        make_case(organisation=org, opened=when + timedelta(days=i))
    make_case(organisation=other_org, opened=when)  # 31 - Hill's 30 would be 1: the total is hidden
    figures = area(authority_id=org.authority_id, period=AUTUMN)
    assert figures.measures.totals[0].hidden
    assert all(cell.hidden for _, cell in figures.monthly)  # Sep + Oct shown would give the total back


def test_every_chart_on_the_area_page_draws_hidden_counts_as_gaps(
    area_cases: list[Organisation], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    response = login_as(users["authority_lead"]).get("/insights/area/?term=2026-autumn")
    for chart in response.context["charts"]:
        for row in chart.points:
            for point in row:
                assert point.value is None or point.value >= THRESHOLD
        svg_numbers = [int(n) for n in re.findall(r">(\d+)</text>", chart.svg)]
        axis = {0, 1, 2, 3, 4} if chart.kind == "line" else set()  # the y axis's ticks, not counts
        assert all(n >= THRESHOLD or n in axis for n in svg_numbers), (chart.key, svg_numbers)


def test_the_area_report_pdf_shows_no_count_below_five(area_cases: list[Organisation], org: Organisation) -> None:
    report = report_pdf.build_authority_report(authority_id=org.authority_id, period=AUTUMN)
    assert report.figures
    for figure in report.figures:
        value = _count(figure)
        assert value is None or value >= THRESHOLD, figure
        assert value is not None or figure in (SMALL_TEXT, PROTECTING_TEXT, "-"), figure
    assert report.output().startswith(b"%PDF")


def test_an_authority_with_one_big_organisation_hides_the_other_from_the_total(
    make_case: Callable[..., Case], org: Organisation, other_org: Organisation
) -> None:
    when = datetime(2026, 10, 6, 10, tzinfo=ZoneInfo("Europe/London"))
    for _ in range(30):
        make_case(organisation=org, opened=when)
    make_case(organisation=other_org, opened=when)
    figures = area(authority_id=org.authority_id, period=AUTUMN)
    opened = {name: cells[0] for name, cells in figures.measures.rows}
    assert opened["Vale College"].text == SMALL_TEXT
    assert opened["Hill School"].hidden or figures.measures.totals[0].hidden  # 31 - 30 = 1 otherwise


def test_another_authoritys_organisations_are_not_in_the_area(
    area_cases: list[Organisation], org: Organisation
) -> None:
    elsewhere = Authority.objects.create(name="Elsewhere", slug="elsewhere")
    Organisation.objects.create(name="Far School", slug="far", authority=elsewhere)
    names = [name for name, _ in area(authority_id=org.authority_id, period=AUTUMN).measures.rows]
    assert names == ["Hill School", "Moor Academy", "Vale College"]


# --- Comparing two views, or a view and the report (differencing across outputs) ------------------


def test_the_area_takes_whole_terms_only_so_two_overlapping_ranges_cannot_be_subtracted(
    area_cases: list[Organisation], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    client = login_as(users["authority_lead"])
    # 1 September to 30 September and to 1 October would differ by the cases of one day.
    response = client.get("/insights/area/?from=2026-09-01&to=2026-10-01")
    html = response.content.decode()
    assert response.status_code == 200 and "whole terms only" in html
    assert response.context["period"].key  # a term, not the range asked for
    assert 'name="from"' not in html  # no date range form on the area page
    pdf = client.get("/insights/report.pdf?from=2026-09-01&to=2026-09-30")
    assert pdf.status_code == 400 and b"whole terms only" in pdf.content


def _row_lines(table: list[list[str]], margin: dict[str, str]) -> None:
    """An organisation's behaviours (or strands) add up to its figure in the first table: subtract
    the shown cells from it, and the hidden ones must still not be known (two or more hidden, small
    ones beside a "not shown" one, and more left over than the "not shown" ones need)."""
    for row in table[1:]:
        name, cells = row[0], row[1:]
        published = _count(margin[name])
        hidden = [c for c in cells if _count(c) is None]
        if published is None or not hidden:
            continue
        left_over = published - sum(_count(c) or 0 for c in cells)
        protecting = sum(1 for c in hidden if c == PROTECTING_TEXT)
        assert len(hidden) >= 2 and protecting >= 1, (name, cells, published)
        assert left_over > THRESHOLD * protecting, (name, cells, published)


def test_an_organisations_behaviours_cannot_be_subtracted_from_its_cases_opened(
    make_case: Callable[..., Case], org: Organisation, other_org: Organisation,
    users: dict[str, User], login_as: Callable[[User], Client],
) -> None:  # fmt: skip
    when = datetime(2026, 9, 8, 10, tzinfo=ZoneInfo("Europe/London"))
    # Hill: 12 cases, 8 insults and 4 threats; Vale: 20 insults, 9 threats. One behaviour a case, so
    # Hill's 12 opened less its 8 insults would be its 4 threats, were the insults shown.
    for organisation, insults, threats in ((org, 8, 4), (other_org, 20, 9)):
        for i in range(insults + threats):
            make_case(organisation=organisation, opened=when + timedelta(days=i),
                      categories=["insult"] if i < insults else ["threat"], prejudice=["racist"] if i < 6 else [])  # fmt: skip
    html = login_as(users["authority_lead"]).get("/insights/area/?term=2026-autumn").content.decode()
    parser = _Tables()
    parser.feed(html)
    measures, behaviours, strands = [t for t in parser.tables if t and t[-1] and t[-1][0] == "All organisations"]
    opened = {row[0]: row[1] for row in measures[1:]}
    prejudice = {row[0]: row[2] for row in measures[1:]}
    hill = next(row for row in behaviours if row[0] == "Hill School")
    threat = next(i for i, heading in enumerate(behaviours[0]) if heading.startswith("Threat"))
    insult = next(i for i, heading in enumerate(behaviours[0]) if heading.startswith("Insult"))
    assert hill[threat] == SMALL_TEXT
    assert _count(opened["Hill School"]) is None or _count(hill[insult]) is None  # 12 - 8 would give the 4
    _row_lines(behaviours, opened)
    _row_lines(strands, prejudice)
    for table in (measures, behaviours, strands):
        _assert_nothing_small_and_nothing_derivable(table[1:])


def test_the_area_report_shows_the_same_cells_as_the_page(
    area_cases: list[Organisation], org: Organisation, users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    html = login_as(users["authority_lead"]).get("/insights/area/?term=2026-autumn").content.decode()
    parser = _Tables()
    parser.feed(html)
    measures = next(t for t in parser.tables if t and t[-1] and t[-1][0] == "All organisations")
    page = [cell for row in measures[1:] for cell in row[1:]]
    report = report_pdf.build_authority_report(authority_id=org.authority_id, period=AUTUMN)
    assert report.figures[: len(page)] == page  # the PDF's first table is the page's, cell for cell
