from defusedxml import ElementTree

from upstander.insights.charts import Chart, Series
from upstander.insights.suppression import suppress_line

SVG = "{http://www.w3.org/2000/svg}"


def test_a_bar_chart_is_an_image_with_a_title_a_summary_and_every_value_written() -> None:
    chart = Chart("b", "Behaviours", ["Insults", "Threats"], [Series("This term", [12, 3])])
    root = ElementTree.fromstring(chart.svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "b-title b-desc"
    assert root.find(f"{SVG}title").text == "Behaviours"
    assert "Insults 12" in root.find(f"{SVG}desc").text
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "12" in texts and "3" in texts and "Insults" in texts
    assert chart.rows == [("Insults", ["12"]), ("Threats", ["3"])]


def test_a_long_bar_label_wraps_onto_two_lines_instead_of_losing_its_end() -> None:
    label = "Sharing someone's private information or images"
    chart = Chart("w", "Behaviours", [label, "Trolling"], [Series("This term", [7, 2])])
    root = ElementTree.fromstring(chart.svg)
    wrapped = [t for t in root.iter(f"{SVG}text") if len(t.findall(f"{SVG}tspan")) == 2]
    assert len(wrapped) == 1
    lines = [span.text for span in wrapped[0].findall(f"{SVG}tspan")]
    assert " ".join(lines) == label and all(len(line) <= 30 for line in lines)


def test_two_series_differ_by_pattern_not_colour_alone() -> None:
    chart = Chart("t", "Trend", ["A"], [Series("Now", [4]), Series("Before", [6])])
    svg = chart.svg
    assert 'fill="url(#t-hatch)"' in svg and 'fill="#1b1b1b"' in svg
    assert "Now" in svg and "Before" in svg  # a legend with the series' names


def test_a_suppressed_count_draws_a_marked_gap_not_a_bar_of_a_guessed_size() -> None:
    cells, _ = suppress_line([30, 2, 9])
    chart = Chart("s", "Suppressed", ["A", "B", "C"], [Series("Cases", list(cells))])
    svg = chart.svg
    assert "fewer than 5" in svg and "not shown" in svg and 'fill="url(#s-gap)"' in svg
    assert chart.rows[1] == ("B", ["fewer than 5"])
    assert "not shown because the numbers are small" in chart.summary


def test_a_line_chart_marks_each_series_with_its_own_marker_and_dash() -> None:
    chart = Chart(
        "l", "By month", ["Sep", "Oct", "Nov"], [Series("All", [3, 8, 5]), Series("Prejudice", [1, 2, 0])], kind="line"
    )
    root = ElementTree.fromstring(chart.svg)
    lines = list(root.iter(f"{SVG}polyline"))
    assert len(lines) == 2 and lines[1].get("stroke-dasharray")
    assert root.find(f"{SVG}circle") is not None and root.find(f"{SVG}rect") is not None
    assert "3 in Sep, 5 in Nov; highest 8 in Oct" in chart.summary


def test_names_in_labels_are_escaped() -> None:
    chart = Chart("e", "<script>", ["<b>x</b>"], [Series("s", [1])])
    assert "<script>" not in chart.svg and "&lt;b&gt;" in chart.svg


def test_an_empty_chart_says_so() -> None:
    chart = Chart("z", "Nothing", ["A"], [Series("s", [0])])
    assert chart.is_empty and "nothing to show" in chart.summary
