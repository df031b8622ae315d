"""Readiness views: thin, each asks `learning.permissions` and calls a service or selector."""
