#!/usr/bin/env bash
# Installs the Python reference tools that some tests use as oracles (never runtime dependencies).
set -euo pipefail
if /usr/bin/python3 -c 'import cv2, sklearn, numpy, PIL' 2>/dev/null && command -v mcs >/dev/null; then exit 0; fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq python3-opencv python3-sklearn python3-numpy python3-pil >/dev/null
/usr/bin/python3 -c 'import cv2, sklearn, numpy, PIL'
# Mono's C# compiler (C# up to 7.2) for test/unit/unity/csharp-compile.test.ts, which compiles the
# Unity project's C# against stubs of the Unity API.
$SUDO apt-get install -y -qq --no-install-recommends mono-mcs >/dev/null
mcs --version >/dev/null
