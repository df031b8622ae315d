"""The checker finds each kind of error the Nu HTML Checker found on the Hub's pages, and passes valid HTML."""

import pytest

from .html_checks import html_problems

VALID = """<!DOCTYPE html><html lang="en"><head><title>Fine</title></head><body>
<main id="main">
  <p>Text with <a href="/">a link</a><br>and a break.</p>
  <p class="meta"><time datetime="2026-12-01T22:06:41+0000">1 December 2026, 22:06</time>
     <time datetime="2026-12-01">1 December 2026</time> <time datetime="2026-12-01T22:06:41.123Z">then</time></p>
  <ul><li><p>One</p><li>Two</ul>
  <form method="get" class="filters">
    <fieldset aria-describedby="help"><legend>Pick</legend><p id="help">Choose one.</p>
      <input type="radio" name="pick" id="pick-1"><label for="pick-1">One</label></fieldset>
    <button type="submit"><span>Go</span></button>
  </form>
  <form method="post" action="/groups/"><button>Send</button></form>
  <div class="table-scroll" role="region" aria-labelledby="cap" tabindex="0">
    <table><caption id="cap">Evidence</caption><tr><td><p>In a cell</p></td></tr></table>
  </div>
  <svg viewBox="0 0 1 1"><title>Chart</title><rect width="1" height="1"/></svg>
</main></body></html>"""


def test_valid_html_has_no_problems():
    assert html_problems(VALID) == []


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ('<time datetime="2026-12-01T22:06:41.123456+00:00">then</time>', "invalid <time datetime"),
        ('<time datetime="yesterday">then</time>', "invalid <time datetime"),
        ('<fieldset aria-describedby=""><legend>Pick</legend></fieldset>', "empty aria-describedby"),
        ('<fieldset aria-describedby=" "><legend>Pick</legend></fieldset>', "empty aria-describedby"),
        ('<input aria-describedby="gone">', 'aria-describedby names "gone"'),
        ('<div aria-labelledby="nowhere"></div>', 'aria-labelledby names "nowhere"'),
        ('<form method="get" action=""><button>Go</button></form>', 'empty form action=""'),
        ('<p id="a">One</p><p id="a">Two</p>', 'duplicate id "a"'),
        ('<label for="id_name">Name</label><input id="id_other">', '<label for="id_name"> names no form control'),
        ('<label for="id_x">X</label><input type="hidden" id="id_x">', '<label for="id_x"> names no form control'),
        ("<p>Intro <div>a block</div> more</p>", "stray </p>"),
        ("<p>Intro<ul><li>item</li></ul></p>", "stray </p>"),
        ("<p><p>Nested</p></p>", "stray </p>"),
        ("<div>No paragraph</p></div>", "stray </p>"),
        ("<p>Open <button>In a button</p></button>", "stray </p>"),
        ('<div class="table-scroll"><table><caption>Wide</caption></table></div>', "a keyboard cannot reach"),
        (
            '<div class="table-scroll" role="region" aria-labelledby="c"><table><caption id="c">Wide</caption></table></div>',
            "a keyboard cannot reach",
        ),
    ],
)
def test_each_error_is_found(html, expected):
    problems = html_problems(f"<!DOCTYPE html><html><body>{html}</body></html>")
    assert any(expected in problem for problem in problems), problems


def test_a_problem_says_where_it_is():
    problems = html_problems('<!DOCTYPE html>\n<html>\n<body>\n<form id="filters" action=""></form></body></html>')
    assert problems == ['empty form action="" at line 4: <form id="filters">']
