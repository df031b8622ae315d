"""Pathway pages: PathwayIndexPage > PathwayPage > StagePage > StepPage (content is public to read)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.fields import RichTextField
from wagtail.models import Locale, Orderable, Page, PageViewRestriction
from wagtail.search import index

from resources.blocks import ContentStreamBlock
from resources.content_version import kept_per_content_version, once_per_request
from resources.fields import StreamField
from resources.models.easy_read import EasyReadMixin
from resources.panels import ReadabilityPanel
from resources.rich_text import SECTION_FEATURES

from ..conf import content_cache_seconds
from ..evidence_types import EvidenceType
from .choices import ChoiceLabels

# A pathway or step page shows the reader's group and how far it has got. Those queries and rules
# live above the models (learning.selectors, learning.permissions), so the models never import
# them: the app connects them here when it starts (learning.receivers.connect).
_request_context_providers = {}


@kept_per_content_version("learning-locale", seconds=content_cache_seconds, key=lambda code: code)
def _locale_row(code):
    return Locale.objects.get(language_code=code)


def locale_for(language_code):
    """The Locale of a language, as Wagtail's `Locale.objects.get_for_language`: kept under the content
    version (locales are added and removed in Wagtail's admin, which logs it) and once per request."""
    code = get_supported_content_language_variant(language_code)
    return once_per_request(f"locale:{code}", lambda: _locale_row(code))


def default_locale():
    """The site's default Locale, as `Locale.get_default()`, read once per request."""
    return locale_for(settings.LANGUAGE_CODE)


def active_locale():
    """The Locale of the active language, as `Locale.get_active()`, read once per request (and shared
    with `default_locale` when the two are one, as for every English request)."""
    try:
        return locale_for(translation.get_language())
    except (Locale.DoesNotExist, LookupError):
        return default_locale()


def in_default_language(page):
    """`page` in the site's default language, or `page` itself when it has no such version.

    A group's enrolment, progress, reflections and evidence belong to the pathway and steps in the
    default language, so a group keeps one record whichever language its members read them in.
    """
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        return page
    default = default_locale()
    if page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def provide_request_context(page_class, provider):
    """Use `provider(request, page)`, returning a dict, for the per-request context of `page_class`."""
    _request_context_providers[page_class] = provider


def request_context(request, page):
    """The per-request context the app connected for this page's type (or the nearest base class)."""
    for page_class in type(page).__mro__:
        if page_class in _request_context_providers:
            return _request_context_providers[page_class](request, page)
    raise ImproperlyConfigured(f"No request context is connected for {type(page).__name__}; is learning installed?")


@kept_per_content_version("learning-restricted-paths", seconds=content_cache_seconds)
def _restricted_and_alias_paths():
    """The tree paths of pages with a view restriction, and of alias pages (which take their source's)."""
    return (
        frozenset(PageViewRestriction.objects.values_list("page__path", flat=True)),
        frozenset(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    )


class KeptViewRestrictionsMixin:
    """Wagtail's `get_view_restrictions`, with no query for a page that nothing above it restricts.

    Wagtail asks two queries before serving every page (its ancestors, then their restrictions); a step
    page is five levels down and a member opens one after another. The paths of restricted pages and of
    aliases are kept under the content version (adding, changing or removing a restriction is logged, so
    it moves on): a page whose own path and ancestors' paths meet neither has no restriction to check.
    Any other page is asked about exactly as Wagtail asks.
    """

    def get_view_restrictions(self):
        restricted, aliases = _restricted_and_alias_paths()
        steplen = self.steplen
        ancestry = {self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)}
        if ancestry.isdisjoint(restricted) and ancestry.isdisjoint(aliases):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


class PathwayIndexPage(KeptViewRestrictionsMixin, Page):
    introduction = RichTextField(_("introduction"), features=SECTION_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    # Any parent: the host site's home page is not ours to name (the apps never import the project),
    # and ["wagtailcore.Page"] would allow only the tree root, outside every site.
    # One: the home page's pathways section links to the first index.
    max_count = 1
    subpage_types = ["learning.PathwayPage"]

    class Meta:
        verbose_name = _("pathway index page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pathways"] = PathwayPage.objects.child_of(self).live().public().order_by("path").defer_streamfields()
        return context


class PathwayPage(KeptViewRestrictionsMixin, Page):
    summary = models.TextField(_("summary"), max_length=400)
    who_for = models.TextField(_("who it is for"), max_length=600, blank=True)
    outcomes = RichTextField(_("what your group will be able to do by the end"), features=SECTION_FEATURES, blank=True)
    estimated_time = models.CharField(
        _("estimated total time"), max_length=120, blank=True, help_text=_("For example: about 12 hours over 3 months")
    )
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "How long a group's certificate for this pathway stays valid, for example 36 for three years. "
            "Leave blank if it never lapses. A change applies to certificates issued from then on; "
            "the group's coordinators are told 60 days before theirs lapses."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("who_for"),
        FieldPanel("outcomes"),
        FieldPanel("estimated_time"),
        FieldPanel("validity_months"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_for"),
        index.SearchField("outcomes"),
    ]
    parent_page_types = ["learning.PathwayIndexPage"]
    subpage_types = ["learning.StagePage"]

    class Meta:
        verbose_name = _("pathway")

    def outline(self):
        """The live stages in order, each with its live steps, in two queries."""
        stages = list(StagePage.objects.child_of(self).live().public().order_by("path"))
        steps = StepPage.objects.filter(pathway=self).live().public().order_by("path").defer_streamfields()
        by_stage = {stage.path: [] for stage in stages}
        for step in steps:
            parent_path = step.path[: -StepPage.steplen]
            if parent_path in by_stage:
                by_stage[parent_path].append(step)
        return [(stage, by_stage[stage.path]) for stage in stages]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(request_context(request, self))
        return context


class StagePage(KeptViewRestrictionsMixin, Page):
    outcome = models.TextField(_("by the end of this stage"), max_length=600)
    introduction = RichTextField(_("introduction"), features=SECTION_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("outcome"), FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("outcome"), index.SearchField("introduction")]
    parent_page_types = ["learning.PathwayPage"]
    subpage_types = ["learning.StepPage"]

    class Meta:
        verbose_name = _("stage")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["steps"] = StepPage.objects.child_of(self).live().public().order_by("path").defer_streamfields()
        context["pathway"] = PathwayPage.objects.ancestor_of(self).first()
        return context


class StepKind(models.TextChoices):
    LEARN = "learn", _("Learn")
    DO = "do", _("Do")
    DISCUSS = "discuss", _("Discuss")
    EVIDENCE = "evidence", _("Gather evidence")
    SELF_ASSESS = "self_assess", _("Self-assess")
    REFLECT = "reflect", _("Reflect")


class CompletionRule(models.TextChoices):
    MEMBER = "member", _("Any member marks it done")
    COORDINATOR = "coordinator", _("The coordinator confirms it")
    FACILITATOR = "facilitator", _("A facilitator verifies it")


class StepPage(KeptViewRestrictionsMixin, ChoiceLabels, EasyReadMixin, Page):
    kind = models.CharField(_("kind of step"), max_length=20, choices=StepKind.choices, default=StepKind.LEARN)
    estimated_minutes = models.PositiveIntegerField(_("estimated time in minutes"), default=30)
    summary = models.TextField(_("summary"), max_length=400, blank=True)
    body = StreamField(ContentStreamBlock(), use_json_field=True, blank=True, verbose_name=_("body"))
    discussion_questions = models.TextField(
        _("questions to talk about"),
        max_length=1200,
        blank=True,
        help_text=_("One question a line. They appear on the step and in the printed meeting pack."),
    )
    evidence_asked = models.TextField(
        _("evidence this step asks for"), max_length=600, blank=True, help_text=_("Leave blank if none.")
    )
    evidence_type = models.CharField(_("type of evidence"), max_length=40, choices=EvidenceType.choices, blank=True)
    completion_rule = models.CharField(
        _("completion rule"), max_length=20, choices=CompletionRule.choices, default=CompletionRule.MEMBER
    )
    # The pathway this step belongs to, kept in step with the page tree on save and on move.
    pathway = models.ForeignKey(
        "learning.PathwayPage",
        verbose_name=_("pathway"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="steps",
    )

    # The text the editor's reading-ease panel measures (resources.panels.ReadabilityPanel).
    readability_fields = ("summary", "body", "discussion_questions")
    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("estimated_minutes"), FieldPanel("completion_rule")],
            heading=_("About this step"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("discussion_questions"),
        ReadabilityPanel(),
        MultiFieldPanel([FieldPanel("evidence_asked"), FieldPanel("evidence_type")], heading=_("Evidence")),
        InlinePanel("related_links", label=_("Related guides and case studies")),
        *EasyReadMixin.easy_read_panels,
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("discussion_questions"),
        *EasyReadMixin.easy_read_search_fields,
    ]
    parent_page_types = ["learning.StagePage"]
    subpage_types = []
    easy_read_template = "learning/step_page_easy_read.html"

    class Meta:
        verbose_name = _("step")

    def save(self, *args, **kwargs):
        if self.path:
            self.pathway = PathwayPage.objects.ancestor_of(self).first()
        return super().save(*args, **kwargs)

    @cached_property
    def stage(self):
        return StagePage.objects.filter(path=self.path[: -self.steplen]).first()

    def siblings_in_pathway(self):
        """Live steps of the same pathway in reading order (for previous and next links)."""
        if not self.pathway_id:
            return StepPage.objects.none()
        return StepPage.objects.filter(pathway_id=self.pathway_id).live().public().order_by("path").defer_streamfields()

    def questions(self):
        """The discussion questions, one a line, without blank lines."""
        return [line.strip() for line in self.discussion_questions.splitlines() if line.strip()]

    def previous_and_next(self):
        previous_step = self.siblings_in_pathway().filter(path__lt=self.path).order_by("-path").first()
        next_step = self.siblings_in_pathway().filter(path__gt=self.path).first()
        return previous_step, next_step

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(request_context(request, self))
        return context


class StepRelatedLink(Orderable):
    step = ParentalKey(StepPage, on_delete=models.CASCADE, related_name="related_links")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+")
    label = models.CharField(_("link text"), max_length=120, blank=True, help_text=_("Leave blank to use the title."))

    panels = [FieldPanel("page"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("related guide or case study")
