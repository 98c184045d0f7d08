"""The termly report for governors and trustees (and the authority's area report) as a PDF, with
fpdf2 like the evidence bundle. No names, no free text; every count below 5 is "fewer than 5",
and lines that add up have their differencing guarded (`suppression`). Bars are black for this
period and white with a black outline for the one before, and every bar has its number written
beside it, so the report reads the same printed in greyscale."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django.utils import timezone

from upstander.accounts.models import Authority, Organisation
from upstander.cases.duties import duty_title
from upstander.cases.taxonomy import BEHAVIOUR_LABELS, PREJUDICE_LABELS
from upstander.evidence.vault.bundle import _find_fonts
from upstander.insights import presenters, providers, selectors, terms
from upstander.insights.area import area
from upstander.insights.suppression import SMALL_TEXT, THRESHOLD, Cell, single, suppress_known_total, suppress_line
from upstander.insights.terms import Period

NOTE = (
    f"No person is named in this report. Any count below {THRESHOLD} is shown as \u201c{SMALL_TEXT}\u201d, and where "
    "a hidden count could be worked out by subtracting from a total, another count is \u201cnot shown\u201d too."
)


class _Report:
    def __init__(self, *, title: str, subtitle: str, period: Period, previous: Period) -> None:
        from fpdf import FPDF

        fonts = _find_fonts(None)
        self.figures: list[str] = []  # every figure written in a table or beside a bar (tests read these)
        self.body = "body" if fonts else "helvetica"
        self.unicode = fonts is not None
        created = timezone.now()
        t = self.t
        body = self.body

        class ReportPDF(FPDF):
            def footer(self) -> None:
                self.set_y(-12)
                self.set_font(body, size=8)
                self.set_text_color(80)
                self.cell(0, 5, t(f"{title}  ·  {period.label}  ·  page {self.page_no()} of {{nb}}"), align="C")
                self.set_text_color(0)

        self.pdf = pdf = ReportPDF(format="A4")
        if fonts:
            pdf.add_font("body", "", str(fonts["body"]))
            pdf.add_font("body", "B", str(fonts["bold"]))
        pdf.set_creation_date(created)
        pdf.set_title(t(f"{title}: {period.label}"))
        pdf.set_lang("en-GB")
        pdf.set_auto_page_break(auto=True, margin=16)
        pdf.add_page()
        pdf.set_font(body, "B", 19)
        pdf.multi_cell(0, 9, t(title), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(body, size=11)
        pdf.multi_cell(0, 6, t(subtitle), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(body, size=9.5)
        pdf.multi_cell(
            0,
            5,
            t(
                f"{period.label}: {period.start:%-d %B %Y} to {period.end:%-d %B %Y}. Compared with {previous.label} "
                f"({previous.start:%-d %B %Y} to {previous.end:%-d %B %Y}). Prepared {timezone.localtime(created):%-d %B %Y}."
            ),
            new_x="LMARGIN",
            new_y="NEXT",
        )
        pdf.ln(1)
        pdf.set_text_color(60)
        pdf.multi_cell(0, 5, t(NOTE), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(0)

    def t(self, text: Any) -> str:
        value = str(text)
        return value if self.unicode else value.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text: str) -> None:
        pdf = self.pdf
        if pdf.get_y() > pdf.h - 50:
            pdf.add_page()
        pdf.ln(4)
        pdf.set_font(self.body, "B", 13)
        pdf.multi_cell(0, 7, self.t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(self.body, size=9.5)

    def para(self, text: str) -> None:
        self.pdf.multi_cell(0, 5, self.t(text), new_x="LMARGIN", new_y="NEXT")

    def table(
        self, headings: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float] | None = None
    ) -> None:
        pdf = self.pdf
        pdf.set_font(self.body, size=9)
        with pdf.table(
            col_widths=widths,
            text_align=("LEFT", *(["RIGHT"] * (len(headings) - 1))),
            line_height=5.5,
            first_row_as_headings=True,
        ) as table:
            row = table.row()
            for heading in headings:
                row.cell(self.t(heading))
            for values in rows:
                row = table.row()
                self.figures.extend(str(v) for v in values[1:])
                for value in values:
                    row.cell(self.t(value))
        pdf.set_font(self.body, size=9.5)

    def bars(self, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Cell | int]]]) -> None:
        """Horizontal bars: series 0 solid black, series 1 white with an outline; numbers beside each."""
        pdf = self.pdf
        known = [c.value if isinstance(c, Cell) else c for _, cells in series for c in cells]
        top = max([v for v in known if v is not None], default=0) or 1
        label_w, bar_h, room = 62.0, 4.2, pdf.epw - 62 - 30
        if len(series) > 1:
            x = pdf.l_margin
            for index, (name, _) in enumerate(series):
                self._swatch(x, pdf.get_y() + 0.8, index)
                pdf.set_xy(x + 6, pdf.get_y())
                pdf.cell(70, 5, self.t(name))
                x += 75
            pdf.ln(6)
        line_h = 3.6
        for i, label in enumerate(labels):
            if pdf.get_y() > pdf.h - 24:
                pdf.add_page()
            y = pdf.get_y()
            pdf.set_font(self.body, size=8.5)
            # A long label wraps onto a second line rather than losing its end (a governor reading
            # "Sharing someone's private informati..." cannot tell what it counts); a third is cut.
            wrapped = pdf.multi_cell(label_w - 2, line_h, self.t(label.split(" (")[0]), dry_run=True, output="LINES")
            lines = [str(line) for line in cast(list[str], wrapped)]
            if len(lines) > 2:
                lines = [lines[0], lines[1].rstrip()[:-1] + "…"]
            row_h = max(bar_h * len(series), line_h * len(lines))
            pdf.set_xy(pdf.l_margin, y + (row_h - line_h * len(lines)) / 2)
            pdf.multi_cell(label_w - 2, line_h, "\n".join(lines), align="R")
            top_of_bars = y + (row_h - bar_h * len(series)) / 2
            for s, (_, cells) in enumerate(series):
                cell = cells[i]
                value = cell.value if isinstance(cell, Cell) else cell
                text = cell.text if isinstance(cell, Cell) else f"{cell:,}"
                by = top_of_bars + s * bar_h
                x0 = pdf.l_margin + label_w
                if value is None:
                    pdf.set_draw_color(120)
                    pdf.set_dash_pattern(dash=0.8, gap=0.6)
                    pdf.rect(x0, by + 0.4, 14, bar_h - 0.8)
                    pdf.set_dash_pattern()
                    pdf.set_draw_color(0)
                    width = 14.0
                else:
                    width = room * value / top
                    if width:
                        self._bar(x0, by + 0.4, width, bar_h - 0.8, s)
                pdf.set_xy(x0 + width + 1.5, by)
                self.figures.append(text)
                pdf.cell(28, bar_h, self.t(text))
            pdf.set_xy(pdf.l_margin, y + row_h + 1.2)
        pdf.set_font(self.body, size=9.5)

    def _bar(self, x: float, y: float, w: float, h: float, index: int) -> None:
        pdf = self.pdf
        pdf.set_line_width(0.3)
        if index == 0:
            pdf.set_fill_color(0)
            pdf.rect(x, y, w, h, style="DF")
        else:
            pdf.set_fill_color(255)
            pdf.rect(x, y, w, h, style="DF")
            pdf.set_fill_color(0)

    def _swatch(self, x: float, y: float, index: int) -> None:
        self._bar(x, y, 4.5, 3.4, index)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


def _line(values: list[int]) -> list[Cell]:
    """A line with no published total of its own (multi-label counts: a case can be both)."""
    return suppress_line(values)[0]


def _part(values: list[int]) -> list[Cell]:
    """A line that adds up to a figure the report shows elsewhere (cases opened, closed...)."""
    return suppress_known_total(values)


def _provider_rows(sections: list[providers.Section]) -> list[tuple[str, list[list[str]]]]:
    found = []
    for section in sections:
        rows = []
        for figure in section.figures:
            if figure.count and isinstance(figure.value, int):
                value = single(figure.value).text
            else:
                value = (
                    "-"
                    if figure.value is None
                    else f"{figure.value}{figure.unit if figure.unit == '%' else ' ' + figure.unit if figure.unit else ''}"
                )
            rows.append([figure.label, value])
        found.append((section.title if not section.error else f"{section.title}: {section.error}", rows))
    return found


def organisation_report(*, organisation_id: int, period: Period) -> bytes:
    return build_organisation_report(organisation_id=organisation_id, period=period).output()


def authority_report(*, authority_id: int, period: Period) -> bytes:
    return build_authority_report(authority_id=authority_id, period=period).output()


def build_organisation_report(*, organisation_id: int, period: Period) -> _Report:
    organisation = Organisation.objects.get(pk=organisation_id)
    previous_period = terms.previous_range(period)
    now, before = selectors.organisation_figures_compared(
        organisation_id=organisation_id, period=period, previous_dated=True
    )
    report = _Report(
        title=f"Termly report: {organisation.name}",
        subtitle="Bullying and online harassment: what was reported, how it was handled, and what changed. "
        "For governors and trustees.",
        period=period,
        previous=previous_period,
    )
    report.heading("Headline figures")
    rows = []
    for key, label in (
        ("opened", "Cases opened"),
        ("prejudice_related", "Prejudice-related cases"),
        ("urgent", "Assessed as urgent (risk to life or safety)"),
        ("closed", "Cases closed"),
        ("escalated", "Escalated to the local authority"),
        ("reviewed", "Post-incident reviews done"),
    ):
        a, b = now.headline[key], before.headline[key]
        shown_a, shown_b = single(a), single(b)
        change = presenters.change(a, b) if not (shown_a.hidden or shown_b.hidden) else "-"
        rows.append([label, shown_a.text, shown_b.text, change])
    report.table(["", period.label, previous_period.label, "Change"], rows, widths=(80, 35, 35, 30))
    report.para(
        f"Open now: {single(now.headline['active_now']).text}; overdue now: {single(now.headline['overdue_now']).text}."
    )

    report.heading("Cases opened each month")
    report.bars(
        [presenters.month_label(m) for m, _, _ in now.monthly],
        [
            ("All cases", _part([n for _, n, _ in now.monthly])),
            ("Prejudice-related", _part([p for _, _, p in now.monthly])),
        ],
    )

    report.heading("Prejudice-related incidents")
    report.para(
        "Schools record and report prejudice-related incidents (Equality Act 2010, public sector equality duty). "
        "By strand, this period and the one before:"
    )
    report.bars(
        list(PREJUDICE_LABELS.values()),
        [
            (period.label, _line(list(now.strands.values()))),
            (previous_period.label, _line(list(before.strands.values()))),
        ],
    )

    report.heading("What happened")
    report.bars(
        list(BEHAVIOUR_LABELS.values()),
        [
            (period.label, _line(list(now.behaviours.values()))),
            (previous_period.label, _line(list(before.behaviours.values()))),
        ],
    )
    report.heading("Where it happened")
    platform_cells = _part(list(now.platforms.values()))[:10]  # all platforms add up to cases opened
    report.bars(list(now.platforms)[:10], [(period.label, platform_cells)])

    report.heading("How quickly we responded")
    response = now.response
    triaged = single(response["triaged"])
    rows = [
        ["Cases assessed (triaged)", triaged.text],
        [
            "Assessed within our due time",
            "-" if triaged.hidden or response["met_percent"] is None else f"{response['met_percent']}%",
        ],
        [
            "Average time to first assessment",
            "-"
            if triaged.hidden or response["avg_response_hours"] is None
            else f"{response['avg_response_hours']} hours",
        ],
        [
            "Average time from opening to closing",
            "-"
            if single(response["closed"]).hidden or response["avg_close_days"] is None
            else f"{response['avg_close_days']} days",
        ],
    ]
    report.table(["", period.label], rows, widths=(110, 70))
    report.para(
        "Due time: urgent cases within the organisation's urgent time (60 minutes unless changed); others by the end "
        "of the next working day."
    )

    report.heading("Actions taken")
    if now.outcomes:
        report.bars(list(now.outcomes), [("Cases closed", _part(list(now.outcomes.values())))])
    else:
        report.para("No cases were closed in this period.")
    if now.duties:
        accepted = _line([row["accepted"] for row in now.duties])
        proposed = _line([row["proposed"] for row in now.duties])
        report.para("Duties the escalation rules proposed, and those the safeguarding lead accepted (cases):")
        report.table(
            ["Duty", "Proposed", "Accepted"],
            [[duty_title(row["duty"]), proposed[i].text, accepted[i].text] for i, row in enumerate(now.duties)],
            widths=(110, 35, 35),
        )

    report.heading("Policy reviews")
    reviews = now.reviews
    report.table(
        ["", period.label],
        [
            ["Post-incident reviews done", single(reviews["reviewed"]).text],
            ["Said a policy or procedure should change", single(reviews.get("policies", 0)).text],
            ["Said teaching, training or awareness should change", single(reviews.get("education", 0)).text],
        ],
        widths=(110, 70),
    )

    sections = providers.sections(organisation_ids=[organisation_id], start=period.start, end=period.end)
    if not any(s.key == "prevention" for s in sections):  # else its own section, below, has the results
        report.heading("Pupil voice")
        report.para("No pupil-voice survey results are recorded in Upstander for this period.")
    for title, rows in _provider_rows(list(sections)):
        report.heading(title)
        report.table(["", period.label], rows or [["No figures", "-"]], widths=(110, 70))
    return report


def build_authority_report(*, authority_id: int, period: Period) -> _Report:
    authority = Authority.objects.get(pk=authority_id)
    previous_period = terms.previous_range(period)
    figures = area(authority_id=authority_id, period=period)
    report = _Report(
        title=f"Area report: {authority.name}",
        subtitle="Bullying and online harassment across the authority's organisations.",
        period=period,
        previous=previous_period,
    )
    report.heading("By organisation")
    table = figures.measures
    report.table(
        ["Organisation", *table.columns],
        [[name, *(c.text for c in cells)] for name, cells in table.rows]
        + [["All organisations", *(c.text for c in table.totals)]],
    )
    report.heading("Cases opened each month, all organisations")
    report.bars(
        [presenters.month_label(m) for m, _ in figures.monthly], [("Cases opened", [c for _, c in figures.monthly])]
    )
    report.heading("Prejudice-related cases by strand, all organisations")
    report.bars(figures.strands.columns, [("All organisations", list(figures.strands.totals))])
    report.heading("What happened, all organisations")
    report.bars(figures.behaviours.columns, [("All organisations", list(figures.behaviours.totals))])
    report.heading("Escalated cases")
    report.para(f"Escalated cases still open: {figures.escalated_open.text}.")
    ids = list(Organisation.objects.filter(authority_id=authority_id).values_list("pk", flat=True))
    for title, rows in _provider_rows(providers.sections(organisation_ids=ids, start=period.start, end=period.end)):
        report.heading(title)
        report.table(["", period.label], rows or [["No figures", "-"]], widths=(110, 70))
    return report
