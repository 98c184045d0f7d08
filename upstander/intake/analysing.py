"""Running the offline classifier (`upstander.analysis`) over a report's texts (its account and the
text of its evidence, OCR included), and keeping what it suggests. The classifier is pure Python
with no Django; this module is the glue, above reports and evidence since it reads both."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from upstander.evidence.selectors import evidence_texts_for_report
from upstander.reports.classifying import classifier
from upstander.reports.models import Report, TextAnalysis


@dataclass(frozen=True)
class Text:
    source: str
    label: str
    text: str


def report_texts(*, report: Report) -> list[Text]:
    texts = [Text("account", "What the reporter wrote", report.account)]
    for item in evidence_texts_for_report(report_id=report.pk):
        label = {"ocr": "Text read from a screenshot", "pasted": "Pasted message", "email": "Email"}.get(
            item.source, "Text of a file"
        )
        texts.append(Text(f"evidence:{item.item_id}", f"{label} (evidence {item.item_id})", item.text))
    return [t for t in texts if t.text.strip()]


def analyse_report(*, report: Report) -> list[TextAnalysis]:
    """Analyse every text of the report not yet analysed by this model version. Returns the new ones."""
    model = classifier()
    done = set(TextAnalysis.objects.filter(report=report, model_version=model.version).values_list("source", flat=True))
    made = []
    for text in report_texts(report=report):
        if text.source in done:
            continue
        result = model.classify(text.text)
        try:
            with transaction.atomic():
                made.append(
                    TextAnalysis.objects.create(
                        report=report,
                        source=text.source,
                        source_label=text.label[:200],
                        text=text.text,
                        model_version=model.version,
                        result=dict(result),
                        flags=list(result["flags"]),
                        urgent=bool(result["urgent"]),
                    )
                )
        except IntegrityError:  # analysed meanwhile by another worker
            continue
    return made


def withdraw_evidence_analyses(*, item_ids: list[int]) -> int:
    """Delete the analyses of these evidence items' texts (sealed or erased: their text must not be
    shown, and the classifier's copy is a copy). Made again if the DSL unseals an item."""
    sources = [f"evidence:{item_id}" for item_id in item_ids]
    return TextAnalysis.objects.filter(source__in=sources).delete()[0] if sources else 0
