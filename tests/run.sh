#!/usr/bin/env bash
# The test suite from nothing: the README's test command and CI's (.ci/run) are this one script.
#   bash tests/run.sh [pytest arguments]
# 1. Debian packages the tests use, installed when missing (apt-get as root, else sudo), or a stop at once
#    naming the one `apt-get install` line to run.
# 2. The Python side: .venv with the project and its test extras.
# 3. A throwaway PostgreSQL cluster on a free loopback port (.ci/start-postgres), stopped again on exit,
#    unless CASHIER_TEST_PG_URL already names a database.
# 4. pytest; its exit code is this script's (5, no tests collected, fails like any other).
# CASHIER_SETUP_ROOT (default /) is where the package checks look, so a test can show an empty machine;
# CASHIER_SETUP_PACKAGES_ONLY=1 stops after step 1 (a machine prepared for the tests, nothing run).
set -euo pipefail
cd "$(dirname "$0")/.."
root="${CASHIER_SETUP_ROOT:-}"

# package: the file that shows it is installed (a glob for PostgreSQL, whose path carries its version)
#   openssl            the independent AES oracle of the e-invoice tests
#   fonts-wqy-microhei the virtual printer's PNGs show Chinese instead of boxes
#   postgresql         HQ's tests run a second time on PostgreSQL
#   openssh-server     tests/ssh runs the app over a real SSH session (its own sshd on a loopback port)
#   chromium           the back office's pages are tested in a real headless browser
packages=(
    "openssl:/usr/bin/openssl"
    "fonts-wqy-microhei:/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
    "postgresql:/usr/lib/postgresql/*/bin/initdb"
    "openssh-server:/usr/sbin/sshd"
    "chromium:/usr/bin/chromium"
)
missing=()
for entry in "${packages[@]}"; do
    compgen -G "$root${entry#*:}" >/dev/null || missing+=("${entry%%:*}")
done
if ((${#missing[@]})); then
    line="apt-get install -y ${missing[*]}"
    if [[ "$(id -u)" == 0 ]]; then
        as_root=()
    elif command -v sudo >/dev/null 2>&1 && { [[ -t 0 ]] || sudo -n true 2>/dev/null; }; then
        as_root=(sudo)
    else
        echo "The tests need Debian packages that are not installed. As root, run:" >&2
        echo "    apt-get update && $line" >&2
        exit 2
    fi
    echo "installing: ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    if ! { "${as_root[@]}" apt-get update -qq && "${as_root[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null; }; then
        echo "could not install the packages; run as root: apt-get update && $line" >&2
        exit 2
    fi
fi
[[ -z "${CASHIER_SETUP_PACKAGES_ONLY:-}" ]] || exit 0

python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'

if [[ -z "${CASHIER_TEST_PG_URL:-}" ]]; then
    pg_dir="$(mktemp -d "${TMPDIR:-/tmp}/cashier-pg-XXXXXX")"
    trap '.ci/start-postgres --stop --dir "$pg_dir"; rm -rf "$pg_dir"' EXIT
    port="$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    CASHIER_TEST_PG_URL="$(.ci/start-postgres --dir "$pg_dir" --port "$port")"
    export CASHIER_TEST_PG_URL
fi

.venv/bin/python -m pytest -q "$@"
