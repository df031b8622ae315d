"""A printable certificate that anyone with its code can check."""

from django.shortcuts import get_object_or_404, render

from ..models import Certificate


def certificate(request, code):
    found = get_object_or_404(Certificate, code=code.upper())
    return render(request, "learning/certificate.html", {"certificate": found})
