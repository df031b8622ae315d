"""Project-only tools for the people who run the Hub (the background task queue)."""
