"""`upstander escalate`: the JSON-lines contract other tools depend on, end to end and through call_command."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from upstander.escalation import RULES_VERSION, escalate
from upstander.escalation.jsonl import escalate_lines

UPSTANDER = Path(sys.executable).parent / "upstander"
REPO = Path(__file__).resolve().parents[3]

GOOD: dict[str, Any] = {
    "id": "ok-1",
    "categories": ["insult"],
    "target": {"kind": "staff"},
    "perpetrator": {"kind": "parent"},
}
DANGER: dict[str, Any] = {
    "id": 7,
    "danger_now": True,
    "sexual_image_of_under_18": True,
    "perpetrator": {"kind": "staff"},
}


def _run(lines: list[str], **options: Any) -> list[dict[str, Any]]:
    out = io.StringIO()
    call_command("escalate", stdin=io.StringIO("".join(f"{line}\n" for line in lines)), stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_piping_json_lines_through_the_command_gives_one_line_per_case_in_order() -> None:
    lines = [
        "\ufeff" + json.dumps(GOOD),  # a byte-order mark from a Windows editor must not spoil the first line
        "",
        "   ",
        "{not json",
        json.dumps({"id": "bad-age", "target": {"age": "ten"}}),
        json.dumps({"id": "bad-kind", "perpetrator": {"kind": "teacher"}}),
        json.dumps({"id": "bad-category", "categories": ["bullying"]}),
        json.dumps(DANGER),
        "[1, 2]",
    ]
    data = ("\n".join(lines) + "\n").encode() + b'{"id": "caf\xff"}\n'  # bytes that are not UTF-8 do not stop the run
    result = subprocess.run(
        [str(UPSTANDER), "escalate"], input=data, capture_output=True, cwd=REPO, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr.decode()
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [item["id"] for item in out] == ["ok-1", None, "bad-age", "bad-kind", "bad-category", 7, None, "caf\ufffd"]
    assert out[0] == escalate(data=GOOD).as_dict()
    assert out[0]["rules_version"] == RULES_VERSION
    assert [d["duty"] for d in out[5]["duties"]][:2] == ["call_999", "do_not_view_image"]
    assert set(out[1]) == {"id", "error"} and out[1]["error"].startswith("line 4: not valid JSON")
    assert "target.age" in out[2]["error"] and '"age": 14' in out[2]["error"]
    assert "perpetrator.kind" in out[3]["error"] and "Kinds:" in out[3]["error"]
    assert 'unknown name "bullying"' in out[4]["error"]
    assert "must be a JSON object" in out[6]["error"]
    assert out[7]["duties"] == []


def test_each_duty_has_exactly_the_contract_fields() -> None:
    (line,) = _run([json.dumps(DANGER)])
    assert set(line) == {"id", "rules_version", "duties"}
    for duty in line["duties"]:
        assert set(duty) == {"duty", "reason", "legal"}
        assert isinstance(duty["reason"], str) and isinstance(duty["legal"], list)


def test_call_command_gives_the_same_answer_as_the_python_api() -> None:
    cases: list[dict[str, Any]] = [GOOD, DANGER, {"id": "x", "grooming": True, "target": {"kind": "pupil", "age": 12}}]
    assert _run([json.dumps(c) for c in cases]) == [escalate(data=c).as_dict() for c in cases]


def test_blank_lines_are_skipped_but_line_numbers_still_count_them() -> None:
    out = _run(["", json.dumps({"id": "a"}), "", "", '{"id": "b", "danger_now": "yes"}'])
    assert out[0] == {"id": "a", "rules_version": RULES_VERSION, "duties": []}
    assert out[1]["id"] == "b" and out[1]["error"].startswith("line 5: danger_now:")


def test_an_error_line_has_a_null_id_when_the_id_itself_is_bad() -> None:
    (line,) = _run([json.dumps({"id": {"nested": 1}, "danger_now": True})])
    assert line["id"] is None and line["error"].startswith("line 1: id:")


def test_it_reads_a_file_given_with_input(tmp_path: Path) -> None:
    source = tmp_path / "facts.jsonl"
    source.write_text(json.dumps(GOOD) + "\n\n" + json.dumps(DANGER) + "\n", encoding="utf-8")
    assert [line["id"] for line in _run([], input=str(source))] == ["ok-1", 7]


def test_a_missing_input_file_is_a_command_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No such file"):
        call_command("escalate", input=str(tmp_path / "absent.jsonl"), stdout=io.StringIO())


def test_rules_version_prints_the_version() -> None:
    out = io.StringIO()
    call_command("escalate", rules_version=True, stdout=out)
    assert out.getvalue().strip() == RULES_VERSION


def test_it_processes_thousands_of_lines_in_order_with_the_same_answers_as_one_by_one() -> None:
    # How fast is measured by bench/escalate_throughput.py, not here: a timing assertion fails on a busy machine.
    facts = [{**DANGER, "id": n, "categories": ["threat", "harassment"], "prior_incidents_same_pair": n % 3}
             for n in range(3000)]  # fmt: skip
    out = [json.loads(line) for line in escalate_lines(lines=[json.dumps(f) for f in facts])]
    assert [line["id"] for line in out] == list(range(3000))
    for n in (0, 1, 2, 1499, 2999):  # each kind of line (n % 3), first and last
        assert out[n] == escalate(data=facts[n]).as_dict()
    assert all(line["duties"] and "error" not in line for line in out)
