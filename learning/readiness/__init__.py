"""Readiness: a group assesses itself, shares its profile with the funders it chooses, and funders review it."""
