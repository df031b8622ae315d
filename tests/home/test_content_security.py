"""The Content-Security-Policy header kept per process (home/content_security.py) is the one django-csp
would build: the same on every page, changed at once by a setting, and left to django-csp whenever a
response or request brings a policy of its own."""

import re

import pytest
from csp.constants import NONCE, SELF
from csp.decorators import csp_exempt, csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from home.content_security import KeptPolicyCSPMiddleware

HEADER = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def answer(view=None, path="/guides/"):
    """The response the middleware gives for `view` (a plain page unless given)."""
    middleware = KeptPolicyCSPMiddleware(view or (lambda request: HttpResponse("page")))
    return middleware(RequestFactory().get(path))


def policy(*directives):
    return {"DIRECTIVES": {"default-src": [SELF], **dict(directives)}}


def directives(header):
    return sorted(part.strip() for part in header.split(";"))


@pytest.mark.django_db
def test_pages_get_the_header_django_csp_builds_from_the_settings(client, site_shell):
    expected = build_policy()
    for path in ["/", "/about/", "/accounts/sign-in/", "/does-not-exist/"]:
        response = client.get(path)
        assert response[HEADER] == expected, path
        assert REPORT_ONLY not in response
    assert "script-src 'self'" in expected and "object-src 'none'" in expected


def test_a_changed_setting_changes_the_header_at_once():
    assert "https://maps.example.org" not in answer()[HEADER]
    with override_settings(CONTENT_SECURITY_POLICY=policy(("img-src", [SELF, "https://maps.example.org"]))):
        assert directives(answer()[HEADER]) == ["default-src 'self'", "img-src 'self' https://maps.example.org"]
    assert "https://maps.example.org" not in answer()[HEADER]


def test_a_report_only_policy_is_sent_when_set():
    with override_settings(CONTENT_SECURITY_POLICY_REPORT_ONLY=policy(("report-uri", ["/csp-reports/"]))):
        response = answer()
    assert directives(response[REPORT_ONLY]) == ["default-src 'self'", "report-uri /csp-reports/"]
    assert response[HEADER]


def test_excluded_prefixes_and_a_header_the_view_set_are_left_alone():
    assert HEADER not in answer(path="/admin/pages/")

    def private_file(request):
        response = HttpResponse(b"%PDF")
        response[HEADER] = "default-src 'none'; sandbox"
        return response

    assert answer(private_file)[HEADER] == "default-src 'none'; sandbox"


def test_a_view_with_its_own_policy_gets_django_csps_treatment():
    updated = answer(csp_update({"img-src": "https://tiles.example.org"})(lambda request: HttpResponse("map")))
    assert "https://tiles.example.org" in updated[HEADER]
    assert "script-src 'self'" in updated[HEADER]
    assert HEADER not in answer(csp_exempt()(lambda request: HttpResponse("embed")))
    # The kept header is untouched by either.
    assert "https://tiles.example.org" not in answer()[HEADER]


def test_a_nonce_used_by_the_page_is_in_its_header_and_only_its_own():
    def page_with_script(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>')

    with override_settings(CONTENT_SECURITY_POLICY=policy(("script-src", [SELF, NONCE]))):
        first, second, plain = answer(page_with_script), answer(page_with_script), answer()
    nonces = [re.search(r"'nonce-([^']+)'", response[HEADER]).group(1) for response in (first, second)]
    assert nonces[0] != nonces[1]
    assert nonces[0] in first.content.decode()
    assert "nonce-" not in plain[HEADER]


def test_asking_for_a_nonce_after_the_header_is_written_is_an_error():
    from csp.exceptions import CSPNonceError

    middleware = KeptPolicyCSPMiddleware(lambda request: HttpResponse("page"))
    request = RequestFactory().get("/guides/")
    middleware(request)
    with pytest.raises(CSPNonceError):
        str(request.csp_nonce)
