from __future__ import annotations

import pytest

from upstander.demo.data import load_demo
from upstander.takedown import selectors
from upstander.takedown.models import RemovalRequest, Route, Status

pytestmark = pytest.mark.django_db


def test_the_demo_has_requests_in_every_state_one_overdue_and_one_refused_then_escalated() -> None:
    load_demo()
    load_demo()  # idempotent
    requests = RemovalRequest.objects.all()
    assert {r.status for r in requests} == set(Status.values)
    assert selectors.overdue_requests().count() == 1
    refused = requests.get(status=Status.REFUSED, route=Route.PLATFORM)
    assert refused.escalations.get().route == Route.RHC
    assert "found no violation of the X Rules" in refused.escalations.get().draft
