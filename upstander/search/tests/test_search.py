"""Search finds what reports, messages, notes, people and evidence say, and only what the searcher may open."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from upstander.accounts.actor import Actor, Context
from upstander.accounts.models import Organisation, Role, User
from upstander.cases import selectors as case_selectors
from upstander.cases.models import Case, CaseParty, PartyRole
from upstander.cases.services import case_add_entry
from upstander.evidence.adding import evidence_add_text
from upstander.evidence.sealing import evidence_seal
from upstander.reports.models import ReportMessage, TextAnalysis
from upstander.search import selectors
from upstander.search.selectors import search_cases

pytestmark = pytest.mark.django_db


def org_actor(organisation: Organisation, role: str) -> Actor:
    return Actor(user_id=1, context=Context("org", organisation.pk, organisation.name, frozenset({role})))


def numbers(actor: Actor, query: str) -> set[tuple[int, int]]:
    return {(hit.case.organisation_id, hit.case.number) for hit in search_cases(actor=actor, query=query)}


def test_a_handle_mentioned_in_two_cases_finds_both(open_case: Callable[..., Case], org: Organisation) -> None:
    first = open_case(account="Someone called jay_k_2011 keeps commenting on my photos.")
    second = open_case(account="It started again on the group chat.")
    ReportMessage.objects.create(
        report=second.case_reports.get().report, author_kind="reporter", body="The account is @Jay_K_2011 again"
    )
    open_case(account="Nothing to do with it: jay and k, 2011 were mentioned apart.")
    found = search_cases(actor=org_actor(org, Role.DSL), query="jay_k_2011")
    assert [hit.case.pk for hit in found] == [first.pk, second.pk] or {h.case.pk for h in found} == {
        first.pk,
        second.pk,
    }
    assert len(found) == 2
    message_snippet = next(h for h in found if h.case.pk == second.pk).snippets[0]
    assert message_snippet.source == "Message with the reporter"
    assert message_snippet.match == "Jay_K_2011"


def test_notes_people_and_evidence_text_are_found(
    open_case: Callable[..., Case], org: Organisation, users: dict[str, User]
) -> None:
    case = open_case()
    case_add_entry(case=case, by=users["dsl"], kind="note", text="Phoned Mrs Okonkwo about the lunchtime incident.",
                   request=None)  # fmt: skip
    CaseParty.objects.create(case=case, organisation=org, role=PartyRole.ALLEGED_PERPETRATOR, identifier="07700 900123")
    item = evidence_add_text(report=case.case_reports.get().report, text="ur a loser", kind="message",
                             metadata={"handles": "@shadowfox99"}, added_by=users["dsl"])  # fmt: skip
    TextAnalysis.objects.create(report=item.report, source=f"evidence:{item.pk}", text="screenshot says meet me at the canal",
                                model_version="t", result={})  # fmt: skip
    dsl = org_actor(org, Role.DSL)
    for query, source in (
        ("okonkwo", "Chronology"),
        ("07700", "Person involved"),
        ("shadowfox99", "Evidence details"),
        ("canal", "Text of the evidence"),
    ):
        found = search_cases(actor=dsl, query=query)
        assert [h.case.pk for h in found] == [case.pk], query
        assert found[0].snippets[0].source == source


def test_the_index_follows_changes_and_removals(open_case: Callable[..., Case], org: Organisation) -> None:
    case = open_case()
    party = CaseParty.objects.create(case=case, organisation=org, role=PartyRole.TARGET, identifier="bluebird_22")
    dsl = org_actor(org, Role.DSL)
    assert numbers(dsl, "bluebird_22") == {(org.pk, case.number)}
    party.identifier = "redbird_23"
    party.save()
    assert numbers(dsl, "bluebird_22") == set()
    assert numbers(dsl, "redbird_23") == {(org.pk, case.number)}
    party.delete()
    assert numbers(dsl, "redbird_23") == set()


def test_sealing_an_item_takes_it_out_of_search(
    open_case: Callable[..., Case], org: Organisation, users: dict[str, User]
) -> None:
    case = open_case()
    item = evidence_add_text(report=case.case_reports.get().report, text="x", kind="message",
                             metadata={"handles": "@sealme_77"}, added_by=users["dsl"])  # fmt: skip
    dsl = org_actor(org, Role.DSL)
    assert numbers(dsl, "sealme_77")
    evidence_seal(item=item, by=users["dsl"], reason="A nude image of a pupil.")
    assert numbers(dsl, "sealme_77") == set()


def test_words_typed_are_never_read_as_query_syntax(open_case: Callable[..., Case], org: Organisation) -> None:
    open_case(account="A plain account.")
    dsl = org_actor(org, Role.DSL)
    for query in ('"', "NEAR(", "a OR b", "*", "body:x", "-", "'; DROP TABLE x; --", "ü"):
        search_cases(actor=dsl, query=query)  # raises on a syntax error
    assert selectors.query_words('" * -') == []


# --- Never more than the searcher could open directly ------------------------------------------------


@pytest.fixture
def world(
    open_case: Callable[..., Case], org: Organisation, other_org: Organisation, users: dict[str, User], authority: Any
) -> dict[str, Case]:
    """Cases in two organisations, each saying a token in one kind of text: a leads-only case, a
    sealed item, evidence, and one case escalated to the authority."""
    plain = open_case(account="tokreport tokshared")
    ReportMessage.objects.create(report=plain.case_reports.get().report, author_kind="reporter", body="tokmessage")
    leads_only = open_case(account="tokleads tokshared")
    Case.objects.filter(pk=leads_only.pk).update(playbook="sexual_images")
    item = evidence_add_text(report=plain.case_reports.get().report, text="x", kind="message",
                             metadata={"handles": "tokevidence"}, added_by=users["dsl"])  # fmt: skip
    TextAnalysis.objects.create(
        report=item.report, source=f"evidence:{item.pk}", text="tokocr", model_version="t", result={}
    )
    sealed = evidence_add_text(report=plain.case_reports.get().report, text="y", kind="message",
                               metadata={"handles": "toksealed"}, added_by=users["dsl"])  # fmt: skip
    TextAnalysis.objects.create(report=sealed.report, source=f"evidence:{sealed.pk}", text="toksealedocr",
                                model_version="t", result={})  # fmt: skip
    evidence_seal(item=sealed, by=users["dsl"], reason="Sexual image.")
    escalated = open_case(account="tokescalated tokshared")
    Case.objects.filter(pk=escalated.pk).update(escalated_authority=authority)
    elsewhere = open_case(organisation=other_org, account="tokother tokshared")
    return {"plain": plain, "leads_only": leads_only, "escalated": escalated, "elsewhere": elsewhere}


TOKENS = ["tokreport", "tokmessage", "tokleads", "tokevidence", "tokocr", "toksealed", "toksealedocr",
          "tokescalated", "tokother", "tokshared"]  # fmt: skip


def actors(org: Organisation, other_org: Organisation, authority: Any) -> list[Actor]:
    made = [org_actor(org, role) for role in Role if role != Role.AUTHORITY_LEAD]
    made.append(org_actor(other_org, Role.DSL))
    made.append(Actor(user_id=1, context=Context("authority", authority.pk, "LA", frozenset({Role.AUTHORITY_LEAD}))))
    return made


def test_search_never_returns_what_the_searcher_could_not_open(
    world: dict[str, Case], org: Organisation, other_org: Organisation, authority: Any
) -> None:
    from django.http import Http404

    from upstander.evidence import permissions as evidence_permissions

    seen_by: dict[str, set[int]] = {}
    for actor in actors(org, other_org, authority):
        for token in TOKENS:
            for hit in search_cases(actor=actor, query=token):
                try:  # each result opens directly for this actor ...
                    case_selectors.case_for_actor(actor=actor, case_id=hit.case.pk)
                except Http404:
                    pytest.fail(f"{actor.roles} found case {hit.case.pk} for {token!r} but may not open it")
                for s in hit.snippets:  # ... and each snippet comes from text this actor may read
                    assert "toksealed" not in s.match + s.before + s.after
                    if s.source.startswith("Evidence") or s.source.startswith("Text of the evidence"):
                        assert evidence_permissions.can_view_evidence(actor)
                seen_by.setdefault(token, set()).add(hit.case.pk)
        key = f"{actor.context.kind}:{actor.context.id}:{sorted(actor.roles)[0]}" if actor.context else ""
        seen_by.setdefault(key, set())
    # And what each may open is found: the test above cannot pass by finding nothing.
    dsl = org_actor(org, Role.DSL)
    assert numbers(dsl, "tokshared") == {(org.pk, c.number) for k, c in world.items() if k != "elsewhere"}
    assert numbers(dsl, "tokocr") == {(org.pk, world["plain"].number)}
    assert numbers(dsl, "toksealed") == set() and numbers(dsl, "toksealedocr") == set()
    senior = org_actor(org, Role.SENIOR_LEADER)
    assert numbers(senior, "tokleads") == set() and numbers(senior, "tokevidence") == set()
    assert numbers(senior, "tokmessage") == {(org.pk, world["plain"].number)}
    lead = Actor(user_id=1, context=Context("authority", authority.pk, "LA", frozenset({Role.AUTHORITY_LEAD})))
    assert numbers(lead, "tokshared") == {(org.pk, world["escalated"].number)}
    assert numbers(org_actor(other_org, Role.DSL), "tokshared") == {(other_org.pk, world["elsewhere"].number)}
    for role in (Role.STAFF, Role.ORG_ADMIN):
        assert numbers(org_actor(org, role), "tokshared") == set()


def test_the_search_page_is_for_case_readers_only(
    world: dict[str, Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    for role, status in ((Role.DSL, 200), (Role.SENIOR_LEADER, 200), (Role.STAFF, 403), (Role.ORG_ADMIN, 403)):
        response = login_as(users[role]).get("/search/", {"q": "tokevidence"})
        assert response.status_code == status, role
    response = login_as(users[Role.DSL]).get("/search/", {"q": "tokevidence"})
    assert f"Case {world['plain'].number}" in response.content.decode()
    assert "<mark>tokevidence</mark>" in response.content.decode()
    from upstander.audit.models import AuditEvent

    seen = AuditEvent.objects.filter(
        object_type="cases.case", object_id=str(world["plain"].pk), detail__page="search results"
    )
    assert seen.count() == 2  # two searches by the DSL above: each result is audited on the case's trail
    response = login_as(users[Role.SENIOR_LEADER]).get("/search/", {"q": "tokevidence"})
    assert "0 cases found" in response.content.decode()


def test_the_search_page_refuses_post(users: dict[str, User], login_as: Callable[[User], Client]) -> None:
    assert login_as(users[Role.DSL]).post("/search/", {"q": "x"}).status_code == 405


def test_a_snippet_escapes_what_it_shows(
    open_case: Callable[..., Case], users: dict[str, User], login_as: Callable[[User], Client]
) -> None:
    open_case(account="<script>alert(1)</script> tokxss")
    client = login_as(users[Role.DSL])
    body = client.get("/search/", {"q": "tokxss"}).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_the_rebuild_command_indexes_everything_again(open_case: Callable[..., Case], org: Organisation) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.db import connection

    case = open_case(account="rebuilt_token_42 here")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM search_entry")
    assert numbers(org_actor(org, Role.DSL), "rebuilt_token_42") == set()
    out = StringIO()
    call_command("search_rebuild", stdout=out)
    assert "Search index rebuilt" in out.getvalue()
    assert numbers(org_actor(org, Role.DSL), "rebuilt_token_42") == {(org.pk, case.number)}


def test_triggers_dropped_by_a_table_rebuild_come_back_after_migrate(
    open_case: Callable[..., Case], org: Organisation
) -> None:
    from django.db import connection

    from upstander.search import index

    case = open_case(account="before_rebuild_77")
    with connection.cursor() as cursor:  # what SQLite's table rebuild (or a careless DBA) does
        if connection.vendor == "postgresql":
            cursor.execute("DROP TRIGGER reports_report_search ON reports_report")
        else:
            cursor.execute("DROP TRIGGER reports_report_search_ai")
    assert index.missing_triggers(connection)
    open_case(account="while_missing_88")
    assert index.ensure(connection) is True
    assert index.missing_triggers(connection) == set()
    dsl = org_actor(org, Role.DSL)
    assert numbers(dsl, "before_rebuild_77") == {(org.pk, case.number)}
    assert len(numbers(dsl, "while_missing_88")) == 1  # indexed again by the refill
    assert index.ensure(connection) is False


def test_a_sealed_items_text_leaves_the_index_itself_and_returns_when_unsealed(
    open_case: Callable[..., Case], org: Organisation, users: dict[str, User]
) -> None:
    from django.db import connection

    from upstander.evidence.sealing import evidence_unseal
    from upstander.reports.tests.helpers import run_tasks
    from upstander.search import index

    def indexed(analysis_id: int) -> bool:
        column = "id" if connection.vendor == "postgresql" else "rowid"
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM search_entry WHERE {column} = %s",  # noqa: S608
                           [analysis_id * index.KINDS + index.EVIDENCE_TEXT])  # fmt: skip
            return bool(cursor.fetchone()[0])

    case = open_case()
    item = evidence_add_text(report=case.case_reports.get().report, text="pasted ocr_words_31", kind="message",
                             added_by=users["dsl"])  # fmt: skip
    run_tasks()  # the classifier reads the item's text: its analysis is what search indexes
    analysis = TextAnalysis.objects.get(source=f"evidence:{item.pk}")
    assert indexed(analysis.pk)
    evidence_seal(item=item, by=users["dsl"], reason="A sexual image.")
    # Not only hidden from results: the classifier's copy of the text is deleted, and with it the entry.
    assert not TextAnalysis.objects.filter(source=f"evidence:{item.pk}").exists()
    assert not indexed(analysis.pk)
    assert numbers(org_actor(org, Role.DSL), "ocr_words_31") == set()
    evidence_unseal(item=item, by=users["dsl"], reason="Checked: not an image of a child.")
    run_tasks()  # read again once unsealed, and indexed again
    assert indexed(TextAnalysis.objects.get(source=f"evidence:{item.pk}").pk)
    assert numbers(org_actor(org, Role.DSL), "ocr_words_31") == {(org.pk, case.number)}
