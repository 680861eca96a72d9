#!/usr/bin/env bash
# Installs the Debian packages slo needs, and only those missing. Usage: install-deps.sh [--test]
# Build: libyaml-dev, pkg-config, libcurl4-openssl-dev (slo report's HTTP client). Tests and
# benchmarks add prometheus (promtool and a real server), chromium (screenshots of the HTML
# documents), python3 (reads the screenshots, fakes a misbehaving Prometheus), python3-jsonschema
# (checks report JSON against its schema), openssl (a TLS test) and time (GNU time measures a
# child's own peak memory; see Tests/TestSupport/PeakMemory.swift).
set -euo pipefail
packages=(libyaml-dev pkg-config libcurl4-openssl-dev)
if [[ "${1:-}" == "--test" ]]; then packages+=(prometheus chromium python3 python3-jsonschema openssl time); fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian's package may start a server on 0.0.0.0:9090 on systemd hosts; tests start their own on 127.0.0.1.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet prometheus 2>/dev/null; then
  ${sudo:-} systemctl stop prometheus || true
fi
