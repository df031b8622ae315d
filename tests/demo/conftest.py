"""Fixtures for the demo tests: the demo's evidence files go to a temporary folder."""

from tests.learning.conftest import private_media  # noqa: F401 (an autouse fixture)
