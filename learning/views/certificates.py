"""A printable certificate that anyone with its code can check, saying truthfully whether it is still valid."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..models import Certificate


def certificate(request, code):
    found = get_object_or_404(Certificate, code=code.upper())
    today = timezone.localdate()
    context = {"certificate": found, "today": today, "lapsed": found.lapsed(today)}
    return render(request, "learning/certificate.html", context)
