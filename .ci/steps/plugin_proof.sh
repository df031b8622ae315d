#!/usr/bin/env bash
# Proof that the plugin set installs into someone else's Wagtail site using only the wheel and
# docs/plugins.md: build the wheel; in a temporary folder make a fresh virtualenv and a fresh
# `wagtail start` project; install the wheel; put the settings, URL and base template blocks
# docs/plugins.md marks with `<!-- plugin-proof: ... -->` into the project; migrate and check; build a pathway,
# a stage, steps, a guide and a case study through the models; serve the site with runserver and
# read the pages over HTTP; then, signed in, create a group, start the pathway, mark a step done
# and see the dashboard's percent change; run axe-core over the apps' pages as visitor and member;
# finally check the migrations' data, the stored progress, a readiness framework built through the
# models (the wheel ships no demo content; the host cannot import any) and the signals.
#
# PLUGIN_PROOF_PYTHON picks the interpreter for the new virtualenv (default: python3.11 or
# python3); KEEP_PLUGIN_PROOF=1 keeps the temporary folder for a look afterwards. Packages come
# from wherever this machine's pip is configured to look; to run with no network at all, point pip
# at a folder of wheels (`pip download -d DIR dist/coproduction_hub-*.whl "setuptools>=69"` once):
#     PIP_NO_INDEX=1 PIP_FIND_LINKS=DIR bash .ci/steps/plugin_proof.sh
# Takes two to three minutes, most of it installing Wagtail and running its migrations.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
PROOF="$ROOT/tests/plugin/proof"
DOC="$ROOT/docs/plugins.md"
HUB_PY="$ROOT/.venv/bin/python"
BASE_PY="${PLUGIN_PROOF_PYTHON:-$(command -v python3.11 || command -v python3)}"
# Installing Wagtail and deleting it again is ~20,000 small files: on a busy disk that alone takes
# minutes, so work in RAM (/dev/shm) when TMPDIR is not set and there are 2 GB free there.
TMP_BASE="${TMPDIR:-/tmp}"
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] \
    && [ "$(df -Pk /dev/shm | awk 'NR == 2 {print $4}')" -gt 2000000 ]; then
    TMP_BASE=/dev/shm
fi
WORK="$(mktemp -d "$TMP_BASE/plugin-proof.XXXXXX")"
SERVER_PID=""

say() { echo "plugin proof [${SECONDS}s]: $*"; }
fail() { echo "plugin proof FAILED: $*" >&2; exit 1; }
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    if [ -n "${KEEP_PLUGIN_PROOF:-}" ]; then say "kept $WORK"; else rm -rf "$WORK"; say "removed $WORK"; fi
}
trap cleanup EXIT
quietly() {  # run a command, showing its output only when it fails
    local log="$WORK/last.log"
    if ! "$@" >"$log" 2>&1; then tail -60 "$log" >&2; fail "$*"; fi
}

# 1. Build the wheel from a copy of the source tree, so the build leaves nothing behind here.
say "building the wheel"
mkdir -p "$WORK/src" "$WORK/dist"
rsync -a --exclude .git --exclude .venv --exclude __pycache__ --exclude '*.sqlite3' --exclude media \
    --exclude private --exclude static_collected --exclude .pytest_cache --exclude .ruff_cache \
    --exclude build --exclude dist --exclude '*.egg-info' "$ROOT/" "$WORK/src/"
(cd "$WORK/src" && quietly "$HUB_PY" -m build --wheel --outdir "$WORK/dist" .)
WHEEL="$(ls "$WORK"/dist/coproduction_hub-*.whl)"
quietly "$HUB_PY" "$PROOF/check_wheel.py" "$WHEEL" "$WORK/src"
say "built $(basename "$WHEEL")"

