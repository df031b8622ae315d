"""Sending a private uploaded file to someone a view has already let in: one answer, one set of headers."""

import os

from django.http import FileResponse, Http404

# Only these are shown in the browser; everything else is downloaded, so no uploaded document (an SVG,
# a PDF, text a browser might take for HTML) is ever rendered as a page of this site.
INLINE_TYPES = ("image/jpeg", "image/png")


def private_file_response(file_field, *, filename, content_type):
    """A no-store, sandboxed, unsniffable response for a stored file; 404 if the storage has lost it.

    The caller has already asked `permissions` whether the person may have the file. Without a
    `filename` the download is named after the stored file.
    """
    if not file_field or not file_field.name:
        raise Http404
    try:
        if not file_field.storage.exists(file_field.name):
            raise Http404
        handle = file_field.open("rb")
    except OSError:
        # Gone from disk or unreadable between the check and the read: for the reader it is simply not there.
        raise Http404 from None
    content_type = content_type or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=filename or os.path.basename(file_field.name),
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
