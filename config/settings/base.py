"""Settings shared by every environment; all configuration comes from the environment here."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
SITE_DIR = BASE_DIR / "site"


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "accounts",
    "home",
    # Project-only: the demo content and `load_demo`. config/settings/production.py takes it out again.
    "demo",
    "resources",
    "learning",
    "learning.readiness",
    "learning.meetings",
    # Partners (issue 18): public bodies, a group's asks of them, commitments and partner officers.
    "learning.partners",
    # Content in Gaelic and English (issue 15): wagtail-localize's translation editor and its Locales admin.
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.apps.AccountsUsersAppConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail.api.v2",
    "rest_framework",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    # The task queue's table (django-tasks-db): the default backend whenever DEBUG is off.
    "django_tasks_db",
    # The Hub's own operator commands (`manage.py tasks_failed`); installed in production too.
    "ops",
    "axes",
    "csp",
    # Two-step sign-in (accounts/two_factor): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A database outage becomes the friendly 503 page for everything below this line.
    "home.middleware.DatabaseUnavailableMiddleware",
    # Marks every response to a signed-in person "private, no-store". Above sessions and everything
    # else so that on the way out it sees the final response (the visitor page cache's, Wagtail's,
    # a redirect CommonMiddleware swaps in); below the outage middleware, so a database lost while it
    # reads the user still ends on the 503 page.
    "learning.middleware.PrivateResponseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of each request: the /gd/ prefix on pages, else the person's choice (home/locale.py).
    "home.locale.HubLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Tells whether this session has given a second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    # Ends idle, too-old and "signed out everywhere" sessions; needs the user and messages above it.
    "accounts.middleware.SessionLimitsMiddleware",
    # Keeps people who need a second factor on the two-step sign-in pages until they give one.
    "accounts.middleware.TwoFactorMiddleware",
    # Hands visitors a page kept by the visitor page cache (home/page_cache.py) before routing.
    "home.page_cache.VisitorPageCacheMiddleware",
    # The site of a page Wagtail serves, kept per content version (home/sites.py): no site query.
    "home.sites.KeptSiteMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-csp's middleware, its headers built once per process (home/content_security.py).
    "home.content_security.KeptPolicyCSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Axes must come last so it sees the outcome of every sign-in attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "resources.context_processors.resources",
                "learning.context_processors.learning",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Tuned for a group meeting: a dozen browser tabs pressing "done" and "undo" at once.
    # - transaction_mode IMMEDIATE: every transaction takes SQLite's one write lock at BEGIN. With the
    #   default (DEFERRED) a transaction starts as a reader and fails at once with "database is locked"
    #   when it later tries to write after someone else has; SQLite cannot wait there, as the reader's
    #   snapshot would be stale. Taken at BEGIN, the lock is simply queued for, so two presses run one
    #   after the other, which is what select_for_update (a no-op on SQLite) gives on PostgreSQL.
    # - timeout: how long a connection waits for that lock before giving up (Python's default is 5 s).
    # - WAL: readers carry on while someone writes, and a commit is one append to the log.
    # - synchronous=FULL: every commit acknowledged to a member is on disk, even after a power cut.
    #   NORMAL would be faster (here 0.07 ms instead of 2.8 ms a commit) but can lose the last
    #   commits on a power cut; a member's "done" or reflection is worth the 3 ms.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool("DB_PREPARED_STATEMENTS", True):
    # Prepared statements: a statement the connection has run `prepare_threshold` times is parsed and
    # planned once, then only executed. Planning is most of what PostgreSQL spends on the Hub's small
    # queries (a step's lookup: 2.2 ms to plan, 0.2 ms to run); on a member's "done" the twelve statements
    # took 3.1 ms instead of 6.8 (issue 14). Django leaves them off for poolers in transaction mode:
    # behind PgBouncer older than 1.21, or without its max_prepared_statements, set DB_PREPARED_STATEMENTS=0.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "server_side_binding": True,
            "prepare_threshold": int(os.environ.get("DB_PREPARE_THRESHOLD", "5")),
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's PostgreSQL backend whose health check of a kept connection asks the server nothing
    # (config/postgresql/base.py): Django's own sends `SELECT 1` at the start of every request.
    DATABASES["default"]["ENGINE"] = "config.postgresql"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.EmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LEARNING_SIGNUP_URL = "accounts:signup"  # the learning app links visitors here to create an account
LOGIN_REDIRECT_URL = "learning:group_list"  # signing in lands on the person's home; an explicit safe `next` still wins
LOGOUT_REDIRECT_URL = "/"

# Session limits (accounts.middleware, docs/deployment.md "Sessions"): a sign-in ends after this long
# without a request, and this long after signing in however active. Staff, funder reviewers and
# facilitators see many groups' data, so theirs are shorter.
ACCOUNTS_SESSION_IDLE_MINUTES = int(os.environ.get("ACCOUNTS_SESSION_IDLE_MINUTES", "120"))
ACCOUNTS_SESSION_MAX_HOURS = int(os.environ.get("ACCOUNTS_SESSION_MAX_HOURS", "24"))
ACCOUNTS_PRIVILEGED_SESSION_IDLE_MINUTES = int(os.environ.get("ACCOUNTS_PRIVILEGED_SESSION_IDLE_MINUTES", "30"))
ACCOUNTS_PRIVILEGED_SESSION_MAX_HOURS = int(os.environ.get("ACCOUNTS_PRIVILEGED_SESSION_MAX_HOURS", "12"))

# Two-step sign-in (accounts/two_factor, docs/deployment.md "Two-step sign-in"): the same people (staff,
# Wagtail users, funder reviewers, active facilitators) must give a code from an authenticator app or a
# recovery code once per sign-in before they reach anything else; others may turn it on for themselves.
# Only the test settings turn it off; `check --deploy` warns if production does.
ACCOUNTS_TWO_FACTOR_REQUIRED = env_bool("ACCOUNTS_TWO_FACTOR_REQUIRED", True)
# Wrong codes per account before a pause (429 with Retry-After); django-otp also slows each device
# after a wrong code (1, 2, 4, 8... seconds).
ACCOUNTS_TWO_FACTOR_FAILURES_RATE = os.environ.get("ACCOUNTS_TWO_FACTOR_FAILURES_RATE", "5/5m")
OTP_TOTP_ISSUER = "Co-production Hub"

# How many reverse proxies, each appending to X-Forwarded-For, stand between people and the Hub.
# The client's address (accounts/throttling.py `client_ip`) is that many hops from the right; with 0
# it is the connection's. Sign-in throttling and rate limits count per that address.
HUB_TRUSTED_PROXY_COUNT = int(os.environ.get("HUB_TRUSTED_PROXY_COUNT", "0"))

# Sign-in throttling: five failures for one account from one address locks that pair for an hour, so
# nobody can lock a person out from an address they never used. The email is counted as sign-in looks
# it up (any letter case, spaces trimmed). Axes reads the address from our `client_ip`: it would use
# django-ipware's AXES_IPWARE_* settings only if that package were installed, and it is not.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "accounts.throttling.axes_username"
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

# Rate limits per client address (django-ratelimit, in the default cache; a 429 page when exceeded).
# Failed sign-ins per address stop password spraying across many accounts; the limit is well above
# axes' per-account one so a shared address (a community centre) is not locked out as a whole.
RATELIMIT_IP_META_KEY = "accounts.throttling.client_ip"
# When the cache cannot be reached, let requests through rather than refuse every sign-up; axes keeps
# its counts in the database and still protects sign-in.
RATELIMIT_FAIL_OPEN = True
ACCOUNTS_SIGN_UP_RATE = os.environ.get("ACCOUNTS_SIGN_UP_RATE", "10/h")
ACCOUNTS_PASSWORD_RESET_RATE = os.environ.get("ACCOUNTS_PASSWORD_RESET_RATE", "10/h")
ACCOUNTS_SIGN_IN_FAILURES_RATE = os.environ.get("ACCOUNTS_SIGN_IN_FAILURES_RATE", "30/h")

# Retention (issue 12, item 8; docs/deployment.md "Retention"). `manage.py apply_retention`, run daily,
# deletes django-axes sign-in records and funder access log entries older than these; `manage.py
# purge_closed_groups` deletes groups closed longer than the last, with their evidence files. The
# privacy notice (demo/home.py) quotes the same numbers.
ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS = int(os.environ.get("ACCOUNTS_SIGN_IN_RECORDS_RETENTION_DAYS", "90"))
READINESS_ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("READINESS_ACCESS_LOG_RETENTION_DAYS", "730"))
PARTNERS_ACCESS_LOG_RETENTION_DAYS = int(os.environ.get("PARTNERS_ACCESS_LOG_RETENTION_DAYS", "730"))
LEARNING_CLOSED_GROUP_RETENTION_DAYS = int(os.environ.get("LEARNING_CLOSED_GROUP_RETENTION_DAYS", "365"))

# Downloads of data (issue 12, item 7): a person's own data at /accounts/data/ and a group's at
# /groups/<slug>/export/, built in the background and kept this many days; `manage.py
# purge_expired_exports` deletes them after. Each app adds its part of a person's download through a
# provider listed here (accounts never imports the apps' models; the apps never import accounts).
ACCOUNTS_DATA_EXPORT_DAYS = int(os.environ.get("ACCOUNTS_DATA_EXPORT_DAYS", "7"))
LEARNING_GROUP_EXPORT_DAYS = int(os.environ.get("LEARNING_GROUP_EXPORT_DAYS", "7"))
ACCOUNTS_PERSONAL_DATA_PROVIDERS = [
    "learning.personal_data.personal_data",
    "learning.readiness.personal_data.personal_data",
    "learning.partners.personal_data.personal_data",
    "resources.personal_data.personal_data",
]

# Verified email (issue 12, item 1): creating or joining a group, redeeming an invitation, being made a
# funder reviewer or facilitator and sending a story need a confirmed address. The plugin apps never
# import accounts: they ask the callable named here, and send a blocked person to the page named here
# for a new confirmation link. Without these settings (a host with no confirmation) everyone signed in counts.
LEARNING_USER_IS_VERIFIED = "accounts.verification.is_verified"
RESOURCES_USER_IS_VERIFIED = "accounts.verification.is_verified"
LEARNING_RESEND_CONFIRMATION_URL = "accounts:resend_confirmation"
RESOURCES_RESEND_CONFIRMATION_URL = "accounts:resend_confirmation"
# Per signed-in person (django-ratelimit): stories sent, and a funder's requests to groups to share.
RESOURCES_STORY_RATE = os.environ.get("RESOURCES_STORY_RATE", "5/h")
READINESS_SHARE_REQUEST_RATE = os.environ.get("READINESS_SHARE_REQUEST_RATE", "10/h")

# Languages (docs/translation.md): adding one is a line here, a Locale in the admin and its translations.
# The names are in their own language, as a language switcher shows them.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("gd", "Gàidhlig")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [SITE_DIR / "locale"]

STATIC_URL = "/static/"
# STATIC_ROOT from the environment lets CI's background proofs collect static files away from the folder
# the browser tests serve from.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

# ---- Storage -------------------------------------------------------------------------------------
# Media on local disk by default, on S3-compatible storage when a bucket is configured.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    AWS_STORAGE_BUCKET_NAME = os.environ["AWS_STORAGE_BUCKET_NAME"]
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL")
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = True
    AWS_S3_FILE_OVERWRITE = False
    _media_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    _media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": _media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Private files (group evidence, data downloads) follow the media: on local disk by default, in a
# bucket whenever one is configured, so every app server sees a file uploaded through any of them.
# PRIVATE_BUCKET_NAME names a bucket of their own (best); without it they go under "private/" in the
# media bucket, which is safe only while that bucket is not publicly readable, so a media bucket
# served through a custom domain (a CDN) needs a private bucket. The Hub never hands out these
# objects' URLs: learning.files streams each file through the view that has checked permission.
# The bucket settings below are only a second line (private objects, short-lived signed URLs, never
# the media's custom domain) should some code ask a private file for its URL.
_private_bucket = os.environ.get("PRIVATE_BUCKET_NAME") or os.environ.get("AWS_STORAGE_BUCKET_NAME")
if _private_bucket:
    if not os.environ.get("PRIVATE_BUCKET_NAME") and os.environ.get("AWS_S3_CUSTOM_DOMAIN"):
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            "AWS_S3_CUSTOM_DOMAIN serves the media bucket publicly, so private files cannot share it: "
            "set PRIVATE_BUCKET_NAME to a bucket that is not publicly readable."
        )
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": _private_bucket,
            "location": "" if os.environ.get("PRIVATE_BUCKET_NAME") else "private",
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL"),
            "region_name": os.environ.get("AWS_S3_REGION_NAME"),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "custom_domain": None,
            "file_overwrite": False,
            # Streaming reads the object into a temporary file first: past 2 MB it goes to disk, so a
            # large group download does not sit in the web server's memory.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
    LEARNING_PRIVATE_STORAGE = "private"
# ---- end of Storage -------------------------------------------------------------------------------

# One shared cache when Redis is configured, a per-process one otherwise.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "hub"),
        }
    }
    SESSION_ENGINE = "accounts.sessions.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # Django's database sessions, read with a query built once per process (accounts/sessions).
    SESSION_ENGINE = "accounts.sessions.db"

# Whole pages kept for visitors who are not signed in (home/page_cache.py); a publish anywhere shows
# at once because the key carries the site's content version. 0 switches the page cache off.
HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "600"))

# Every email is queued by config.mail and delivered by a background task, which retries a failing
# mail server (EMAIL_RETRY_DELAY seconds later, doubling) and then logs; the backend that really
# delivers is EMAIL_BACKEND from the environment.
EMAIL_BACKEND = "config.mail.QueuedEmailBackend"
EMAIL_DELIVERY_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_RETRIES = int(os.environ.get("EMAIL_RETRIES", "3"))
EMAIL_RETRY_DELAY = float(os.environ.get("EMAIL_RETRY_DELAY", "1"))
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Co-production Hub <hub@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (email delivery, progress recounts, data downloads). With DEBUG off they wait in
# the database for a worker (`manage.py db_worker`); with DEBUG on they run at once inside the
# request. TASKS_BACKEND overrides either (`make run` picks the database and starts a worker).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        ),
    }
}

WAGTAIL_SITE_NAME = "Co-production Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "key", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": os.environ.get("FRONTEND_CACHE_CLOUDFLARE_TOKEN", ""),
        "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
    }

# Content-Security-Policy on public pages; Wagtail's admin needs inline scripts, so it is exempt.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "https:"],
        "media-src": ["'self'", "https:"],
        "frame-src": ["https://www.youtube-nocookie.com", "https://www.youtube.com", "https://player.vimeo.com"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
        "wagtail": {"level": os.environ.get("WAGTAIL_LOG_LEVEL", "WARNING")},
    },
}

# The demo password for `manage.py load_demo`; change it with DEMO_PASSWORD.
DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "co-produce-2026")
