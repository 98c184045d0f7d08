"""The case summary as a PDF (fpdf2, as for the evidence bundle: pure Python, DejaVu fonts when the
system has them). Every page carries the protective marking, the case and the page number."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from upstander.cases.summary import CaseSummary, Line
from upstander.evidence.vault.bundle import find_fonts


def render_case_summary(summary: CaseSummary) -> bytes:
    from fpdf import FPDF
    from fpdf.fonts import FontFace

    fonts = find_fonts(None)
    body = "body" if fonts else "helvetica"
    case = summary.case

    def t(text: object) -> str:
        value = str(text)
        # Without a Unicode font the PDF core fonts cover Latin-1 only: replace the rest visibly.
        return value if fonts else value.encode("latin-1", "replace").decode("latin-1")

    def when(moment: datetime) -> str:
        return timezone.localtime(moment).strftime("%-d %b %Y, %H:%M")

    marking, organisation = summary.marking, case.organisation.name

    class SummaryPDF(FPDF):
        def header(self) -> None:
            self.set_font(body, "B", 9)
            self.set_text_color(0)
            self.cell(0, 5, t(marking), align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_font(body, size=8)
            self.set_text_color(80)
            self.cell(0, 5, t(f"{organisation}  ·  Case {case.number}"), align="C", new_x="LMARGIN", new_y="NEXT")
            self.set_text_color(0)
            self.ln(3)

        def footer(self) -> None:
            self.set_y(-14)
            self.set_font(body, size=8)
            self.set_text_color(80)
            self.cell(0, 4, t(f"Page {self.page_no()} of {{nb}}  ·  printed {when(summary.produced_at)} by "
                              f"{summary.produced_by}"), align="C", new_x="LMARGIN", new_y="NEXT")  # fmt: skip
            self.set_font(body, "B", 9)
            self.set_text_color(0)
            self.cell(0, 5, t(marking), align="C")

    pdf = SummaryPDF(format="A4")
    if fonts:
        pdf.add_font("body", "", str(fonts["body"]))
        pdf.add_font("body", "B", str(fonts["bold"]))
    pdf.set_title(t(f"Case {case.number} summary, {organisation}"))
    pdf.set_author(t(organisation))
    pdf.set_lang("en-GB")
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.epw

    def heading(text: str) -> None:
        pdf.ln(3)
        pdf.set_font(body, "B", 13)
        pdf.cell(0, 8, t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(body, size=10)

    def para(text: str, *, bold: bool = False) -> None:
        pdf.set_font(body, "B" if bold else "", 10)
        pdf.multi_cell(width, 5, t(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(body, size=10)

    def rows(lines: list[Line]) -> None:
        with pdf.table(col_widths=(28, 72), first_row_as_headings=False, text_align="LEFT", v_align="TOP",
                       borders_layout="HORIZONTAL_LINES", line_height=5) as table:  # fmt: skip
            for line in lines:
                row = table.row()
                row.cell(t(line.label), style=FontFace(emphasis="BOLD"))
                row.cell(t(line.text))

    pdf.set_font(body, "B", 18)
    pdf.cell(0, 10, t(f"Case {case.number}: summary"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(body, size=9)
    pdf.multi_cell(width, 4.5, t(summary.handling), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(body, size=10)
    rows(summary.facts)

    heading("People involved")
    if summary.people:
        rows(summary.people)
    else:
        para("Nobody recorded.")

    heading("Decisions and their reasons")
    if not summary.decisions:
        para("No decisions recorded yet.")
    for decision in summary.decisions:
        para(
            f"{decision.what}: {decision.outcome.lower()} by {decision.by or 'unknown'}, {when(decision.at)}", bold=True
        )
        para(f"Reason: {decision.reason or 'none recorded'}")
        pdf.ln(1)
    if summary.open_duties:
        para("Still to decide: " + "; ".join(summary.open_duties) + ".", bold=True)

    heading("Referrals")
    if not summary.referrals:
        para("None.")
    for referral in summary.referrals:
        rows(referral)
        pdf.ln(2)

    heading("Playbook")
    if summary.playbook:
        rows(summary.playbook)
    else:
        para("No playbook chosen.")

    heading("Reports")
    for report in summary.reports:
        rows(report)
        pdf.ln(2)

    heading("Evidence")
    para(summary.evidence_note)
    for item in summary.evidence:
        para(f"Evidence {item.number}: {item.title}", bold=True)
        para(item.detail)
    if not summary.evidence:
        para("No evidence added.")

    heading("Chronology")
    for entry in summary.chronology:
        para(f"{when(entry.at)}  ·  {entry.label}  ·  {entry.author}", bold=True)
        para(entry.text or "-")
        if entry.reason:
            para(f"Reason: {entry.reason}")
        pdf.ln(1.5)
    return bytes(pdf.output())
