"""Fixtures for the demo tests: the demo's evidence files go to a temporary folder."""

import pytest


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.LEARNING_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")
    return tmp_path / "private"
