"""Settings for the Co-production Hub: base, dev, test and production."""
