"""Benchmarks and the scale-out proof on one machine: production settings served over plain http.

What differs from `config.settings.production`, and only because there is no TLS on 127.0.0.1 or
because the bench needs it: no SSL redirect, no HSTS, cookies not marked secure (the harness signs in
over http), ALLOWED_HOSTS given by the harness, the bench URLs (a plain Django view as the ceiling),
the Wagtail baseline page left out of the visitor page cache and the kept site, and the demo and
bench-data apps for the commands that load data (not in the server bench/run measures: BENCH_SERVING=1).
Never use these settings for a real site.
"""

import os

from .production import *  # noqa: F403

# bench/run and the scale-out proof load the demo content and the bench groups into their own database;
# the server bench/run measures runs without the two apps, as production does.
if os.environ.get("BENCH_SERVING") != "1":
    INSTALLED_APPS = [*INSTALLED_APPS, "demo", "benchdata"]  # noqa: F405

ROOT_URLCONF = "config.urls_bench"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

# The Wagtail baseline of bench/run is the simplest page as Wagtail itself serves it, so it skips the
# visitor page cache; its twin "bench-baseline-cached" shows what the same page costs through the cache.
HUB_PAGE_CACHE_SKIP_PATHS = ["/bench-baseline/"]
# For the same reason Wagtail finds its site as it always does, one query a request (home/sites.py).
HUB_KEPT_SITE_SKIP_PATHS = ["/bench-baseline/"]
