"""The Hub's demo content and `manage.py load_demo`: project-only, never in the plugin wheel."""
