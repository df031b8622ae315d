from django.apps import AppConfig


class BenchDataConfig(AppConfig):
    """Project-only: builds benchmark volume (never part of the pluggable apps)."""

    name = "benchdata"
    label = "benchdata"
    verbose_name = "Benchmark data"
