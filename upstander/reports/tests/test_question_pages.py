"""The public form's question pages (GOV.UK pattern: the question is the page's h1, inside the legend)
and what the receipt tells someone who said a person is in danger now."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from upstander.accounts.models import Organisation
from upstander.reports.tests.helpers import ANSWERS, fill_in_report
from upstander.reports.views_public import STEPS

pytestmark = pytest.mark.django_db


def test_each_of_the_seven_question_pages_has_its_question_as_the_one_h1(client: Client, org: Organisation) -> None:
    assert len(STEPS) == 7
    for step in STEPS:
        page = client.get(reverse("reports:step", args=["hill", step.slug])).content.decode()
        headings = re.findall(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        assert len(headings) == 1, step.slug
        question = step.form.base_fields[next(iter(step.form.base_fields))].label
        assert question in headings[0], step.slug
        inside_legend = re.search(r"<legend[^>]*>\s*<h1>", page) is not None
        wraps_label = re.search(r'<h1 class="label-heading"><label for=', page) is not None
        assert inside_legend or wraps_label, step.slug  # radios: in the legend; one text box: around its label
        client.post(reverse("reports:step", args=["hill", step.slug]), ANSWERS[step.slug])


def test_a_danger_now_receipt_says_call_999_and_tell_an_adult_now(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill", danger={"in_danger": "yes"})
    client.post(reverse("reports:check", args=["hill"]))
    page = client.get(reverse("reports:sent", args=["hill"])).content.decode()
    assert "day or two" not in page
    assert "call 999" in page and "Tell an adult you trust <strong>now</strong>" in page


def test_an_ordinary_receipt_still_says_when_to_check(client: Client, org: Organisation) -> None:
    fill_in_report(client, "hill")
    client.post(reverse("reports:check", args=["hill"]))
    page = client.get(reverse("reports:sent", args=["hill"])).content.decode()
    assert "in a day or two" in page and "Do not wait for a reply here" not in page
