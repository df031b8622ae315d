"""Case studies: real stories of co-production with structured facts that listings filter on."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from rest_framework import serializers
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import ContentStreamBlock, QuoteBlock
from ..case_study_parts import parts_for
from ..fields import StreamField
from ..places import PLACE_CHOICES, place_name
from ..rich_text import SECTION_FEATURES
from .common import IndexPageMixin, ThemeNamesField

# The "Four Co's": the kinds of co-production a story can show (a field on the page for each).
ACTIVITY_CHOICES = [
    ("co_commissioning", _("Co-commissioning")),
    ("co_design", _("Co-design")),
    ("co_delivery", _("Co-delivery")),
    ("co_assessment", _("Co-assessment")),
]
ACTIVITY_FIELDS = [name for name, _label in ACTIVITY_CHOICES]

PARTNER_KIND_CHOICES = [
    ("community-group", _("Community group")),
    ("public-service", _("Public service")),
    ("third-sector", _("Third sector")),
    ("other", _("Other")),
]


class CaseStudyIndexPage(RoutablePageMixin, IndexPageMixin, Page):
    content_panels = Page.content_panels + IndexPageMixin.index_content_panels
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    api_fields = [APIField("introduction")]

    # Any parent: the host site's home page is not ours to name (the apps never import the project),
    # and ["wagtailcore.Page"] would allow only the tree root, outside every site.
    # One: "Tell your story" files every story under the first index, and the home page links to it.
    max_count = 1
    subpage_types = ["resources.CaseStudyPage"]

    class Meta:
        verbose_name = _("case study index page")

    def get_context(self, request, *args, **kwargs):
        # Import here because listings (like feeds below) import these models: a cycle at module level.
        from ..listings import case_study_listing

        context = super().get_context(request, *args, **kwargs)
        context.update(case_study_listing(index_page=self, request=request))
        context["feed_url"] = self.get_url(request=request) + self.reverse_subpage("feed")
        return context

    @path("feed/", name="feed")
    def feed(self, request):
        # Import here because feeds imports these models.
        from ..feeds import LatestCaseStudiesFeed

        return LatestCaseStudiesFeed()(request, index_page=self)


class CaseStudyTheme(TaggedItemBase):
    content_object = ParentalKey("resources.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_themes")


class CaseStudyPage(Page):
    summary = models.TextField(
        _("summary"), max_length=300, help_text=_("One or two sentences for listings and search.")
    )
    place = models.CharField(_("place"), max_length=40, choices=PLACE_CHOICES)
    themes = ClusterTaggableManager(through=CaseStudyTheme, blank=True, verbose_name=_("themes"))
    co_commissioning = models.BooleanField(_("co-commissioning"), default=False)
    co_design = models.BooleanField(_("co-design"), default=False)
    co_delivery = models.BooleanField(_("co-delivery"), default=False)
    co_assessment = models.BooleanField(_("co-assessment"), default=False)
    challenge = RichTextField(_("the challenge"), features=SECTION_FEATURES, blank=True)
    what_they_did = StreamField(ContentStreamBlock(), verbose_name=_("what they did"), use_json_field=True)
    what_changed = RichTextField(_("what changed"), features=SECTION_FEATURES)
    quotes = StreamField([("quote", QuoteBlock())], verbose_name=_("quotes"), blank=True, use_json_field=True)
    lessons = RichTextField(_("lessons for others"), features=SECTION_FEATURES, blank=True)
    contact = models.CharField(
        _("contact"), max_length=255, blank=True, help_text=_("How to get in touch, if they want to be contacted.")
    )
    website = models.URLField(_("website"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("main image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe what the image shows for people who cannot see it. Needed when there is an image."),
    )
    # Set when a story comes through "Tell your story", so moderators know who sent it and that they agreed.
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_given_at = models.DateTimeField(_("consent to publish given"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("themes"),
                FieldRowPanel([FieldPanel(name) for name in ACTIVITY_FIELDS]),
            ],
            heading=_("Facts"),
        ),
        InlinePanel("partners", label=_("Partners"), min_num=0),
        FieldPanel("challenge"),
        FieldPanel("what_they_did"),
        FieldPanel("what_changed"),
        InlinePanel("outcomes", label=_("Outcome figures")),
        FieldPanel("quotes"),
        FieldPanel("lessons"),
        MultiFieldPanel([FieldPanel("contact"), FieldPanel("website")], heading=_("Contact")),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Main image")),
        MultiFieldPanel(
            [FieldPanel("submitted_by", read_only=True), FieldPanel("consent_given_at", read_only=True)],
            heading=_("Sent in through Tell your story"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("place_name"),
        index.SearchField("challenge"),
        index.SearchField("what_they_did"),
        index.SearchField("what_changed"),
        index.SearchField("lessons"),
        index.RelatedFields("partners", [index.SearchField("name")]),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.FilterField("place"),
        *[index.FilterField(name) for name in ACTIVITY_FIELDS],
    ]
    api_fields = [
        APIField("summary"),
        APIField("place"),
        APIField("place_name", serializer=serializers.CharField(read_only=True)),
        APIField("themes", serializer=ThemeNamesField()),
        APIField("activities", serializer=serializers.ListField(read_only=True)),
        APIField("partners"),
        APIField("challenge"),
        APIField("what_they_did"),
        APIField("what_changed"),
        APIField("outcomes"),
        APIField("quotes"),
        APIField("lessons"),
        APIField("contact"),
        APIField("website"),
        APIField("hero_image"),
        APIField("hero_image_alt"),
    ]

    parent_page_types = ["resources.CaseStudyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def clean(self):
        super().clean()
        errors = {}
        if not any(getattr(self, name) for name in ACTIVITY_FIELDS):
            errors["co_design"] = _("Choose at least one kind of co-production this story shows.")
        if self.hero_image_id and not self.hero_image_alt.strip():
            errors["hero_image_alt"] = _("Describe the main image for people who cannot see it.")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What other apps show beside the story (partners: groups' published summaries an editor featured).
        context["more_parts"] = parts_for(self, request)
        return context

    def place_name(self):
        return place_name(self.place)

    @property
    def activities(self):
        return [name for name in ACTIVITY_FIELDS if getattr(self, name)]

    @property
    def activity_labels(self):
        return [str(label) for name, label in ACTIVITY_CHOICES if getattr(self, name)]


class CaseStudyPartner(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="partners")
    name = models.CharField(_("name"), max_length=160)
    kind = models.CharField(_("kind"), max_length=32, choices=PARTNER_KIND_CHOICES, default="community-group")
    link = models.URLField(_("link"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("kind"), FieldPanel("link")]
    api_fields = [APIField("name"), APIField("kind"), APIField("link")]

    def __str__(self):
        return self.name


class CaseStudyOutcome(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="outcomes")
    label = models.CharField(_("what was counted"), max_length=160)
    value = models.CharField(_("figure"), max_length=40, help_text=_("For example 120, 3 in 4 or £5,000."))

    panels = [FieldPanel("label"), FieldPanel("value")]
    api_fields = [APIField("label"), APIField("value")]

    def __str__(self):
        return f"{self.value} {self.label}"
