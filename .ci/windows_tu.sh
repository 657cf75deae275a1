#!/usr/bin/env bash
# Prints a translation unit that includes HEADER the way a Windows program does: after
# <windows.h> (with "windows" as the second argument; mingw-w64's real header) and under the
# Windows SDK's macros (.ci/windows_sdk_macros.h, for those mingw-w64 leaves out). Used by
# .ci/engine (no <windows.h>, host compilers) and .ci/platforms (mingw-w64).
#
# MSVC's standard library is written to survive the SDK's function-like min/max macros;
# libstdc++, which stands in for it here, is not. So every standard header that the library
# and nlohmann/json include is included before the macros are defined: any error left is in a
# header of this library (or nlohmann/json), as it would be with MSVC.
# Usage: .ci/windows_tu.sh include/passwordless.hpp [windows] > tu.cpp
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
header=$1
json_dir=${PASSWORDLESS_NLOHMANN_DIR:-/usr/include/nlohmann}
[ "${2:-}" = windows ] && echo '#include <windows.h>'
{
  find "$root/include" -name '*.hpp' ! -path '*/single/*' -exec cat {} +
  find "$json_dir" -name '*.hpp' -exec cat {} +
} | sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*<\([a-z_]*\)>.*/#include <\1>/p' | sort -u
echo "#include \"$root/.ci/windows_sdk_macros.h\""
echo "#include \"$root/$header\""
