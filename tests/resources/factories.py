"""Small factories for resources pages, built the way an editor builds them."""

import itertools

from resources.models import CaseStudyIndexPage, CaseStudyPage, CaseStudyPartner, GuideIndexPage, GuidePage

_numbers = itertools.count(1)


def publish(page):
    page.save_revision().publish()
    return page


def make_guide_index(parent, **fields):
    number = next(_numbers)
    index = GuideIndexPage(title=fields.pop("title", f"Test guides {number}"), slug=f"test-guides-{number}", **fields)
    parent.add_child(instance=index)
    return publish(index)


def make_case_study_index(parent, **fields):
    number = next(_numbers)
    index = CaseStudyIndexPage(
        title=fields.pop("title", f"Test case studies {number}"), slug=f"test-case-studies-{number}", **fields
    )
    parent.add_child(instance=index)
    return publish(index)


def make_guide(index, *, themes=(), live=True, **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Guide {number}")
    fields.setdefault("slug", f"guide-{number}")
    fields.setdefault("summary", f"Summary of guide {number}.")
    fields.setdefault("body", [("paragraph", "<p>Some helpful words.</p>")])
    page = GuidePage(live=live, **fields)
    page.themes.add(*themes)
    index.add_child(instance=page)
    return publish(page) if live else page


def make_case_study(index, *, themes=(), partners=(), activities=("co_design",), live=True, **fields):
    number = next(_numbers)
    fields.setdefault("title", f"Case study {number}")
    fields.setdefault("slug", f"case-study-{number}")
    fields.setdefault("summary", f"Summary of case study {number}.")
    fields.setdefault("place", "fife")
    fields.setdefault("what_they_did", [("paragraph", "<p>They worked together.</p>")])
    fields.setdefault("what_changed", "<p>Things got better.</p>")
    page = CaseStudyPage(live=live, **fields, **{name: True for name in activities})
    page.themes.add(*themes)
    page.partners = [CaseStudyPartner(name=name, kind=kind) for name, kind in partners]
    index.add_child(instance=page)
    return publish(page) if live else page
