#!/usr/bin/env bash
# Install Debian's headless Chromium and its driver for the browser smoke test
# (pytest --browser-smoke). Nothing here downloads a browser build of its own:
# selenium drives /usr/bin/chromium through /usr/bin/chromedriver.
set -euo pipefail

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
  echo "chromium and chromedriver already installed: $(chromium --version 2>/dev/null || true)"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
else
  SUDO=
fi

$SUDO apt-get update
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends \
  chromium chromium-driver fonts-noto-cjk
echo "installed: $(chromium --version 2>/dev/null || true)"
