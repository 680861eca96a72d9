# Sourced by the bench scripts: from the repository root, installs what the build and the
# measurements (GNU time) need, builds the release binary and makes a scratch folder $work that
# is removed on exit.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/install-deps.sh --test
swift build -c release --product slo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
