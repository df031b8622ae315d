"""Views of the learning app: thin wrappers that parse, ask `permissions`, call a service, render."""
