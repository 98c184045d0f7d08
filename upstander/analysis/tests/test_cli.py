"""The `upstander classify` contract: JSON lines or CSV in, one JSON line out per input, in order."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from upstander.analysis import BEHAVIOURS, STRANDS
from upstander.analysis.cli import main

ROOT = Path(__file__).resolve().parents[3]
KEYS = ["id", "model", "categories", "prejudice", "flags", "urgent", "spans", "personal_information"]


def run(stdin: str, *argv: str) -> tuple[int, list[dict[str, object]], str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(stdin), stdout=out, stderr=err)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    return code, lines, err.getvalue()


def jsonl(*items: object) -> str:
    return "".join(json.dumps(i) + "\n" for i in items)


def test_it_writes_one_line_per_input_in_order_with_the_contract_keys() -> None:
    code, lines, _ = run(jsonl({"id": "a", "text": "hello there"}, {"id": "b", "text": "I will kill you"}))
    assert code == 0
    assert [line["id"] for line in lines] == ["a", "b"]
    for line in lines:
        assert list(line) == KEYS


def test_categories_hold_every_behaviour_and_hate_and_prejudice_every_strand() -> None:
    _, [line], _ = run(jsonl({"id": 1, "text": "you are all idiots"}))
    assert set(line["categories"]) == {*BEHAVIOURS, "hate"}  # type: ignore[arg-type]
    assert set(line["prejudice"]) == set(STRANDS)  # type: ignore[arg-type]
    for p in [*line["categories"].values(), *line["prejudice"].values()]:  # type: ignore[union-attr]
        assert 0.0 <= p <= 1.0


def test_it_flags_a_threat_to_kill_as_urgent_with_the_triggering_words() -> None:
    text = "I'm going to kill you after school"
    _, [line], _ = run(jsonl({"id": "t", "text": text}))
    assert "threat" in line["flags"] and line["urgent"] is True  # type: ignore[operator]
    words = {text[s["start"] : s["end"]] for s in line["spans"] if s["label"] == "threat"}  # type: ignore[index,union-attr]
    assert any("kill" in w for w in words)


def test_invalid_json_gets_an_error_line_with_a_null_id_and_the_rest_go_on() -> None:
    code, lines, _ = run('{"id": "1", "text": "hi"}\n{not json\n{"id": "3", "text": "bye"}\n')
    assert code == 0
    assert [line["id"] for line in lines] == ["1", None, "3"]
    assert "error" in lines[1] and "line 2" in str(lines[1]["error"])
    assert "error" not in lines[0] and "error" not in lines[2]


@pytest.mark.parametrize(
    ("item", "expected_id", "fragment"),
    [
        ({"id": "x"}, "x", 'missing "text"'),
        ({"id": "y", "text": 42}, "y", "must be a string"),
        ({"id": "z", "text": None}, "z", "must be a string"),
        (["not", "an", "object"], None, "JSON object"),
        ({"id": {"nested": 1}, "text": "hi"}, None, "id must be"),
    ],
)
def test_bad_lines_get_an_error_that_says_what_to_fix(item: object, expected_id: object, fragment: str) -> None:
    _, [line], _ = run(jsonl(item))
    assert line == {"id": expected_id, "error": line["error"]}
    assert fragment in str(line["error"])


def test_blank_lines_are_skipped() -> None:
    _, lines, _ = run('\n{"id": "1", "text": "hi"}\n\n')
    assert [line["id"] for line in lines] == ["1"]


def test_an_empty_text_is_classified_not_rejected() -> None:
    _, [line], _ = run(jsonl({"id": "e", "text": ""}))
    assert line["flags"] == [] and "error" not in line


def test_csv_input_takes_the_id_column_when_present() -> None:
    data = 'id,message\nm1,hello\nm2,"kys, nobody would miss you"\n'
    code, lines, _ = run(data, "--format", "csv", "--text-column", "message")
    assert code == 0
    assert [line["id"] for line in lines] == ["m1", "m2"]
    assert "self_harm" in lines[1]["flags"]  # type: ignore[operator]


def test_csv_input_without_an_id_column_numbers_the_rows() -> None:
    _, lines, _ = run("text\nfirst\nsecond\n", "--format", "csv")
    assert [line["id"] for line in lines] == [1, 2]


def test_a_missing_csv_column_is_a_usage_error() -> None:
    code, lines, err = run("body\nhello\n", "--format", "csv", "--text-column", "text")
    assert code == 2 and lines == []
    assert "no column 'text'" in err


def test_it_reads_from_an_input_file(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(jsonl({"id": "f", "text": "hello"}), encoding="utf-8")
    code, lines, _ = run("", "--input", str(path))
    assert code == 0 and lines[0]["id"] == "f"


def test_a_missing_input_file_is_a_usage_error() -> None:
    code, _, err = run("", "--input", "/nonexistent/file.jsonl")
    assert code == 2 and "no such file" in err


def test_no_progress_bar_when_standard_error_is_not_a_terminal() -> None:
    _, _, err = run(jsonl(*({"id": i, "text": "hello"} for i in range(1200))))
    assert err == ""


def test_personal_information_is_listed_with_offsets_into_the_text() -> None:
    text = "her number is 07700 900461 and she lives at 14 Acacia Avenue"
    _, [line], _ = run(jsonl({"id": "p", "text": text}))
    items = line["personal_information"]
    assert {"type": "phone", "start": 14, "end": 26} in items  # type: ignore[operator]
    assert any(text[i["start"] : i["end"]] == "14 Acacia Avenue" for i in items)  # type: ignore[union-attr,index]


def test_the_upstander_command_classifies_json_lines_as_a_subprocess() -> None:
    exe = ROOT / ".venv" / "bin" / "upstander"
    cmd = [str(exe), "classify"] if exe.exists() else [sys.executable, "-m", "upstander.analysis.cli"]
    proc = subprocess.run(
        cmd,
        input=jsonl({"id": "s1", "text": "you are a stupid idiot"}, {"id": "s2", "text": "nice day"}) + "oops\n",
        capture_output=True,
        text=True,
        timeout=120,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["s1", "s2", None]
    assert "insult" in lines[0]["flags"] and "error" in lines[2]
