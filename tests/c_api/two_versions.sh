#!/usr/bin/env bash
# Builds a second libpasswordless from a copy of the core whose version is 0.1.99 (so its inline
# namespace differs too), then loads it beside LIB (the ordinary build) in one process with
# tests/c_api/two_versions.c, RTLD_LOCAL and RTLD_GLOBAL: each copy must report its own version
# and log in on its own, interleaved with the other.
# usage: tests/c_api/two_versions.sh path/to/libpasswordless.so
set -euo pipefail
cd "$(dirname "$0")/../.."
lib_a=$(realpath "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/passwordless-two.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -r include "$tmp/include"
v=$tmp/include/passwordless/version.hpp
sed -i 's/^#define PASSWORDLESS_VERSION_PATCH 0$/#define PASSWORDLESS_VERSION_PATCH 99/; s/^#define PASSWORDLESS_VERSION_STRING "0.1.0"$/#define PASSWORDLESS_VERSION_STRING "0.1.99"/; s/PASSWORDLESS_VERSION_PATCH != 0$/PASSWORDLESS_VERSION_PATCH != 99/' "$v"
sed -i 's/^#define PASSWORDLESS_C_VERSION_PATCH 0$/#define PASSWORDLESS_C_VERSION_PATCH 99/' "$tmp/include/passwordless.h"
grep -q 'PASSWORDLESS_VERSION_STRING "0.1.99"' "$v" || { echo "two_versions.sh: could not make the 0.1.99 copy (version.hpp changed?)" >&2; exit 1; }
abi=$(sed -n 's/^#define PASSWORDLESS_ABI_VERSION \([0-9]*\)$/\1/p' include/passwordless.h)
# The copy is built by the project's own rules (CMakeLists.txt), the library alone.
cp CMakeLists.txt "$tmp/CMakeLists.txt"
cmake -S "$tmp" -B "$tmp/build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DPASSWORDLESS_BUILD_TESTS=OFF \
  -DPASSWORDLESS_BUILD_EXAMPLES=OFF -DPASSWORDLESS_INSTALL=OFF >/dev/null
cmake --build "$tmp/build" --target passwordless_c >/dev/null
cp -L "$tmp/build/lib/libpasswordless.so.$abi" "$tmp/libpasswordless.so.$abi"
nm -C -D --defined-only "$tmp/libpasswordless.so.$abi" | grep -q 'v0_1_99' && { echo "two_versions.sh: C++ symbols exported" >&2; exit 1; }
gcc -std=c99 -pedantic -Wall -Wextra -Werror -Iinclude tests/c_api/two_versions.c -ldl -o "$tmp/two_versions"
version=$(sed -n 's/^#define PASSWORDLESS_VERSION_STRING "\(.*\)"$/\1/p' include/passwordless/version.hpp)
"$tmp/two_versions" "$lib_a" "$version" "$tmp/libpasswordless.so.$abi" 0.1.99
"$tmp/two_versions" "$lib_a" "$version" "$tmp/libpasswordless.so.$abi" 0.1.99 global
