"""Who is asking, and how often: the client's real address, the sign-in name axes counts, rate limits."""

import functools
import ipaddress

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django_ratelimit.core import get_usage

SIGN_UP = "accounts.sign_up"
RESET_REQUESTS = "accounts.reset_requests"
SIGN_IN_FAILURES = "accounts.sign_in_failures"

# Per client address. Failed sign-ins per address are far above axes' five per account and address,
# so one shared address (a community centre, a library) does not lock out everyone behind it, but an
# address trying password after password across many accounts is stopped.
DEFAULT_RATES = {
    SIGN_UP: "10/h",
    RESET_REQUESTS: "10/h",
    SIGN_IN_FAILURES: "30/h",
}
RATE_SETTINGS = {
    SIGN_UP: "ACCOUNTS_SIGN_UP_RATE",
    RESET_REQUESTS: "ACCOUNTS_PASSWORD_RESET_RATE",
    SIGN_IN_FAILURES: "ACCOUNTS_SIGN_IN_FAILURES_RATE",
}


def client_ip(request):
    """The address of the person, not of the reverse proxies in front of the Hub.

    Each of the HUB_TRUSTED_PROXY_COUNT proxies appends the address it received the request from to
    X-Forwarded-For, so the person's address is that many hops from the right; anything to its left
    was sent by the client and could be anything. Without trusted proxies, or when the header has
    fewer hops than proxies (the request did not come through them), it is the connection's address.
    """
    remote_addr = request.META.get("REMOTE_ADDR", "")
    proxies = getattr(settings, "HUB_TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return remote_addr
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote_addr
    candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote_addr


def axes_username(request, credentials):
    """The email address as sign-in looks it up, so every letter case of it shares one failure count."""
    field = getattr(settings, "AXES_USERNAME_FORM_FIELD", "username")
    typed = credentials.get(field) if credentials else request.POST.get(field)
    return get_user_model().objects.normalize_email(typed)


def _rate(group, request):
    return getattr(settings, RATE_SETTINGS[group], DEFAULT_RATES[group])


def _usage(request, group, *, increment):
    # key="ip" masks the address (a whole IPv6 /64 counts as one) and takes it from client_ip through
    # RATELIMIT_IP_META_KEY.
    return get_usage(request, group=group, key="ip", rate=_rate, increment=increment)


def too_many_requests(request, usage):
    """The plain-English 429 page, saying in Retry-After when the window opens again."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = str(max(usage["time_left"], 1))
    return response


def limit_posts_per_address(group):
    """Answer 429 once an address has sent more POSTs to the view than its rate in `group` allows."""

    def decorator(view):
        @functools.wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method == "POST":
                usage = _usage(request, group, increment=True)
                if usage and usage["should_limit"]:
                    return too_many_requests(request, usage)
            return view(request, *args, **kwargs)

        return limited_view

    return decorator


def sign_in_failures_exceeded(request):
    """The usage when this address has used up its failed sign-ins for now, otherwise None."""
    usage = _usage(request, SIGN_IN_FAILURES, increment=False)
    if usage and (usage["count"] >= usage["limit"] or usage["should_limit"]):
        return usage
    return None


def record_sign_in_failure(request):
    _usage(request, SIGN_IN_FAILURES, increment=True)
