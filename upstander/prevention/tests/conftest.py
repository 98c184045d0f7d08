from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone

from upstander.accounts.models import Organisation, User
from upstander.people.models import Person, PersonKind
from upstander.prevention import questions, services
from upstander.prevention.models import Policy, PolicyKind, Survey


@pytest.fixture
def approved_policy(users: dict[str, User], org: Organisation) -> Callable[..., Policy]:
    def make(kind: str = PolicyKind.AUP_PARENTS, organisation: Organisation | None = None, by: User | None = None) -> Policy:
        by = by or users["dsl"]
        policy = services.policy_create(organisation=organisation or org, kind=kind, by=by)
        services.version_approve(
            version=policy.versions.get(number=1), approved_on=timezone.localdate(), approved_by="Governors", by=by
        )
        return policy

    return make


@pytest.fixture
def parents(org: Organisation) -> list[Person]:
    return [
        Person.objects.create(organisation=org, kind=PersonKind.PARENT, first_name=name, last_name="Parent")
        for name in ("Karen", "Imran", "Ola")
    ]


@pytest.fixture
def pupils(org: Organisation) -> list[Person]:
    return [
        Person.objects.create(organisation=org, kind=PersonKind.PUPIL, first_name=f"Pupil{i}", year_group="Year 8")
        for i in range(4)
    ]


@pytest.fixture
def make_survey(users: dict[str, User], org: Organisation) -> Callable[..., Survey]:
    def make(organisation: Organisation | None = None, days_open: int = 7, opened_days_ago: int = 0,
             keys: list[str] | None = None, expected: int = 30) -> Survey:
        opens = timezone.localdate() - timedelta(days=opened_days_ago)
        return services.survey_create(
            organisation=organisation or org, series="Pupil voice", term="Autumn 2026", group="Year 8",
            question_keys=keys or questions.DEFAULT_QUESTIONS, opens_on=opens,
            closes_on=opens + timedelta(days=days_open), expected=expected, by=users["dsl"],
        )

    return make

