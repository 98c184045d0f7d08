"""The printable poster: an A4 PDF with a QR code to the organisation's report form."""

from __future__ import annotations

import re
import zlib
from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from upstander.accounts.models import Organisation
from upstander.routes import poster, selectors
from upstander.routes.models import OrganisationRoutes

pytestmark = pytest.mark.django_db


def _text(pdf: bytes) -> str:
    """The text drawn with the PDF core font (literal strings in the page's content stream)."""
    shown = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            continue
        shown += [m.decode("latin-1") for m in re.findall(rb"\((.*?)(?<!\\)\) ?Tj", content, re.S)]
    return " ".join(shown).replace("\\(", "(").replace("\\)", ")")


def test_the_poster_is_a_one_page_a4_pdf_for_download(client: Client, routes: OrganisationRoutes) -> None:
    response = client.get("/o/hill/poster.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="hill-report-poster.pdf"'
    pdf = response.content
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1
    assert b"/MediaBox [0 0 595.28 841.89]" in pdf  # A4 in points


def test_the_qr_code_and_its_link_hold_the_organisation_s_report_address(routes: OrganisationRoutes) -> None:
    address = poster.report_url("hill")
    assert address == settings.SITE_URL + "/report/hill/"
    pdf = poster.render_poster(selectors.public_routes(routes.organisation), today=date(2026, 12, 1))
    assert f"/URI ({address})".encode() in pdf
    assert re.search(rb"/Subtype /Image", pdf)  # the QR code


def test_the_qr_image_is_the_qr_matrix_of_the_report_address_module_by_module() -> None:
    import qrcode

    address = "https://upstander.example/report/hill/"
    image = poster.qr_image(address).convert("L")
    reference = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=4)
    reference.add_data(address)
    reference.make(fit=True)
    matrix = reference.get_matrix()  # includes the quiet zone
    assert image.size == (len(matrix) * 10, len(matrix) * 10)
    for row, cells in enumerate(matrix):
        for col, dark in enumerate(cells):
            assert (image.getpixel((col * 10 + 5, row * 10 + 5)) < 128) == dark, (row, col)


def test_the_poster_shows_999_the_routes_and_helplines(routes: OrganisationRoutes) -> None:
    pdf = poster.render_poster(
        selectors.public_routes(routes.organisation), today=date(2026, 12, 1), unicode_fonts=False
    )
    text = _text(pdf)
    for shown in (
        "Someone in danger right now? Call 999",
        "Tell Hill School",
        "report@hill.test",
        "Ms Ada Byron, Designated safeguarding lead",
        "dsl@hill.test",
        "Monday to Friday, 8am to 4pm. Term time only.",
        "At other times: Tell a trusted adult",
        "Hill Youth Line: 01632 960 002",
        "Childline: 0800 1111",
        "NSPCC Helpline: 0808 800 5000",
    ):
        assert shown in text, (shown, text)


def test_an_adult_provider_s_poster_has_adult_helplines(routes: OrganisationRoutes, org: Organisation) -> None:
    org.kind = Organisation.Kind.ADULT_LEARNING
    org.save()
    text = _text(poster.render_poster(selectors.public_routes(org), today=date(2026, 12, 1), unicode_fonts=False))
    assert "Samaritans: 116 123" in text and "Shout: text SHOUT to 85258" in text and "Childline" not in text


def test_an_organisation_without_routes_gets_a_poster_that_says_reports_are_not_read_at_every_hour(
    org: Organisation,
) -> None:
    text = _text(poster.render_poster(selectors.public_routes(org), today=date(2026, 12, 1), unicode_fonts=False))
    assert "Call 999" in text and "not read at every hour" in text


def test_the_longest_routes_still_fit_one_page(routes: OrganisationRoutes) -> None:
    for field in ("dsl_where", "deputy_where", "hours_note"):
        setattr(routes, field, "x" * 190)
    routes.out_of_hours = "A long sentence about what to do. " * 17
    routes.save()
    pdf = poster.render_poster(selectors.public_routes(routes.organisation), today=date(2026, 12, 1))
    assert len(re.findall(rb"/Type /Page\b", pdf)) == 1


def test_an_unknown_organisation_has_no_poster(client: Client, db: None) -> None:
    assert client.get("/o/nowhere/poster.pdf").status_code == 404


def test_the_poster_refuses_other_methods(client: Client, org: Organisation) -> None:
    assert client.post("/o/hill/poster.pdf").status_code == 405
