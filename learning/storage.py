"""Private file storage for evidence: a folder outside MEDIA_ROOT that has no URL at all."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible

from .conf import private_media_root


@deconstructible
class PrivateFileStorage(FileSystemStorage):
    """Files are read back only through the permission-checked evidence view, never by URL.

    The location is read from settings on every use, so tests and hosts can move it.
    """

    @property
    def base_location(self):
        return private_media_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None

    def url(self, name):
        raise ValueError("Evidence files are private and have no public URL.")


def private_storage():
    """The storage for evidence files and data downloads.

    A private folder on local disk by default. Hosts with several app servers name a private
    bucket in STORAGES and set LEARNING_PRIVATE_STORAGE to its alias (the Hub's settings do so
    whenever a bucket is configured); files are still streamed only through the permission-checked
    views (learning.files), never handed out by the storage's own URL. A FileField calls this once,
    when the models load, so the alias must be set in settings, not switched at run time.
    """
    alias = getattr(settings, "LEARNING_PRIVATE_STORAGE", None)
    return storages[alias] if alias else PrivateFileStorage()
