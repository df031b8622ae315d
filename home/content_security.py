"""The Content-Security-Policy header, built once per process instead of for every response.

django-csp builds its headers from the settings anew for every response: about 40 us, the dearest
single thing left on a visitor's page from the page cache (issue 14). A response that brings no policy
of its own (no nonce used, no csp_update/csp_replace/csp_exempt decorator) gets headers that depend on
the settings alone, so they are built once and kept until a setting changes (tests). Anything else is
handed to django-csp. For the kept headers, `process_response` repeats django-csp 4.0's two rules about
where a header goes (a header the view set wins; EXCLUDE_URL_PREFIXES get none), and
tests/home/test_content_security.py checks both against the pages and against `build_policy()`.
"""

import functools

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

# What a view or decorator may put on a response to change or drop its policy (django-csp's names).
OWN_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
    "_csp_exempt",
    "_csp_exempt_ro",
)


@functools.cache
def settings_policy(report_only):
    """(header value, URL prefixes left without it) as the settings give them: built once."""
    setting = "CONTENT_SECURITY_POLICY_REPORT_ONLY" if report_only else "CONTENT_SECURITY_POLICY"
    excluded = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
    return build_policy(report_only=report_only), tuple(excluded)


@receiver(setting_changed, dispatch_uid="home.content_security.setting_changed")
def _forget_policy(setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        settings_policy.cache_clear()


class KeptPolicyCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the headers of a response that brings no policy of its own kept."""

    def process_response(self, request, response):
        brings_its_own = getattr(request, "_csp_nonce", None) is not None or any(
            hasattr(response, name) for name in OWN_POLICY_ATTRIBUTES
        )
        if brings_its_own or (settings.DEBUG and response.status_code in (404, 500)):
            return super().process_response(request, response)
        for header, report_only in ((HEADER, False), (HEADER_REPORT_ONLY, True)):
            policy, excluded = settings_policy(report_only)
            if policy and header not in response and not request.path_info.startswith(excluded):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written would be in no header.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
