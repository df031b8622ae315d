"""Sections of the home page that other apps fill (latest case studies, guides, pathways).

Each provider returns a dict for the template or None when it has nothing to show;
apps that are not installed are skipped.
"""

from django.apps import apps
from django.utils.module_loading import import_string

SECTION_PROVIDERS = [
    # (app name, dotted path to a callable taking (home_page, request) and returning
    #  {"template": ..., **context} or None)
    ("resources", "resources.sections.latest_case_studies_section"),
    ("resources", "resources.sections.featured_guides_section"),
    ("learning", "learning.sections.featured_pathways_section"),
]


def home_sections(home_page, request):
    sections = []
    for app_label, path in SECTION_PROVIDERS:
        if not apps.is_installed(app_label):
            continue
        section = import_string(path)(home_page, request)
        if section:
            sections.append(section)
    return sections
