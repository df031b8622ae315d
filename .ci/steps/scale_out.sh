#!/usr/bin/env bash
# Scale-out: two gunicorn servers on one PostgreSQL and one Redis share sessions and never serve a
# stale page (bench/scale_out.py makes and drops its own database; servers stop on exit).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 >/dev/null
    sleep 1
fi
timeout 240 .venv/bin/python bench/scale_out.py
