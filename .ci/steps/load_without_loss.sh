#!/usr/bin/env bash
# Load without loss (short): 20 members of different groups mark steps done and undone and add
# reflections while funders read portfolios, for 15 s against PostgreSQL; then every acknowledged
# write must be there, stored progress must equal a recount, and no response may be a 5xx.
# bench/load_without_loss.py makes and drops its own database; its servers stop on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
timeout 420 .venv/bin/python bench/load_without_loss.py --members 20 --seconds 15 --workers 2
