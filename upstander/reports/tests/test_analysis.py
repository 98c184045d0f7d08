from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation, User
from upstander.reports.highlighting import segments
from upstander.reports.models import LabelDecision, ProcessingState, Report, TextAnalysis
from upstander.reports.services import ReportInput, report_submit
from upstander.reports.tests.helpers import run_tasks

pytestmark = pytest.mark.django_db


def test_the_background_task_stores_suggestions_with_the_model_version(
    org: Organisation, users: dict[str, User]
) -> None:
    report = report_submit(
        organisation=org,
        data=ReportInput(reporter_role="target", account="He messaged me: I will kill you after school."),
    ).report
    run_tasks()
    report.refresh_from_db()
    assert report.processing == ProcessingState.DONE
    analysis = TextAnalysis.objects.get(report=report, source="account")
    assert analysis.model_version
    assert "threat" in analysis.flags
    assert analysis.result["spans"], "the words that triggered the label are kept"


def test_a_possible_risk_to_life_alerts_the_dsl_at_once(org: Organisation, users: dict[str, User]) -> None:
    report_submit(
        organisation=org, data=ReportInput(reporter_role="bystander", account="I want to kill myself tonight")
    )
    run_tasks()
    alert = [m for m in mail.outbox if m.subject.startswith("URGENT?")]
    assert len(alert) == 1
    assert "kill myself" not in alert[0].body
    # The report itself is not changed: people decide.
    assert not Report.objects.get().urgent


def test_analysis_is_not_repeated_for_the_same_model(org: Organisation) -> None:
    from upstander.intake.analysing import analyse_report

    report = report_submit(
        organisation=org, data=ReportInput(reporter_role="target", account="you are an idiot")
    ).report
    run_tasks()
    assert analyse_report(report=report) == []
    assert TextAnalysis.objects.filter(report=report).count() == 1


def test_the_dsl_sees_the_triggering_words_and_corrects_the_labels(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    report = report_submit(
        organisation=org, data=ReportInput(reporter_role="target", account="I will kill you tomorrow")
    ).report
    run_tasks()
    client = login_as(users["dsl"])
    page = client.get(reverse("reports:staff_detail", args=[report.pk])).content.decode()
    assert "<mark" in page and "Suggested labels" in page
    analysis = TextAnalysis.objects.get(report=report)
    response = client.post(
        reverse("reports:label_decision", args=[report.pk, analysis.pk]), {"labels": ["threat", "harassment", "bogus"]}
    )
    assert response.status_code == 302
    decision = LabelDecision.objects.get()
    assert decision.confirmed == ["harassment", "threat"]
    assert decision.suggested == analysis.flags


def test_a_label_from_the_sentence_model_says_what_drove_it(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    text = "He sends me presents and says not to tell my mum. Then he asks where I live."
    report = report_submit(organisation=org, data=ReportInput(reporter_role="target", account=text)).report
    TextAnalysis.objects.filter(report=report).delete()
    spans = [{"start": 0, "end": 49, "label": "manipulation", "encoder": "sentence"},
             {"start": 0, "end": len(text), "label": "sexual", "encoder": "message"}]  # fmt: skip
    TextAnalysis.objects.create(report=report, source="account", source_label="What the reporter wrote", text=text,
                                model_version="t", result={"spans": spans, "categories": {"sexual": 0.97}},
                                flags=["manipulation", "sexual"])  # fmt: skip
    page = login_as(users["dsl"]).get(reverse("reports:staff_detail", args=[report.pk])).content.decode()
    assert "No particular words: the whole message made the classifier's sentence model suggest sexual" in page
    assert "sentence model read coercion, blackmail or grooming-like pressure in the sentence as a whole" in page


def test_staff_cannot_decide_labels(
    login_as: Callable[[User], Client], users: dict[str, User], org: Organisation
) -> None:
    report = report_submit(organisation=org, data=ReportInput(reporter_role="target", account="idiot")).report
    run_tasks()
    analysis = TextAnalysis.objects.get(report=report)
    response = login_as(users["staff"]).post(
        reverse("reports:label_decision", args=[report.pk, analysis.pk]), {"labels": ["insult"]}
    )
    assert response.status_code == 403
    assert not LabelDecision.objects.exists()


def test_highlight_segments_cover_the_text_exactly() -> None:
    parts = segments(
        "you are an idiot", [{"start": 11, "end": 16, "label": "insult"}, {"start": 8, "end": 12, "label": "x"}]
    )
    assert "".join(p.text for p in parts) == "you are an idiot"
    assert [(p.text, p.labels) for p in parts] == [
        ("you are ", ()),
        ("an ", ("x",)),
        ("i", ("insult", "x")),
        ("diot", ("insult",)),
    ]


def test_text_read_from_a_screenshot_is_analysed_too(org: Organisation, users: dict[str, User]) -> None:
    import io

    from PIL import Image, ImageDraw, ImageFont

    from upstander.evidence.adding import evidence_add_file
    from upstander.evidence.vault.ocr import ocr_available

    if not ocr_available():
        pytest.skip("tesseract-ocr is missing (bin/test installs it)")
    report = report_submit(
        organisation=org, data=ReportInput(reporter_role="target", account="see the screenshot")
    ).report
    image = Image.new("RGB", (900, 200), "white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 40)
    ImageDraw.Draw(image).text((20, 60), "you are a stupid idiot", fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    evidence_add_file(report=report, data=buffer.getvalue(), filename="shot.png", added_by_label="test")
    run_tasks()
    run_tasks()  # the analysis queued once the screenshot's text was read
    sources = set(TextAnalysis.objects.filter(report=report).values_list("source", flat=True))
    assert any(source.startswith("evidence:") for source in sources)
    ocr = TextAnalysis.objects.get(report=report, source__startswith="evidence:")
    assert "insult" in ocr.flags


def test_the_classifiers_version_fits_where_it_is_stored() -> None:
    """PostgreSQL refuses a value longer than its column (SQLite does not): the encoder release's
    longer version once left every report's checks failing on PostgreSQL only."""
    from upstander.cases.models import Case
    from upstander.reports.classifying import classifier

    version = classifier().version
    assert len(version) <= TextAnalysis._meta.get_field("model_version").max_length
    assert len(version) <= Case._meta.get_field("suggestion_model").max_length
