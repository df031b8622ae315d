"""The home page, standard pages (about, privacy, accessibility) and site-wide settings."""

from functools import partial

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from resources.rich_text import PAGE_TEXT_FEATURES

from .routing import route_deep


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=120)
    hero_text = models.TextField(_("hero text"), max_length=400, blank=True)
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("hero link"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_link_text = models.CharField(_("hero link text"), max_length=60, blank=True)
    introduction_title = models.CharField(_("introduction title"), max_length=120, default=_("What is co-production?"))
    introduction = RichTextField(_("introduction to co-production"), features=PAGE_TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_link"), FieldPanel("hero_link_text")],
            heading=_("Hero"),
        ),
        MultiFieldPanel([FieldPanel("introduction_title"), FieldPanel("introduction")], heading=_("Introduction")),
    ]
    search_fields = Page.search_fields + [index.SearchField("hero_text"), index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]

    def route(self, request, path_components):
        """Pages deep below the home page are found in one query (home/routing.py), else as Wagtail does."""
        return route_deep(self, request, path_components) or super().route(request, path_components)

    max_count = 1
    # No subpage_types: the section apps' index pages go here, and naming them would break the
    # home page whenever one of those apps is not installed (home_sections skips them).

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from .sections import home_sections

        context = super().get_context(request, *args, **kwargs)
        # Called by the template only when its cached copy of the sections has run out.
        context["sections"] = partial(home_sections, self, request)
        return context


class StandardPage(Page):
    summary = models.TextField(_("summary"), max_length=300, blank=True)
    body = RichTextField(_("body"), features=PAGE_TEXT_FEATURES)
    last_updated = models.DateField(_("last updated"), null=True, blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("body"), FieldPanel("last_updated")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    site_name = models.CharField(_("site name"), max_length=80, default="Co-production Hub")
    footer_text = models.CharField(
        _("footer text"),
        max_length=255,
        blank=True,
        default=_("Supporting community groups to work with public services as equals."),
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("privacy notice page"),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("accessibility statement page"),
    )

    panels = [
        FieldPanel("site_name"),
        FieldPanel("footer_text"),
        FieldPanel("privacy_page"),
        FieldPanel("accessibility_page"),
    ]

    class Meta:
        verbose_name = _("site settings")
