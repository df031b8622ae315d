"""Services: every change the resources app makes to the database happens here."""
