"""App configuration for the demo content: installed in development, tests and benchmarks, not in production."""

from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Project-only: `load_demo` builds the demo site through the apps' models and services."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo content"
