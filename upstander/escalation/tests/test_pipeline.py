"""`upstander classify | upstander facts | upstander escalate`: classifier output reaches the rules without hand edits."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from upstander.escalation import RULES_VERSION, FactsError, escalate
from upstander.escalation.classified import facts_from_classification

UPSTANDER = Path(sys.executable).parent / "upstander"
REPO = Path(__file__).resolve().parents[3]

MESSAGES = [
    {"id": "m1", "text": "you are a stupid muslim terrorist, go back home or I will kill you"},
    {"id": "m2", "text": "see you at football practice on saturday"},
    {"id": "m3", "text": "nobody likes you, you are ugly and thick, loser"},
]


def _pipe(stdin: bytes, *commands: list[str]) -> bytes:
    """Run the commands as a shell pipeline would (stdout of one into stdin of the next)."""
    data = stdin
    for command in commands:
        result = subprocess.run([str(UPSTANDER), *command], input=data, capture_output=True, cwd=REPO, timeout=120,
                                check=False)  # fmt: skip
        assert result.returncode == 0, (command, result.stderr.decode())
        data = result.stdout
    return data


def test_classify_then_facts_then_escalate_runs_end_to_end_without_hand_edits() -> None:
    stdin = "".join(json.dumps(m) + "\n" for m in MESSAGES).encode()
    # `classify` runs once: its bytes, exactly as a shell pipe would pass them, go on to facts | escalate.
    classify_out = _pipe(stdin, ["classify"])
    classified = [json.loads(line) for line in classify_out.decode().splitlines()]
    context = json.dumps({"setting": "school", "target": {"kind": "pupil", "age": 13}})
    out = [json.loads(line) for line in _pipe(classify_out, ["facts", "--with", context], ["escalate"]).decode()
           .splitlines()]  # fmt: skip

    assert [line["id"] for line in out] == ["m1", "m2", "m3"]
    assert all("error" not in line and line["rules_version"] == RULES_VERSION for line in out)
    first = classified[0]
    assert "hate" in first["flags"]  # the classifier's derived label goes through as a category
    duties = {d["duty"]: d for d in out[0]["duties"]}
    assert "police_101" in duties and "inform_parents" in duties
    if "urgent" in first["flags"]:
        assert out[0]["duties"][0]["duty"] == "call_999"
    # Each line's duties are exactly what the rules give for the facts the step produced.
    facts = [facts_from_classification(c, context=json.loads(context)) for c in classified]
    assert out == [escalate(data=f).as_dict() for f in facts]


def test_the_facts_step_keeps_hate_and_strands_and_reads_urgent_as_danger_now() -> None:
    line = {"id": "x", "model": "m", "categories": {"insult": 0.9, "hate": 0.8}, "prejudice": {"racist": 0.8},
            "flags": ["insult", "hate", "racist", "urgent"], "urgent": True, "spans": [], "personal_information": []}  # fmt: skip
    facts = facts_from_classification(line, context={"setting": "college"})
    assert facts == {"id": "x", "danger_now": True, "setting": "college", "categories": ["insult", "hate"],
                     "prejudice": ["racist"]}  # fmt: skip


def test_without_flags_the_probabilities_are_read_at_one_half() -> None:
    facts = facts_from_classification({"id": 1, "categories": {"threat": 0.7, "insult": 0.2}, "prejudice": {}})
    assert facts["categories"] == ["threat"] and facts["prejudice"] == []


def test_hate_in_categories_is_not_an_error_in_escalate() -> None:
    out = io.StringIO()
    call_command("escalate", stdin=io.StringIO(json.dumps({"id": "h", "categories": ["hate"]}) + "\n"), stdout=out)
    line = json.loads(out.getvalue())
    assert "error" not in line and [d["duty"] for d in line["duties"]] == ["police_101", "report_to_platform"]


def test_a_bad_line_or_a_bad_context_says_what_to_fix() -> None:
    with pytest.raises(FactsError, match="setting"):
        facts_from_classification({"flags": []}, context={"setting": "primary"})
    with pytest.raises(FactsError, match="neither a classifier field"):
        facts_from_classification({"flags": [], "danger_nwo": True})
    with pytest.raises(CommandError, match="--with must be a JSON object"):
        call_command("facts", context="[1]", stdin=io.StringIO(""), stdout=io.StringIO())
    out = io.StringIO()
    lines = '{"id": "a", "error": "line 1: no text"}\n{oops\n{"id": "b", "flags": ["insult"]}\n'
    call_command("facts", stdin=io.StringIO(lines), stdout=out)
    facts = [json.loads(x) for x in out.getvalue().splitlines()]
    assert facts[0]["id"] == "a" and "classifier could not read it" in facts[0]["error"]
    assert facts[1]["id"] is None and facts[1]["error"].startswith("line 2: not valid JSON")
    assert facts[2] == {"id": "b", "categories": ["insult"], "prejudice": []}
    escalated = io.StringIO()
    call_command("escalate", stdin=io.StringIO(out.getvalue()), stdout=escalated)
    final: list[dict[str, Any]] = [json.loads(x) for x in escalated.getvalue().splitlines()]
    assert [x["id"] for x in final] == ["a", None, "b"]
    assert "earlier step" in final[0]["error"] and "duties" in final[2]
