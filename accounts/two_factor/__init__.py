"""Two-step sign-in: a code from an authenticator app (TOTP, django-otp) and one-time recovery codes."""