# 2. A fresh virtualenv with Wagtail, a fresh `wagtail start` project, then the wheel.
say "making a fresh virtualenv and a wagtail start project in $WORK"
quietly "$BASE_PY" -m venv "$WORK/venv"
VPY="$WORK/venv/bin/python"
# --no-compile: no bytecode for the thousands of modules the proof never imports (faster to install
# and to delete afterwards).
quietly "$VPY" -m pip install --quiet --no-compile "wagtail>=8.0,<8.1"
(cd "$WORK" && quietly "$WORK/venv/bin/wagtail" start hostsite)
quietly "$VPY" -m pip install --quiet --no-compile "$WHEEL"
SITE="$WORK/hostsite"
[ ! -e "$SITE/learning" ] && [ ! -e "$SITE/resources" ] || fail "the host project must not hold the apps' source"

# 3. Follow docs/plugins.md literally: its marked settings, URL and base template blocks go into the
#    project, where the doc says.
for block in settings api-settings; do
    quietly "$VPY" "$PROOF/doc_blocks.py" "$DOC" "$block" "$SITE/hostsite/settings/base.py"
done
for block in urls api-urls; do
    quietly "$VPY" "$PROOF/doc_blocks.py" "$DOC" "$block" "$SITE/hostsite/urls.py"
done
for block in base-head base-content; do
    quietly "$VPY" "$PROOF/doc_blocks.py" "$DOC" "$block" "$SITE/hostsite/templates/base.html"
done
say "applied the settings, URL and base template blocks of docs/plugins.md"

# Nothing may come from the Hub's source tree: run from the project, with the source out of reach.
cd "$SITE"
export PYTHONPATH="" DJANGO_SETTINGS_MODULE=hostsite.settings.dev
"$VPY" - <<'EOF' || fail "the apps were not imported from the installed wheel, or it carries demo or bench code"
import importlib.util, learning, resources, sys
for module in (learning, resources):
    assert "site-packages" in module.__file__, module.__file__
# The demo content and the bench data are the Hub's own: the host can import none of them.
for name in ("demo", "benchdata", "learning.demo", "learning.readiness.demo", "resources.demo"):
    assert importlib.util.find_spec(name) is None, f"{name} came with the wheel"
EOF

# 4. migrate and check.
quietly "$VPY" manage.py migrate --noinput
quietly "$VPY" manage.py check --fail-level WARNING
quietly "$VPY" manage.py makemigrations --check --dry-run
say "migrate, check and makemigrations --check passed"

# 5. Content through the models.
export PROOF_STATE="$WORK/state.json"
quietly "$VPY" manage.py shell --no-imports -c "exec(open('$PROOF/host_content.py').read())"
say "made a pathway with a stage and steps, a guide and a case study under the host's home page"

# 6. Serve the site and visit it.
PORT="$("$VPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$VPY" manage.py runserver --noreload "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
    kill -0 "$SERVER_PID" 2>/dev/null || { tail -40 "$WORK/server.log" >&2; fail "runserver stopped"; }
    sleep 0.5
done
say "serving on http://127.0.0.1:$PORT/"
if ! "$VPY" "$PROOF/host_visit.py" "http://127.0.0.1:$PORT" "$PROOF_STATE"; then
    tail -60 "$WORK/server.log" >&2
    fail "the HTTP walk-through"
fi

# Accessibility of what the walk-through made, with the browser tests' Chromium and axe-core.
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    if ! "$HUB_PY" "$PROOF/host_axe.py" "http://127.0.0.1:$PORT" "$PROOF_STATE"; then
        tail -30 "$WORK/server.log" >&2
        fail "axe-core on the apps' pages in the host"
    fi
    say "axe-core finds no WCAG 2.2 A/AA problem on the apps' pages in the host"
elif [ -n "${REQUIRE_BROWSER:-}" ]; then
    fail "REQUIRE_BROWSER is set but there is no chromium at $CHROMIUM"
else
    say "SKIPPED the accessibility check: no chromium at $CHROMIUM (apt-get install chromium)"
fi

# 7. What the walk-through stored, and every documented signal with its documented arguments.
quietly "$VPY" manage.py shell --no-imports -c "exec(open('$PROOF/host_verify.py').read())"
say "the migrations made the case study workflow and left the host's groups as Wagtail made them, not the framework; stored progress is right; a framework built through the models shows on the readiness page; progress_changed, pathway_completed, share_granted, review_posted and share_revoked arrive with their documented arguments"
say "passed"
