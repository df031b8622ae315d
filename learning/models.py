"""Models of the learning app (pathways, groups and progress arrive in later issues)."""
