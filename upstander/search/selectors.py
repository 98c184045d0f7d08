"""Searching case work: report text, messages with reporters, chronology notes, the people involved
(records, usernames and handles), evidence descriptions and evidence text (OCR included).

The database's full-text index (`index.py`) finds candidate rows; every hit is then mapped back to its
source row and case, and kept only if the searching person could open that case directly
(`cases.permissions.can_view_case`) and, for evidence, the evidence itself
(`evidence.permissions.can_view_item_content`: safeguarding leads only, never a sealed item). So a
result or snippet never shows what its reader could not open.
"""

# ruff: noqa: S608  (the SQL is built from constants and placeholders; the words go in as parameters)
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection

from upstander.accounts.actor import Actor
from upstander.accounts.models import Organisation
from upstander.cases import permissions as case_permissions
from upstander.cases.models import Case, CaseEntry, CaseParty, CaseReport
from upstander.evidence import permissions as evidence_permissions
from upstander.evidence.models import EvidenceItem
from upstander.reports.models import ReportMessage, TextAnalysis
from upstander.search import index

MAX_WORDS = 8
MAX_HITS = 500  # candidate rows read from the index per search
SNIPPET_CHARS = 70

SOURCE_LABELS: dict[int, str] = {
    index.REPORT: "Report",
    index.MESSAGE: "Message with the reporter",
    index.ENTRY: "Chronology",
    index.PARTY: "Person involved",
    index.PERSON: "Person record",
    index.EVIDENCE: "Evidence details",
    index.EVIDENCE_TEXT: "Text of the evidence",
}


@dataclass(frozen=True)
class Snippet:
    source: str
    before: str
    match: str
    after: str


@dataclass
class CaseHit:
    case: Case
    snippets: list[Snippet] = field(default_factory=list)


def query_words(query: str) -> list[list[str]]:
    """Each word typed, as the tokens the index holds: `@jay_k_2011` is the phrase jay k 2011."""
    words = []
    for word in query.split()[:MAX_WORDS]:
        tokens = re.findall(r"[^\W_]+", word.lower())
        if tokens:
            words.append(tokens)
    return words


def _organisations(actor: Actor) -> list[int]:
    if actor.authority_id is not None:
        return list(Organisation.objects.filter(authority_id=actor.authority_id).values_list("pk", flat=True))
    return [actor.organisation_id] if actor.organisation_id is not None else []


def _index_hits(words: list[list[str]], organisation_ids: list[int]) -> list[tuple[int, int, str]]:
    if not words or not organisation_ids:
        return []
    marks = ", ".join(["%s"] * len(organisation_ids))
    if connection.vendor == "postgresql":
        tsquery = " && ".join(["phraseto_tsquery('simple', %s)"] * len(words))
        sql = (
            f"SELECT kind, source_id, body FROM {index.TABLE} WHERE to_tsvector('simple', body) @@ ({tsquery}) "
            f"AND organisation_id IN ({marks}) "
            f"ORDER BY ts_rank(to_tsvector('simple', body), ({tsquery})) DESC LIMIT {MAX_HITS}"
        )
        phrases = [" ".join(tokens) for tokens in words]
        params: list[str | int] = [*phrases, *organisation_ids, *phrases]
    else:
        # Each word a quoted phrase, all required: nothing typed is read as FTS5 syntax.
        match = " AND ".join('"' + " ".join(tokens) + '"' for tokens in words)
        sql = (
            f"SELECT kind, source_id, body FROM {index.TABLE} WHERE {index.TABLE} MATCH %s "
            f"AND organisation_id IN ({marks}) ORDER BY rank LIMIT {MAX_HITS}"
        )
        params = [match, *organisation_ids]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(int(kind), int(source_id), body) for kind, source_id, body in cursor.fetchall()]


