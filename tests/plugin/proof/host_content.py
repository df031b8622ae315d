"""Run inside the host project (`manage.py shell < host_content.py`): content through the models.

Builds, under the host's own home page, a pathway with one stage and two steps, a guide and a case
study, publishes them, makes a person who can sign in, and writes what the HTTP part needs to the
JSON file named by PROOF_STATE.
"""

import json
import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import resolve_url
from django.test import Client
from wagtail.models import Site
from wagtail.rich_text import RichText

from learning.models import PathwayIndexPage, PathwayPage, StagePage, StepPage
from resources.models import CaseStudyIndexPage, CaseStudyPage, GuideIndexPage, GuidePage
from resources.places import PLACE_CHOICES


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


home = Site.objects.get(is_default_site=True).root_page.specific

pathways = publish(home, PathwayIndexPage(title="Pathways", slug="pathways"))
pathway = publish(
    pathways,
    PathwayPage(
        title="Plugin proof pathway",
        slug="plugin-proof-pathway",
        summary="A short pathway the plugin proof walks through.",
        estimated_time="About an hour",
    ),
)
stage = publish(pathway, StagePage(title="Coming together", slug="coming-together", outcome="You know why you meet."))
steps = [
    publish(
        stage,
        StepPage(
            title=title,
            slug=slug,
            summary=summary,
            body=[("paragraph", RichText(f"<p>{summary}</p>"))],
        ),
    )
    for title, slug, summary in [
        ("Agree why you meet", "agree-why-you-meet", "Write down in one sentence why your group meets."),
        ("Map who is missing", "map-who-is-missing", "List the people your group does not yet hear from."),
    ]
]

guides = publish(home, GuideIndexPage(title="Guides", slug="guides"))
guide = publish(
    guides,
    GuidePage(
        title="What co-production is",
        slug="what-co-production-is",
        summary="Services and the people who use them design and deliver together, as equals.",
        body=[("paragraph", RichText("<p>Start from what your community already has.</p>"))],
    ),
)

case_studies = publish(home, CaseStudyIndexPage(title="Case studies", slug="case-studies"))
case_study = publish(
    case_studies,
    CaseStudyPage(
        title="Tenants redesign the repairs service",
        slug="tenants-redesign-repairs",
        summary="Tenants and the housing team rewrote the repairs process together.",
        place=PLACE_CHOICES[0][0],
        co_design=True,
        what_they_did=[("paragraph", RichText("<p>Six evening sessions in the community hall.</p>"))],
        what_changed="<p>Repairs are booked in one call.</p>",
    ),
)

User = get_user_model()
password = "plugin-proof-Passw0rd!"
user = User.objects.create_user(
    **{User.USERNAME_FIELD: "coordinator@example.org"}, email="coordinator@example.org", password=password
)
client = Client()
assert client.login(**{User.USERNAME_FIELD: "coordinator@example.org", "password": password}), "could not sign in"

state = {
    "pages": {
        "pathway index": [pathways.url, "Plugin proof pathway"],
        "pathway": [pathway.url, "A short pathway the plugin proof walks through."],
        "stage": [stage.url, "You know why you meet."],
        "step": [steps[0].url, "Write down in one sentence why your group meets."],
        "guide index": [guides.url, "What co-production is"],
        "guide": [guide.url, "Start from what your community already has."],
        "case study index": [case_studies.url, "Tenants redesign the repairs service"],
        "case study": [case_study.url, "Six evening sessions in the community hall."],
    },
    "pathway_id": pathway.pk,
    "pathway_title": pathway.title,
    "step_id": steps[0].pk,
    "step_url": steps[0].url,
    "login_url": resolve_url(settings.LOGIN_URL),
    "session_cookie": [settings.SESSION_COOKIE_NAME, client.cookies[settings.SESSION_COOKIE_NAME].value],
}
with open(os.environ["PROOF_STATE"], "w", encoding="utf-8") as out:
    json.dump(state, out, indent=2)
