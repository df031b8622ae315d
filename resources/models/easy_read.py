"""Easy Read versions: a page type with this mixin carries one, served at its own `easy-read/` address.

The Easy Read version is a route of the page itself (Wagtail's routable pages), not a child page:
it is published, unpublished, moved, translated and restricted together with the page it belongs
to, so it can never be public while its page is private or gone, and it adds nothing to the page
tree that pathway outlines and listings walk.
"""

from django.db import models
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.search import index

from ..easy_read.blocks import EasyReadStreamBlock
from ..easy_read.panels import EasyReadCheckPanel
from ..fields import StreamField


class EasyReadMixin(RoutablePageMixin, models.Model):
    """Put before `Page` in the bases; set `easy_read_template` and add `easy_read_panels` to the panels."""

    easy_read = StreamField(
        EasyReadStreamBlock(),
        verbose_name=_("Easy Read version"),
        blank=True,
        use_json_field=True,
        help_text=_("Leave empty if this page has no Easy Read version."),
    )
    # Kept on save so listings and the sitemap know without loading the rows.
    has_easy_read = models.BooleanField(_("has an Easy Read version"), default=False, editable=False)

    # The template of the Easy Read page, named after the page type: "<app>/<page_type>_easy_read.html".
    easy_read_template = None
    easy_read_panels = [
        MultiFieldPanel(
            [EasyReadCheckPanel(), FieldPanel("easy_read")],
            heading=_("Easy Read version"),
            classname="collapsed",
        )
    ]
    preview_modes = [("", _("Default")), ("easy_read", _("Easy Read version"))]
    # Add to the page type's own lists: search finds the page by its Easy Read words too, and the API
    # shows the Easy Read version with the page it belongs to (never on its own).
    easy_read_search_fields = [index.SearchField("easy_read")]
    easy_read_api_fields = [APIField("has_easy_read"), APIField("easy_read")]

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.has_easy_read = bool(self.easy_read)
        return super().save(*args, **kwargs)

    def with_content_json(self, content):
        page = super().with_content_json(content)
        page.has_easy_read = bool(page.easy_read)
        return page

    @property
    def easy_read_subpath(self):
        """The Easy Read version's address relative to the page's own ("easy-read/")."""
        return self.reverse_subpage("easy_read")

    @path("easy-read/", name="easy_read")
    def easy_read_view(self, request):
        if not self.easy_read:
            raise Http404
        return self.render_easy_read(request)

    def render_easy_read(self, request):
        context = {
            "page": self,
            "self": self,
            "request": request,
            "full_version_url": self.get_url(request=request),
            # Twemoji's licence asks for credit where its pictures are shown.
            "uses_pictograms": any(
                child.block_type == "row" and child.value.get("pictogram") for child in self.easy_read
            ),
        }
        return TemplateResponse(request, self.easy_read_template, context)

    def serve_preview(self, request, mode_name):
        if mode_name == "easy_read":
            return self.render_easy_read(request)
        return super().serve_preview(request, mode_name)

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request=request)
        if self.has_easy_read and urls:
            urls.append({**urls[0], "location": urls[0]["location"] + self.reverse_subpage("easy_read")})
        return urls
