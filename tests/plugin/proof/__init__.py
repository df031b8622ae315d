"""Helpers for the plugin proof (.ci/steps/plugin_proof.sh); they run inside the host project."""
