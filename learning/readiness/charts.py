"""Geometry for the server-rendered SVG charts (no JavaScript); templates draw them.

Every chart is shown next to a table with the same numbers, so the SVG is a picture of the
table, labelled as an image with a one-line summary. Colours come from CSS classes on the
shapes (the Content-Security-Policy forbids inline style attributes).
"""

from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join

WIDTH = 640
PLOT_WIDTH = 520
LABEL_HEIGHT = 22
BAR_HEIGHT = 18
ROW_GAP = 12
MAX_LEVEL = 4


@dataclass
class Shape:
    x: float
    y: float
    width: float
    height: float
    css_class: str


@dataclass
class Text:
    x: float
    y: float
    text: str
    css_class: str = ""


@dataclass
class Chart:
    summary: str
    height: float = 0
    width: float = WIDTH
    shapes: list = field(default_factory=list)
    texts: list = field(default_factory=list)

    def svg(self):
        """The chart as an SVG element, every value escaped. Built here rather than by a template loop: a
        portfolio's chart of eight areas is about a hundred shapes and words, which cost the template
        engine more than the rest of the chart's page."""
        shapes = format_html_join(
            "",
            '<rect x="{}" y="{}" width="{}" height="{}" class="{}"></rect>',
            ((shape.x, shape.y, shape.width, shape.height, shape.css_class) for shape in self.shapes),
        )
        texts = format_html_join(
            "",
            '<text x="{}" y="{}" class="{}">{}</text>',
            ((text.x, text.y, text.css_class, text.text) for text in self.texts),
        )
        return format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {} {}" width="{}" height="{}" role="img" '
            'aria-label="{}" focusable="false">{}{}</svg>',
            self.width,
            self.height,
            self.width,
            self.height,
            self.summary,
            shapes,
            texts,
        )


def _bar_length(value, maximum):
    if not value or not maximum:
        return 0
    return round(PLOT_WIDTH * min(value, maximum) / maximum, 1)


def level_chart(
    *, rows, summary, series_classes=("series-0", "series-1"), series_names=(), empty_text="", value_text=None
):
    """Horizontal bars of levels (1-4), one or more series a row.

    `rows`: (label, [level or None, ...]) pairs. `value_text(level)` labels the end of each bar, after the
    series' name from `series_names` when given, so the bars are told apart by words as well as colour.
    """
    chart = Chart(summary=summary)
    y = 0
    for label, levels in rows:
        chart.texts.append(Text(x=0, y=y + LABEL_HEIGHT - 6, text=label, css_class="chart-label"))
        y += LABEL_HEIGHT
        for index, level in enumerate(levels):
            css = series_classes[index % len(series_classes)]
            chart.shapes.append(Shape(x=0, y=y, width=PLOT_WIDTH, height=BAR_HEIGHT, css_class="chart-track"))
            length = _bar_length(level, MAX_LEVEL)
            if length:
                chart.shapes.append(Shape(x=0, y=y, width=length, height=BAR_HEIGHT, css_class=css))
            text = value_text(level) if (value_text and level) else (str(level) if level else empty_text)
            if index < len(series_names):
                text = f"{series_names[index]}: {text}"
            chart.texts.append(Text(x=PLOT_WIDTH + 8, y=y + BAR_HEIGHT - 4, text=text, css_class="chart-value"))
            y += BAR_HEIGHT + 2
        y += ROW_GAP
    chart.height = max(y, 1)
    return chart


def distribution_chart(*, rows, summary, levels=(1, 2, 3, 4)):
    """One stacked bar a row showing how many groups are at each level.

    `rows`: (label, {level: count, ...}, total) where total also counts groups with no level.
    """
    return compared_distribution_chart(
        rows=[(label, [(counts, total, "")]) for label, counts, total in rows], summary=summary, levels=levels
    )


def compared_distribution_chart(*, rows, summary, levels=(1, 2, 3, 4)):
    """Stacked bars of how many groups are at each level, one or more bars a row (now, and at an earlier time).

    `rows`: (label, [(counts, total, name), ...]) with `counts` {level: count}, `total` also counting groups
    with no level, and `name` written before the "assessed/total" figure at the end of the bar, so a bar is
    told apart by its words, not its place alone.
    """
    chart = Chart(summary=summary)
    y = 0
    for label, bars in rows:
        chart.texts.append(Text(x=0, y=y + LABEL_HEIGHT - 6, text=label, css_class="chart-label"))
        y += LABEL_HEIGHT
        for counts, total, name in bars:
            chart.shapes.append(Shape(x=0, y=y, width=PLOT_WIDTH, height=BAR_HEIGHT, css_class="chart-track"))
            x = 0
            for level in levels:
                length = _bar_length(counts.get(level, 0), total)
                if length:
                    chart.shapes.append(Shape(x=x, y=y, width=length, height=BAR_HEIGHT, css_class=f"level-{level}"))
                    x += length
            assessed = sum(counts.get(level, 0) for level in levels)
            text = f"{name} {assessed}/{total}" if name else f"{assessed}/{total}"
            chart.texts.append(Text(x=PLOT_WIDTH + 8, y=y + BAR_HEIGHT - 4, text=text, css_class="chart-value"))
            y += BAR_HEIGHT + 2
        y += ROW_GAP - 2
    chart.height = max(y, 1)
    return chart