def snippet(body: str, words: list[list[str]], source: str) -> Snippet:
    """A short extract around the first word found, the word itself apart so the page can mark it."""
    text = " ".join(body.split())
    found = None
    for tokens in words:
        pattern = r"[\W_]*".join(re.escape(t) for t in tokens)
        found = re.search(pattern, text, re.IGNORECASE)
        if found:
            break
    if found is None:
        return Snippet(source, text[: SNIPPET_CHARS * 2] + ("…" if len(text) > SNIPPET_CHARS * 2 else ""), "", "")
    start, end = found.span()
    before = text[max(0, start - SNIPPET_CHARS) : start]
    after = text[end : end + SNIPPET_CHARS]
    return Snippet(
        source,
        ("…" if start > SNIPPET_CHARS else "") + before,
        text[start:end],
        after + ("…" if end + SNIPPET_CHARS < len(text) else ""),
    )


def _cases_of_hits(hits: list[tuple[int, int, str]], actor: Actor) -> dict[int, list[tuple[int, str]]]:
    """Case id -> [(kind, body)] for the hits the actor may read; evidence only for those who may open it."""
    by_kind: dict[int, dict[int, str]] = defaultdict(dict)
    for kind, source_id, body in hits:
        by_kind[kind][source_id] = body
    found: dict[int, list[tuple[int, str]]] = defaultdict(list)

    def add(kind: int, pairs: list[tuple[int, int]]) -> None:
        for source_id, case_id in pairs:
            found[case_id].append((kind, by_kind[kind][source_id]))

    report_case = dict(
        CaseReport.objects.values_list("report_id", "case_id").filter(report_id__in=_report_ids(by_kind))
    )
    add(index.REPORT, [(rid, report_case[rid]) for rid in by_kind[index.REPORT] if rid in report_case])
    messages = ReportMessage.objects.filter(pk__in=by_kind[index.MESSAGE]).values_list("pk", "report_id")
    add(index.MESSAGE, [(pk, report_case[rid]) for pk, rid in messages if rid in report_case])
    add(index.ENTRY, list(CaseEntry.objects.filter(pk__in=by_kind[index.ENTRY]).values_list("pk", "case_id")))
    add(index.PARTY, list(CaseParty.objects.filter(pk__in=by_kind[index.PARTY]).values_list("pk", "case_id")))
    named = CaseParty.objects.filter(person_id__in=by_kind[index.PERSON]).values_list("person_id", "case_id")
    add(index.PERSON, list(set(named)))
    if evidence_permissions.can_view_evidence(actor):
        items = {
            item.pk: item
            for item in EvidenceItem.objects.filter(pk__in=_evidence_ids(by_kind), sealed=False).only(
                "pk", "organisation_id", "sealed", "report_id"
            )
            if evidence_permissions.can_view_item_content(actor, item)
        }
        add(index.EVIDENCE, [(pk, report_case[items[pk].report_id]) for pk in by_kind[index.EVIDENCE]
                             if pk in items and items[pk].report_id in report_case])  # fmt: skip
        texts = []
        for pk, source, report_id in _evidence_texts(by_kind):
            item = items.get(int(source.split(":", 1)[1])) if source.split(":", 1)[1].isdigit() else None
            if item is not None and item.report_id == report_id and report_id in report_case:
                texts.append((pk, report_case[report_id]))
        add(index.EVIDENCE_TEXT, texts)
    return found


def _evidence_texts(by_kind: dict[int, dict[int, str]]) -> list[tuple[int, str, int]]:
    return list(
        TextAnalysis.objects.filter(pk__in=by_kind[index.EVIDENCE_TEXT], source__startswith="evidence:").values_list(
            "pk", "source", "report_id"
        )
    )


def _evidence_ids(by_kind: dict[int, dict[int, str]]) -> set[int]:
    ids = set(by_kind[index.EVIDENCE])
    for _, source, _ in _evidence_texts(by_kind):
        tail = source.split(":", 1)[1]
        if tail.isdigit():
            ids.add(int(tail))
    return ids


def _report_ids(by_kind: dict[int, dict[int, str]]) -> set[int]:
    ids = set(by_kind[index.REPORT])
    ids |= set(ReportMessage.objects.filter(pk__in=by_kind[index.MESSAGE]).values_list("report_id", flat=True))
    ids |= set(EvidenceItem.objects.filter(pk__in=by_kind[index.EVIDENCE]).values_list("report_id", flat=True))
    ids |= {report_id for _, _, report_id in _evidence_texts(by_kind)}
    return ids


