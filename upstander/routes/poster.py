"""The printable poster: one A4 page with a QR code to the organisation's report form, its own
routes, 999 for danger now and helplines that fit who it serves. Schools put it on walls.

fpdf2 (already used for evidence bundles) draws it; the QR code is made by `qrcode` and drawn as
an image, with a link over it for people reading the PDF on screen. DejaVu fonts give full
Unicode; without them the PDF core font is used and other characters are replaced visibly.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import qrcode
from django.conf import settings
from django.urls import reverse
from PIL import Image
from qrcode.constants import ERROR_CORRECT_M

from upstander.routes.selectors import PublicRoutes

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"), Path("/usr/share/fonts/TTF"))
RED = (175, 20, 20)
INK = (11, 12, 12)
GREY = (80, 80, 80)


def report_url(slug: str) -> str:
    """The address the QR code holds: the organisation's report form at the installation's SITE_URL
    (never the request's Host header, which a visitor controls)."""
    return settings.SITE_URL + reverse("reports:start", args=[slug])


def page_url(slug: str) -> str:
    return settings.SITE_URL + reverse("routes:page", args=[slug])


def qr_image(payload: str) -> Image.Image:
    """The QR code as a PIL image (black on white, 4-module quiet zone)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, box_size=10, border=4)
    code.add_data(payload)
    code.make(fit=True)
    image: Image.Image = code.make_image(fill_color="black", back_color="white").get_image()
    return image


def _fonts() -> tuple[Path, Path] | None:
    for directory in FONT_DIRS:
        regular, bold = directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    return None


def render_poster(routes: PublicRoutes, *, today: date, unicode_fonts: bool = True) -> bytes:
    """The poster as PDF bytes. `unicode_fonts=False` uses the PDF core font (tests read its text)."""
    from fpdf import FPDF  # imported here: only the poster needs it

    organisation, r = routes.organisation, routes.routes
    fonts = _fonts() if unicode_fonts else None
    face = "body" if fonts else "helvetica"

    def t(text: str) -> str:
        return text if fonts else text.encode("latin-1", "replace").decode("latin-1")

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_margins(15, 15, 15)
    if fonts:
        pdf.add_font("body", "", str(fonts[0]))
        pdf.add_font("body", "B", str(fonts[1]))
    pdf.set_title(t(f"Report online bullying or harassment to {organisation.name}"))
    pdf.add_page()
    width = pdf.w - 30

    def text(
        value: str, size: float, *, bold: bool = False, colour: tuple[int, int, int] = INK, gap: float = 1.5
    ) -> None:
        pdf.set_font(face, "B" if bold else "", size)
        pdf.set_text_color(*colour)
        pdf.multi_cell(width, size * 0.45, t(value), align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    text("Online bullying or harassment?", 28, bold=True, gap=1)
    text(f"Tell {organisation.name}. You can stay anonymous.", 17, gap=4)

    # Danger now, first and unmissable.
    pdf.set_fill_color(*RED)
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(face, "B", 20)
    pdf.cell(width, 16, t("Someone in danger right now? Call 999"), fill=True, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(6)

    # The QR code and the address it holds.
    top = pdf.get_y()
    address = report_url(organisation.slug)
    size = 66
    pdf.image(qr_image(address), x=15, y=top, w=size, h=size, link=address)
    left = 15 + size + 6
    column = width - size - 6

    def beside(value: str, font_size: float, *, bold: bool = False, link: str = "") -> None:
        pdf.set_x(left)
        pdf.set_font(face, "B" if bold else "", font_size)
        pdf.multi_cell(column, font_size * 0.5, t(value), align="L", link=link, new_x="LEFT", new_y="NEXT")

    pdf.set_text_color(*INK)
    pdf.set_y(top + 4)
    beside("Scan to report", 20, bold=True)
    pdf.ln(1)
    beside("Or type this address into a phone or computer:", 12)
    beside(address, 12, bold=True, link=address)
    pdf.ln(2)
    beside("It takes about two minutes. You get a code to check on your report later.", 12)
    pdf.set_xy(15, max(pdf.get_y(), top + size) + 5)

    people: list[tuple[str, str]] = []
    if organisation.reporting_email:
        people.append(("Email a report", organisation.reporting_email))
    for who in ("dsl", "deputy"):
        name, title = getattr(r, f"{who}_name"), getattr(r, f"{who}_title")
        reach = [v for v in (getattr(r, f"{who}_email"), getattr(r, f"{who}_phone"), getattr(r, f"{who}_where")) if v]
        if name or reach:
            people.append((", ".join(v for v in (name, title) if v), "; ".join(reach)))
    if people:
        text("Other ways to tell us", 15, bold=True, gap=1)
        for who_line, how in people:
            text(who_line, 12, bold=True, gap=0)
            if how:
                text(how, 12, gap=1)
        pdf.ln(2)

    text("When reports are read", 15, bold=True, gap=1)
    if r.hours_text:
        text(r.hours_text[0].upper() + r.hours_text[1:] + (f". {r.hours_note}" if r.hours_note else "."), 12, gap=0.5)
        if r.out_of_hours:
            text(f"At other times: {r.out_of_hours}", 12, gap=0.5)
    else:
        text("Reports are not read at every hour, so do not wait for an answer if you need help now.", 12, gap=0.5)
    pdf.ln(3)

    helplines = [(h.name, h.phone, h.website, h.who_for) for h in routes.own_helplines[:2]]
    helplines += [
        (
            h.name,
            h.phone or (f"text {h.text_keyword} to {h.text_number}" if h.text_number else ""),
            h.website,
            f"{h.who_for} Open: {h.hours}." if h.hours else h.who_for,
        )
        for h in routes.national_helplines
    ]
    if helplines:
        text("Talk to someone", 15, bold=True, gap=1)
        for name, phone, website, who_for in helplines:
            if pdf.get_y() > pdf.h - 40:
                break  # one page: the footer names the page with every helpline
            how = phone or website.removeprefix("https://").removeprefix("www.").rstrip("/")
            pdf.set_font(face, "B", 12)
            pdf.set_text_color(*INK)
            pdf.multi_cell(width, 5.5, t(f"{name}: {how}"), new_x="LMARGIN", new_y="NEXT")
            if who_for:
                text(who_for, 10.5, colour=GREY, gap=1.2)
    pdf.set_xy(15, pdf.h - 22)
    pdf.set_font(face, "", 9)
    pdf.set_text_color(*GREY)
    for line in (
        f"Help and advice for everyone: {settings.SITE_URL}{reverse('guidance:index')}",
        f"All of {organisation.name}'s routes and local contacts: {page_url(organisation.slug)}",
        f"Printed {today.strftime('%d %B %Y')}: check the page above for changes.",
    ):
        pdf.multi_cell(width, 4.5, t(line), align="L", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
