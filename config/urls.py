"""The Hub's URLs: accounts, the plugin apps, Wagtail's admin (and Django's where enabled) and page serving last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from config.url_sections import at_root
from home.locale import switch_language
from home.sitemaps import LanguageSitemap
from home.views import healthz
from resources.api import api_router

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("accounts.urls")),
    path("language/<str:code>/", switch_language, name="switch_language"),
    path("api/v2/", api_router.urls),
    # Each tried only for the first path segments its patterns start with (config/url_sections.py).
    at_root(include("learning.urls")),
    at_root(include("learning.readiness.urls")),
    at_root(include("learning.meetings.urls")),
    at_root(include("learning.partners.urls")),
]

if getattr(settings, "DJANGO_ADMIN_ENABLED", True):
    # On in development and tests; production leaves it out unless DJANGO_ADMIN_ENABLED=1
    # (config/settings/production.py says why). Staff only, behind the second factor like /admin/.
    urlpatterns.insert(1, path("django-admin/", admin.site.urls))

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    # Public media (images, documents) from the local folder, for the demo server only; production
    # serves them from its storage. Private evidence files live elsewhere and never match here.
    from django.views.static import serve

    urlpatterns += [
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT})
    ]

# Pages and search carry their language in the address: English at the root, Gaelic under /gd/
# (home/locale.py says why the group and account pages above do not).
urlpatterns += i18n_patterns(
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": LanguageSitemap}}, name="sitemap"),
    at_root(include("resources.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
