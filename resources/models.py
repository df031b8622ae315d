"""Models of the resources app (guides and case studies arrive in a later issue)."""
