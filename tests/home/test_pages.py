"""Home and standard pages: where they may be created, how they render, the site shell."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(StandardPage, HomePage)

    def test_standard_pages_live_under_home_or_each_other(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_only_one_home_page(self):
        assert HomePage.max_count == 1


@pytest.mark.django_db
def test_home_page_renders_with_the_site_shell(client, site_shell):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Work with public services as equals" in html
    assert 'href="#main"' in html
    assert '<main id="main"' in html
    assert 'aria-label="Main"' in html
    assert "About the Hub" in html  # main navigation from the page tree
    assert "Privacy notice" in html and "Accessibility statement" in html  # footer


@pytest.mark.django_db
def test_standard_pages_render(client, site_shell):
    for url, text in [
        ("/about/", "How it works"),
        ("/privacy/", "Your rights"),
        ("/accessibility/", "Tell us about a problem"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert text in response.content.decode()


@pytest.mark.django_db
def test_site_name_comes_from_the_site_setting(client, site_shell):
    from home.models import SiteSettings

    site_settings = SiteSettings.for_site(site_shell)
    site_settings.site_name = "Hub of the North"
    site_settings.save()
    assert "Hub of the North" in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_address_gets_the_sites_own_404(client, site_shell):
    response = client.get("/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert '<main id="main"' in html and "site-footer" in html


@pytest.mark.django_db
def test_public_pages_carry_a_content_security_policy(client, site_shell):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_meta_description_and_open_graph(client, site_shell):
    html = client.get("/about/").content.decode()
    assert '<meta name="description" content="Who the Hub is for and how it works.">' in html
    assert 'property="og:title" content="About the Hub"' in html
