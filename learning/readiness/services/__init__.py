"""Services: every change to readiness data goes through these functions, each in one transaction."""
