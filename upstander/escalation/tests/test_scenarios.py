"""Written scenarios from the seed procedures, kept as data in scenarios.json: one test per scenario."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from upstander.escalation import DUTY_CODES, escalate

SCENARIOS: list[dict[str, Any]] = json.loads((Path(__file__).parent / "scenarios.json").read_text(encoding="utf-8"))


def test_there_are_at_least_forty_scenarios_with_unique_names_and_known_duties() -> None:
    assert len(SCENARIOS) >= 40
    assert len({s["name"] for s in SCENARIOS}) == len(SCENARIOS)
    for scenario in SCENARIOS:
        assert set(scenario["expected"]) <= set(DUTY_CODES), scenario["name"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s["name"] for s in SCENARIOS])
def test_scenario_proposes_exactly_the_expected_duties(scenario: dict[str, Any]) -> None:
    recommendation = escalate(data=scenario["facts"])
    duties = {duty.duty: duty for duty in recommendation.duties}

    assert set(duties) == set(scenario["expected"])
    if "first" in scenario:
        assert recommendation.codes[0] == scenario["first"]
    if "second" in scenario:
        assert recommendation.codes[1] == scenario["second"]
    for code, refs in scenario.get("legal_includes", {}).items():
        assert set(refs) <= set(duties[code].legal)
    for code, refs in scenario.get("legal_excludes", {}).items():
        assert not set(refs) & set(duties[code].legal)
    for code, words in scenario.get("reason_includes", {}).items():
        assert words in duties[code].reason
