"""The site's URLs plus the benchmark's ceiling: a plain Django view that returns a short string."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def plain_baseline(request):
    return HttpResponse("Hello from a plain Django view.", content_type="text/plain")


urlpatterns = [path("bench/plain/", plain_baseline, name="bench-plain"), *site_urlpatterns]
