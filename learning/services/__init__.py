"""Services: every change to learning data goes through a function here, inside a transaction."""
