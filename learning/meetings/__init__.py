"""Group meetings: who came, the steps worked on, decisions and actions, and corrections to the minutes."""
