"""The Hub's PostgreSQL database backend (see base.py)."""
