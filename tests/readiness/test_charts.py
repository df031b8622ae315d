"""Chart geometry: bars are proportional, empty values draw no bar."""

from django.template import Context, Template
from django.utils import translation

from learning.readiness.charts import PLOT_WIDTH, distribution_chart, level_chart


def test_level_bars_are_proportional_and_missing_levels_draw_no_bar():
    chart = level_chart(rows=[("Money", [2]), ("Governance", [None])], summary="s", empty_text="not agreed")
    bars = [shape for shape in chart.shapes if shape.css_class != "chart-track"]
    assert [bar.width for bar in bars] == [PLOT_WIDTH / 2]
    assert "not agreed" in [text.text for text in chart.texts]
    assert chart.height > 0


def test_compare_chart_draws_one_bar_per_series():
    chart = level_chart(rows=[("Money", [1, 3])], summary="s")
    bars = [shape for shape in chart.shapes if shape.css_class != "chart-track"]
    assert [(bar.css_class, bar.width) for bar in bars] == [
        ("series-0", PLOT_WIDTH / 4),
        ("series-1", PLOT_WIDTH * 3 / 4),
    ]


def test_distribution_segments_add_up_to_the_assessed_share():
    chart = distribution_chart(rows=[("Money", {1: 1, 3: 2}, 4)], summary="s")
    segments = [shape for shape in chart.shapes if shape.css_class.startswith("level-")]
    assert [segment.css_class for segment in segments] == ["level-1", "level-3"]
    assert sum(segment.width for segment in segments) == PLOT_WIDTH * 3 / 4
    assert segments[1].x == segments[0].width
    assert "3/4" in [text.text for text in chart.texts]


def test_distribution_with_no_groups_is_empty_not_an_error():
    chart = distribution_chart(rows=[("Money", {}, 0)], summary="s")
    assert [shape.css_class for shape in chart.shapes] == ["chart-track"]


# What the chart template drew before the SVG was built in Python; the two must draw the same picture.
TEMPLATE_LOOP = (
    "{% load l10n %}{% localize off %}"
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {{ chart.width }} {{ chart.height }}" '
    'width="{{ chart.width }}" height="{{ chart.height }}" role="img" aria-label="{{ chart.summary }}" '
    'focusable="false">'
    '{% for shape in chart.shapes %}<rect x="{{ shape.x }}" y="{{ shape.y }}" width="{{ shape.width }}" '
    'height="{{ shape.height }}" class="{{ shape.css_class }}"></rect>{% endfor %}'
    '{% for text in chart.texts %}<text x="{{ text.x }}" y="{{ text.y }}" class="{{ text.css_class }}">'
    "{{ text.text }}</text>{% endfor %}</svg>{% endlocalize %}"
)


def test_the_svg_is_what_the_template_loop_drew_with_every_word_escaped():
    charts = [
        distribution_chart(
            rows=[("Money & <b>risk</b>", {1: 3, 2: 1, 4: 2}, 7), ('Say "yes"', {}, 7), ("Empty", {}, 0)],
            summary="How many of the 7 groups <script>",
        ),
        level_chart(
            rows=[("Governance", [2, 3]), ("Money", [None, 1])],
            summary="s",
            empty_text="not agreed",
            series_names=["Now", "Before"],
        ),
    ]
    for language in ("en-gb", "gd"):
        with translation.override(language):
            for chart in charts:
                assert chart.svg() == Template(TEMPLATE_LOOP).render(Context({"chart": chart}))
    assert "&lt;b&gt;risk&lt;/b&gt;" in charts[0].svg()
    assert "<script>" not in charts[0].svg()
