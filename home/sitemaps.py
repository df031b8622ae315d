"""One sitemap per language: /sitemap.xml lists the English pages, /gd/sitemap.xml the Gaelic ones."""

from wagtail.contrib.sitemaps import Sitemap


class LanguageSitemap(Sitemap):
    """Wagtail's sitemap, started from the home page in the request's language instead of the English one."""

    def items(self):
        return (
            self.get_wagtail_site()
            .root_page.localized.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
