#!/usr/bin/env bash
# Scale-out with every moving part (bench/scale_out.py): two gunicorn servers, one task worker, PostgreSQL,
# Redis and moto's local S3 server; five named checks (sessions, publish, evidence, email, recount), each
# PASS or FAIL. The script makes and drops its own database and bucket and stops every process on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 >/dev/null
    sleep 1
fi
# SIGTERM on timeout: the script stops its servers, worker and S3 server and drops its database first.
timeout 300 .venv/bin/python -u bench/scale_out.py
