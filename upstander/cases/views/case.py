"""One case: its record, people, escalation, playbook, course of conduct and chronology (audited)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from upstander.accounts.auth import require
from upstander.cases import facts, informed, permissions, playbooks, selectors, services
from upstander.cases.forms import EntryForm
from upstander.cases.models import PartyRole, PlaybookItem, Referral
from upstander.cases.views._common import audit_view, case_for


@require_GET
@require(permissions.can_view_cases)
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    actor, case = case_for(request, case_id)
    audit_view(request, case, "case")
    can_work = permissions.can_work_case(actor, case)
    items = list(PlaybookItem.objects.filter(case=case).select_related("done_by"))
    courses = selectors.course_of_conduct(case=case)
    context = {
        "case": case,
        "can_work": can_work,
        "can_note": permissions.can_add_note(actor, case),
        "for_authority": actor.authority_id is not None,
        "parties": case.parties.select_related("person"),
        "reports": selectors.case_reports(case=case),
        "chronology": selectors.case_chronology(case=case),
        "proposals": facts.case_proposals(case=case) if actor.organisation_id else None,
        "decisions": list(facts.latest_decisions(case=case).values()),
        "referrals": Referral.objects.filter(case=case).select_related("decision"),
        "playbook": playbooks.PLAYBOOKS.get(case.playbook),
        "items": [(item, permissions.can_tick_playbook_item(actor, case, item)) for item in items],
        "items_left": sum(1 for item in items if not item.is_done),
        "courses": [(course, selectors.ordinal_words(course.ordinal)) for course in courses],
        "occasion": selectors.ordinal_words(max(c.ordinal for c in courses)) if courses else "",
        "possible_links": selectors.possible_links(case=case) if can_work else [],
        "merged_cases": case.merged_cases.all(),
        "review_questions": [
            *(
                (q, dict(options).get(case.review.get(k, ""), ""))
                for k, (q, options) in services.REVIEW_CHOICES.items()
            ),
            *((q, case.review.get(k, "")) for k, q in services.REVIEW_QUESTIONS.items()),
        ],
        "entry_form": EntryForm(),
        "responsible_actions": selectors.responsible_actions(case=case),
        "has_responsible": case.parties.filter(role=PartyRole.ALLEGED_PERPETRATOR).exists(),
        "watchers": list(informed.current_watchers(case=case)) if can_work else [],
    }
    return render(request, "cases/detail.html", context)
