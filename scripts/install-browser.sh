#!/usr/bin/env bash
# Install Debian's chromium (and CJK fonts for the review pages) so the browser tests can run.
# Never fails the caller: without root or apt-get it says why it skipped, and the browser
# tests then skip themselves with their own message.
set -uo pipefail

need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
# Without a CJK font the screenshots show boxes instead of Chinese characters.
if ! { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh family 2>/dev/null | grep -q .; }; then
    need+=(fonts-noto-cjk)
fi

if [ ${#need[@]} -eq 0 ]; then
    echo "install-browser: /usr/bin/chromium and a CJK font are already installed"
    exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser: skipped (need ${need[*]}, but not running as root)"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-browser: skipped (need ${need[*]}, but apt-get is not available)"
    exit 0
fi

echo "install-browser: installing ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
if apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"; then
    echo "install-browser: done ($(/usr/bin/chromium --version 2>/dev/null || echo 'chromium version unknown'))"
else
    echo "install-browser: apt-get failed; browser tests will be skipped" >&2
fi
exit 0
