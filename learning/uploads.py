"""Checks on uploaded evidence files: an allowlist of document and image types, a size limit and
a look at the file's first bytes, so a program renamed to "minutes.pdf" is refused. Images are
re-encoded without their location and other metadata before they are kept; an iPhone's HEIC photo
becomes a JPEG."""

import os

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from resources.images import ImageProblem, TooManyPixels, is_stripped, strip_image_metadata

from .conf import evidence_max_bytes

# Extension -> (content type we serve it as, what the first bytes may say it is).
# Office formats are zip files inside; plain text has no signature at all.
ALLOWED_TYPES = {
    ".pdf": ("application/pdf", {"application/pdf"}),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {"application/zip", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ),
    ".xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        {"application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ),
    ".pptx": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        {"application/zip", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ),
    ".odt": ("application/vnd.oasis.opendocument.text", {"application/zip", "application/vnd.oasis.opendocument.text"}),
    ".ods": (
        "application/vnd.oasis.opendocument.spreadsheet",
        {"application/zip", "application/vnd.oasis.opendocument.spreadsheet"},
    ),
    ".txt": ("text/plain", set()),
    ".csv": ("text/csv", set()),
    ".jpg": ("image/jpeg", {"image/jpeg"}),
    ".jpeg": ("image/jpeg", {"image/jpeg"}),
    ".png": ("image/png", {"image/png"}),
    # iPhone photos: HEIC is kept as a JPEG (`without_image_metadata`), so it is served as one.
    ".heic": ("image/jpeg", {"image/heic", "image/heif"}),
    ".heif": ("image/jpeg", {"image/heic", "image/heif"}),
}
# Signatures of programs and scripts that are never evidence, whatever they are called.
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


def allowed_extensions_text():
    return ", ".join(sorted({ext.lstrip(".").upper() for ext in ALLOWED_TYPES}))


def check_evidence_file(upload):
    """Return the content type to store for a valid upload; raise ValidationError otherwise."""
    limit = evidence_max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("The file is %(size)s. Files can be up to %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            code="too_big",
        )
    extension = os.path.splitext(upload.name or "")[1].lower()
    if extension not in ALLOWED_TYPES:
        raise ValidationError(
            _("Files of that type cannot be added. Use one of: %(types)s. Photos from iPhones are fine.")
            % {"types": allowed_extensions_text()},
            code="type",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    content_type, signatures = ALLOWED_TYPES[extension]
    disguised = _("The file does not look like a %(ext)s file. Save it again as %(ext)s and try once more.") % {
        "ext": extension.lstrip(".").upper()
    }
    if head.startswith(_EXECUTABLE_MAGIC):
        raise ValidationError(disguised, code="disguised")
    guessed = filetype.guess_mime(head)
    if signatures:
        if guessed not in signatures:
            raise ValidationError(disguised, code="disguised")
    else:
        # Plain text: no signature of any known binary type, no NUL bytes, and readable text.
        if guessed is not None or b"\x00" in head:
            raise ValidationError(disguised, code="disguised")
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                raise ValidationError(disguised, code="disguised") from None
    return content_type


def without_image_metadata(upload, content_type):
    """The upload to keep: an image upright and without EXIF, XMP or text; any other file as it is.

    Photos of people at home carry where they were taken; a group's library is private, but a
    file shared with a funder or downloaded to a laptop should not say where anyone lives.
    """
    # By the extension too: a caller that skips the form may not say what the file is.
    by_extension = ALLOWED_TYPES.get(os.path.splitext(upload.name or "")[1].lower(), ("",))[0]
    if not (content_type or by_extension).startswith("image/") or is_stripped(upload):
        return upload
    try:
        return strip_image_metadata(upload)
    except TooManyPixels:
        raise ValidationError(
            _("The image has too many pixels. Save a smaller version of it and try again."), code="too_many_pixels"
        ) from None
    except ImageProblem:
        raise ValidationError(
            _("The image could not be read. Save it again as %(ext)s and try once more.")
            % {"ext": os.path.splitext(upload.name or "")[1].lstrip(".").upper() or "JPEG"},
            code="unreadable",
        ) from None