def visible_cases(*, actor: Actor, case_ids: set[int] | list[int]) -> dict[int, Case]:
    """The cases among `case_ids` the actor could open directly (the rule of cases.selectors.case_for_actor)."""
    cases = Case.objects.filter(pk__in=case_ids).select_related("organisation", "merged_into")
    if actor.authority_id is not None:
        cases = cases.filter(escalated_authority_id=actor.authority_id, organisation__authority_id=actor.authority_id)
    elif actor.organisation_id is not None:
        cases = cases.filter(organisation_id=actor.organisation_id)
    else:
        return {}
    return {case.pk: case for case in cases if case_permissions.can_view_case(actor, case)}


def search_cases(*, actor: Actor, query: str, limit: int = 50) -> list[CaseHit]:
    """The cases matching every word of `query` that the actor may open, best match first, each with
    up to three snippets from text the actor may read."""
    if not case_permissions.can_view_cases(actor):
        return []
    words = query_words(query)
    hits = _index_hits(words, _organisations(actor))
    per_case = _cases_of_hits(hits, actor)
    cases = visible_cases(actor=actor, case_ids=set(per_case))
    results = []
    for case_id, found in per_case.items():  # dicts keep the index's rank order of first appearance
        case = cases.get(case_id)
        if case is None:
            continue
        results.append(CaseHit(case, [snippet(body, words, SOURCE_LABELS[kind]) for kind, body in found[:3]]))
    return results[:limit]


WORD_RE = re.compile(r"@?\w+(?:[.\-]\w+)*")


def _handles_in(text: str) -> list[str]:
    """Usernames and handles in free text: words with an @, an underscore, or letters and digits mixed."""
    found = []
    for word in WORD_RE.findall(text):
        letters, digits = any(c.isalpha() for c in word), any(c.isdigit() for c in word)
        if len(word) >= 4 and letters and (word.startswith("@") or "_" in word or digits):
            found.append(word)
    return found


def related_cases(*, actor: Actor, case: Case, limit: int = 10) -> list[tuple[Case, str]]:
    """Other cases that may belong with `case`, for a merge: the same person records, or the same
    usernames, handles or phone numbers named in them or in their text. Each with why."""
    if not case_permissions.can_view_case(actor, case):
        return []
    parties = list(case.parties.select_related("person"))
    reasons: dict[int, str] = {}
    person_ids = [p.person_id for p in parties if p.person_id]
    names = {p.person_id: p.person.display_name for p in parties if p.person is not None}
    shared = CaseParty.objects.filter(person_id__in=person_ids, organisation_id=case.organisation_id).exclude(
        case_id=case.pk
    )
    for other_id, person_id in shared.values_list("case_id", "person_id"):
        reasons.setdefault(other_id, f"names {names[person_id]} too")
    terms = [p.identifier.strip() for p in parties if p.identifier.strip()]
    reports = CaseReport.objects.filter(case=case).select_related("report")
    for link in reports:
        terms += _handles_in(f"{link.report.people_involved} {link.report.account}")
    if evidence_permissions.can_view_evidence(actor):
        for item in EvidenceItem.objects.filter(report_id__in=[link.report_id for link in reports], sealed=False):
            terms += item.handle_list
    for term in list(dict.fromkeys(terms))[:12]:
        for hit in search_cases(actor=actor, query=term, limit=limit + 1):
            if hit.case.pk != case.pk:
                reasons.setdefault(hit.case.pk, f"mentions {term} too")
    cases = visible_cases(actor=actor, case_ids=set(reasons))
    ordered = sorted(
        (c for c in cases.values() if c.merged_into_id is None and c.pk != case.pk),
        key=lambda c: c.opened_at,
        reverse=True,
    )
    return [(c, reasons[c.pk]) for c in ordered[:limit]]
