"""Guides: practical, printable how-to pages for community groups and the services they work with."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import ContentStreamBlock, reading_minutes, table_of_contents
from ..fields import StreamField
from ..panels import ReadabilityPanel
from .case_studies import CaseStudyPage
from .common import IndexPageMixin, ThemeNamesField
from .easy_read import EasyReadMixin

AUDIENCE_CHOICES = [
    ("community-groups", _("Community groups")),
    ("public-services", _("Public services")),
    ("facilitators", _("Community workers and facilitators")),
    ("funders", _("Funders")),
    ("everyone", _("Everyone")),
]


def _streamfields_of(relation, page_model):
    """The StreamField bodies of a related page, to defer: a link shows only the title and address."""
    return [f"{relation}__{name}" for name in page_model.get_streamfield_names()]


class GuideIndexPage(IndexPageMixin, Page):
    content_panels = Page.content_panels + IndexPageMixin.index_content_panels
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    # Any parent: the host site's home page is not ours to name (the apps never import the project),
    # and ["wagtailcore.Page"] would allow only the tree root, outside every site.
    # One: the home page's featured guides link to "the" guide listing.
    max_count = 1
    subpage_types = ["resources.GuidePage"]

    class Meta:
        verbose_name = _("guide index page")

    def get_context(self, request, *args, **kwargs):
        # Import here because listings imports these models: a cycle at module level.
        from ..listings import guide_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(guide_listing(index_page=self, request=request))
        return context


class GuideTheme(TaggedItemBase):
    content_object = ParentalKey("resources.GuidePage", on_delete=models.CASCADE, related_name="tagged_themes")


class GuidePage(EasyReadMixin, Page):
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings and search.")
    )
    audience = models.CharField(_("who it is for"), max_length=32, choices=AUDIENCE_CHOICES, default="community-groups")
    body = StreamField(ContentStreamBlock(), verbose_name=_("body"), use_json_field=True)
    reading_minutes = models.PositiveSmallIntegerField(
        _("reading time in minutes"), default=0, editable=False, help_text=_("Worked out from the body.")
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    themes = ClusterTaggableManager(through=GuideTheme, blank=True, verbose_name=_("themes"))
    featured = models.BooleanField(_("feature on the home page"), default=False)

    # The text the editor's reading-ease panel measures (resources.panels.ReadabilityPanel).
    readability_fields = ("summary", "body")
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("audience"), FieldPanel("themes"), FieldPanel("last_reviewed"), FieldPanel("featured")],
            heading=_("About this guide"),
        ),
        FieldPanel("body"),
        ReadabilityPanel(),
        InlinePanel("related_guide_links", label=_("Related guides")),
        InlinePanel("related_case_study_links", label=_("Related case studies")),
        *EasyReadMixin.easy_read_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("audience"),
        *EasyReadMixin.easy_read_search_fields,
    ]
    api_fields = [
        APIField("summary"),
        APIField("audience"),
        APIField("reading_minutes"),
        APIField("last_reviewed"),
        APIField("themes", serializer=ThemeNamesField()),
        APIField("body"),
        APIField("related_guide_links"),
        APIField("related_case_study_links"),
        *EasyReadMixin.easy_read_api_fields,
    ]

    parent_page_types = ["resources.GuideIndexPage"]
    subpage_types = []
    easy_read_template = "resources/guide_page_easy_read.html"

    class Meta:
        verbose_name = _("guide")
        verbose_name_plural = _("guides")

    def save(self, *args, **kwargs):
        self.reading_minutes = reading_minutes(self.body)
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # Previews and drafts show the reading time of the body being shown.
        page = super().with_content_json(content)
        page.reading_minutes = reading_minutes(page.body)
        return page

    @property
    def table_of_contents(self):
        return table_of_contents(self.body)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["related_guides"] = [
            link.guide
            for link in self.related_guide_links.select_related("guide").defer(*_streamfields_of("guide", GuidePage))
            if link.guide and link.guide.live
        ]
        context["related_case_studies"] = [
            link.case_study
            for link in self.related_case_study_links.select_related("case_study").defer(
                *_streamfields_of("case_study", CaseStudyPage)
            )
            if link.case_study and link.case_study.live
        ]
        return context


class GuideRelatedGuide(Orderable):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="related_guide_links")
    guide = models.ForeignKey(GuidePage, on_delete=models.CASCADE, related_name="+", verbose_name=_("guide"))

    panels = [FieldPanel("guide")]
    api_fields = [APIField("guide")]


class GuideRelatedCaseStudy(Orderable):
    page = ParentalKey(GuidePage, on_delete=models.CASCADE, related_name="related_case_study_links")
    case_study = models.ForeignKey(
        "resources.CaseStudyPage", on_delete=models.CASCADE, related_name="+", verbose_name=_("case study")
    )

    panels = [FieldPanel("case_study")]
    api_fields = [APIField("case_study")]
