from __future__ import annotations

from django.test import Client
from django.urls import reverse

from upstander import testing

ANSWERS = {
    "danger": {"in_danger": "no"},
    "who": {"reporter_role": "target"},
    "what": {"account": "Someone in my class keeps posting mean comments about me on my pictures."},
    "where": {"channel": "social_media", "platform": "instagram"},
    "when": {"happened_when": "this_week", "happened_on": ""},
    "people": {"people_involved": "@mean_account_123"},
    "you": {"anonymous": "no"},
}


def fill_in_report(client: Client, slug: str, **overrides: dict[str, str]) -> None:
    for step, answers in {**ANSWERS, **overrides}.items():
        response = client.post(reverse("reports:step", args=[slug, step]), answers)
        assert response.status_code == 302, (step, response.content[:2000])


def run_tasks() -> int:
    """Run every queued background task once (see upstander.testing.run_tasks)."""
    return testing.run_tasks()
