"""The authority lead's home page shows what is escalated and what needs their attention."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.utils import timezone

from upstander.accounts.models import Authority, Organisation, Role, User
from upstander.cases.models import Case

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_escalated_cases_needing_attention(
    open_case: Callable[..., Case], users: dict[str, User], authority: Authority, login_as: Callable[[User], Client],
) -> None:  # fmt: skip
    urgent = open_case(account="urgent one")
    quiet = open_case(account="quiet one")
    never = open_case(account="not escalated")
    long_ago = timezone.now() - timezone.timedelta(days=30)
    Case.objects.filter(pk=urgent.pk).update(escalated_authority=authority, escalated_at=timezone.now(), urgent=True)
    Case.objects.filter(pk=quiet.pk).update(escalated_authority=authority, escalated_at=long_ago, risk="low")
    page = login_as(users[Role.AUTHORITY_LEAD]).get("/").content.decode()
    assert "2 cases escalated by your organisations" in page and "2 still open" in page
    assert f"Case {urgent.number}</a> from Hill School: urgent" in page
    assert f"Case {quiet.number}</a>" not in page.split("Needs your attention")[1].split("</ul>")[0]
    assert f"Case {never.number}</a>" not in page
    assert "Escalated cases" in page


def test_another_authoritys_escalations_are_not_shown(
    open_case: Callable[..., Case], make_user: Callable[..., User], login_as: Callable[[User], Client]
) -> None:
    other = Authority.objects.create(name="Elsewhere Council", slug="elsewhere")
    school = Organisation.objects.create(name="Far School", slug="far", authority=other)
    case = open_case(organisation=school, account="far away")
    Case.objects.filter(pk=case.pk).update(escalated_authority=other, escalated_at=timezone.now(), urgent=True)
    mine = Authority.objects.get(slug="testshire")
    lead = make_user("lead@testshire.test", role=Role.AUTHORITY_LEAD, authority=mine)
    page = login_as(lead).get("/").content.decode()
    assert "0 cases escalated" in page and "Far School" not in page
    assert "Nothing at the moment" in page
