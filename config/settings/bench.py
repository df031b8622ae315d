"""Benchmarks and the scale-out proof on one machine: production settings served over plain http.

Only SSL redirect, HSTS and secure cookies are relaxed (there is no TLS on 127.0.0.1), and the
bench URLs add a plain Django view as the baseline. Never use these settings for a real site.
"""

from .production import *  # noqa: F403

# bench/run and the scale-out proof load the demo content and the bench groups into their own database.
INSTALLED_APPS = [*INSTALLED_APPS, "demo", "benchdata"]  # noqa: F405

ROOT_URLCONF = "config.urls_bench"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The Wagtail baseline of bench/run is the simplest page as Wagtail itself serves it, so it skips the
# visitor page cache; its twin "bench-baseline-cached" shows what the same page costs through the cache.
HUB_PAGE_CACHE_SKIP_PATHS = ["/bench-baseline/"]
