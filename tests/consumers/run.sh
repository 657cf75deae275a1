#!/usr/bin/env bash
# Consumer tests: every way of taking passwordless in, each proved by building and running a
# small program (../consumers/app.cpp unless said otherwise) in a scratch directory.
#   install         cmake --install and meson install into two prefixes; the .pc files must match
#                   and lie together in each install's <libdir>/pkgconfig
#   find_package    CMake find_package(passwordless CONFIG) against the installed prefix
#   pkg-config      g++ with `pkg-config --cflags passwordless` (Cflags only, no Libs)
#   C static, CMake a C-only CMake project (c_static/, no C++ enabled) links passwordless::c_static
#                   found by find_package(passwordless_c): the target brings the C++ runtime
#   C, pkg-config   gcc with libpasswordless-static.pc and with libpasswordless.pc, both prefixes,
#                   shared and static library installed side by side: the static program must
#                   not NEED libpasswordless.so (readelf -d), the shared one must
#   add_subdirectory  vendored into a CMake project (clang++, no exceptions, no RTTI, strict)
#   FetchContent    from a local release-style tarball with its SHA-256
#   Meson           as a subproject, dependency('passwordless') (no exceptions, no RTTI, werror)
#   single header   include/single/passwordless.hpp alone on the include path, two TUs linked
#   vendored json   the single header and the OpenSSL add-on with only nlohmann's single-file
#                   json.hpp vendored (none of /usr/include/nlohmann may be used)
#   two copies      three copies (current, relabelled older version, JSON_DIAGNOSTICS=1) linked
#                   into one program, plus a control build that must merge without the version
#   version check   a TU that meets two versions warns, unless PASSWORDLESS_SKIP_VERSION_CHECK=1
# Needs what .ci/deps installs. Usage: tests/consumers/run.sh (from anywhere).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/passwordless-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT
strict=(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wundef -Wold-style-cast -Werror)
export CMAKE_GENERATOR=Ninja

t0=$(date +%s)
# Each check is a function; after the installs, they run two at a time (the machine has two
# cores and each check is mostly one compile), each into its own log, shown in order at the end.
fail() { echo "consumer test failed: $*" >&2; exit 1; }
run() {  # runs a test program, saying so when it fails
  "$@" || { local rc=$?; echo "failed: $* exited with status $rc"; return "$rc"; }
}
q() {  # runs a build command, keeping its output for when it fails
  "$@" >>"$work/$current.tools" 2>&1 || { cat "$work/$current.tools"; echo "failed: $*"; return 1; }
}

install_both() {  # CMake and Meson installs into two prefixes; the .pc files must match
  q cmake -S "$root" -B "$work/b-install" -DPASSWORDLESS_BUILD_TESTS=OFF -DPASSWORDLESS_BUILD_EXAMPLES=OFF
  q cmake --build "$work/b-install" -j 2  # libpasswordless, the C ABI library, is installed too
  q cmake --install "$work/b-install" --prefix "$work/prefix"
  q meson setup "$work/b-meson-install" "$root" --prefix "$work/mprefix"
  q meson compile -C "$work/b-meson-install" -j 2 passwordless:shared_library passwordless:static_library
  q meson install -C "$work/b-meson-install" --no-rebuild
  # Each install puts its three .pc files together in <libdir>/pkgconfig (libdir: where
  # libpasswordless.so went; lib for CMake's, lib/<multiarch> for Meson's under a prefix like
  # these), relative to that folder; apart from those two path lines, CMake's and Meson's match.
  local prefix dir pc
  for prefix in "$work/prefix" "$work/mprefix"; do
    dir=$(pc_dir "$prefix")
    [ "$(find "$prefix" -name '*.pc' -printf '%h/%f\n' | LC_ALL=C sort)" = "$(printf '%s\n' "$dir"/{libpasswordless-static,libpasswordless,passwordless}.pc)" ] \
      || { find "$prefix" -name '*.pc'; fail "$prefix: the three .pc files must be in one folder"; }
    [ "$(dirname "$dir")" = "$(dirname "$(find "$prefix" -name libpasswordless.so)")" ] \
      || fail "$prefix: the .pc files must be in <libdir>/pkgconfig, not $dir"
    for pc in passwordless libpasswordless libpasswordless-static; do
      [ "$(cd "$(PKG_CONFIG_PATH=$dir pkg-config --variable=prefix "$pc")" && pwd -P)" = "$(cd "$prefix" && pwd -P)" ] \
        || fail "$dir/$pc.pc: its prefix is not $prefix"
    done
  done
  for pc in passwordless libpasswordless libpasswordless-static; do
    diff <(grep -v '^prefix=\|^libdir=' "$(pc_dir "$work/prefix")/$pc.pc") <(grep -v '^prefix=\|^libdir=' "$(pc_dir "$work/mprefix")/$pc.pc") \
      || fail "CMake and Meson install different $pc.pc files"
  done
  diff <(cd "$work/prefix/include" && find . -type f | sort) <(cd "$work/mprefix/include" && find . -type f | sort) \
    || fail "CMake and Meson install different headers"
  [ -f "$work/prefix/share/cmake/passwordless/passwordlessConfigVersion.cmake" ] || fail "no version file"
  [ ! -e "$work/prefix/include/single" ] || fail "the single header must not be installed"
  echo "same headers and .pc files from both, in <libdir>/pkgconfig: $(pc_dir "$work/prefix"), $(pc_dir "$work/mprefix")"
  for pc in passwordless libpasswordless-static; do sed 's/^/   /' "$(pc_dir "$work/prefix")/$pc.pc"; done
}

pc_dir() {  # the folder holding an install prefix's passwordless.pc
  dirname "$(find "$1" -name passwordless.pc)"
}

relabel_older() {  # the "older" copy: the single header relabelled as version 0.0.0
  python3 - "$root/include/single/passwordless.hpp" "$work/older/passwordless.hpp" <<'PY'
import pathlib, re, sys
text = pathlib.Path(sys.argv[1]).read_text()
version = re.search(r'PASSWORDLESS_VERSION_STRING "([^"]+)"', text).group(1)
assert version != "0.0.0", "the library itself is 0.0.0; pick another relabel version"
text = re.sub(r"(#define PASSWORDLESS_VERSION_(?:MAJOR|MINOR|PATCH)) \d+", r"\1 0", text)
text = re.sub(r"(PASSWORDLESS_VERSION_(?:MAJOR|MINOR|PATCH) != )\d+", r"\g<1>0", text)
text = text.replace(f'"{version}"', '"0.0.0"').replace(f"passwordless {version} met", "passwordless 0.0.0 met")
out = pathlib.Path(sys.argv[2])
out.parent.mkdir(parents=True)
out.write_text(text)
PY
}

find_package_consumer() {  # CMake find_package(passwordless CONFIG) against the installed prefix
  q cmake -S "$here/find_package" -B "$work/b-find" -DCMAKE_PREFIX_PATH="$work/prefix"
  q cmake --build "$work/b-find"
  run "$work/b-find/app"
}

pkg_config_consumer() {  # g++ -std=c++23 with `pkg-config --cflags passwordless`, both prefixes
  local prefix cflags
  for prefix in "$work/prefix" "$work/mprefix"; do
    PKG_CONFIG_PATH=$(pc_dir "$prefix")
    export PKG_CONFIG_PATH
    [ "$(pkg-config --modversion passwordless)" = "$(sed -n 's/^Version: //p' "$PKG_CONFIG_PATH/passwordless.pc")" ]
    [ -z "$(pkg-config --libs-only-l passwordless)" ] || fail "passwordless.pc must not carry Libs"
    pkg-config --print-requires passwordless | grep -q '^nlohmann_json' || fail "passwordless.pc must require nlohmann_json"
    cflags=$(pkg-config --cflags passwordless)
    [ -f "$(echo "$cflags" | sed -n 's/.*-I\([^ ]*\).*/\1/p')/passwordless.hpp" ] \
      || fail "pkg-config --cflags ($cflags) does not point at the headers"
  done
  # shellcheck disable=SC2086  # $cflags is a list of flags
  q g++ -std=c++23 "${strict[@]}" $cflags "$here/app.cpp" -o "$work/app-pkgconfig"
  run "$work/app-pkgconfig"
}

c_static_cmake_consumer() {  # a C-only CMake project links passwordless::c_static from find_package
  q cmake -S "$here/c_static" -B "$work/b-c-static" -DCMAKE_PREFIX_PATH="$work/prefix"
  q cmake --build "$work/b-c-static"
  ! grep -q 'CMAKE_CXX_COMPILER:' "$work/b-c-static/CMakeCache.txt" || fail "the C consumer enabled C++"
  run "$work/b-c-static/app"
  echo "linked as C: $(readelf -d "$work/b-c-static/app" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
}

c_pkg_config_consumer() {  # gcc with libpasswordless-static.pc and libpasswordless.pc, both installs
  local prefix name needed cc=(gcc -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wsign-conversion -Werror)
  for prefix in "$work/prefix" "$work/mprefix"; do
    export PKG_CONFIG_PATH
    PKG_CONFIG_PATH=$(pc_dir "$prefix")
    name=$(basename "$prefix")
    [ -f "$(pkg-config --variable=libdir libpasswordless)/libpasswordless.so" ] || fail "$name: no shared library beside the static one"
    # shellcheck disable=SC2046  # pkg-config prints lists of flags
    q "${cc[@]}" "$here/c_static/app.c" $(pkg-config --static --cflags --libs libpasswordless-static) -o "$work/app-c-static-$name"
    needed=$(readelf -d "$work/app-c-static-$name" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')
    case " $needed" in *" libpasswordless."*) fail "$name: pkg-config --static libpasswordless-static linked the shared library ($needed)" ;; esac
    run env -u LD_LIBRARY_PATH "$work/app-c-static-$name"
    echo "$name: static: $(pkg-config --static --libs libpasswordless-static | sed "s|$prefix|<prefix>|g")  NEEDED: $needed"
    # shellcheck disable=SC2046
    q "${cc[@]}" "$here/c_static/app.c" $(pkg-config --cflags --libs libpasswordless) -o "$work/app-c-shared-$name"
    readelf -d "$work/app-c-shared-$name" | grep -q 'NEEDED.*\[libpasswordless\.so\.' || fail "$name: the shared program does not NEED libpasswordless.so"
    run env LD_LIBRARY_PATH="$(pkg-config --variable=libdir libpasswordless)" "$work/app-c-shared-$name" | tail -1
  done
}

add_subdirectory_consumer() {  # clang++, -fno-exceptions -fno-rtti, strict
  q env CXX=clang++ cmake -S "$here/add_subdirectory" -B "$work/b-subdir" -DPASSWORDLESS_DIR="$root"
  q cmake --build "$work/b-subdir"
  run "$work/b-subdir/app"
}

fetch_content_consumer() {  # FetchContent from a local release-style tarball with its SHA-256
  q tar -C "$root" -czf "$work/passwordless-src.tar.gz" --transform 's,^,passwordless/,' CMakeLists.txt include
  local sha
  sha=$(sha256sum "$work/passwordless-src.tar.gz" | cut -d' ' -f1)
  q cmake -S "$here/fetch_content" -B "$work/b-fetch" -DPASSWORDLESS_URL="$work/passwordless-src.tar.gz" \
    -DPASSWORDLESS_SHA256="$sha"
  q cmake --build "$work/b-fetch"
  run "$work/b-fetch/app"
}

meson_subproject_consumer() {  # C++20, no exceptions, no RTTI, werror
  mkdir -p "$work/meson-consumer/subprojects/passwordless"
  cp "$here/meson_subproject/meson.build" "$here/app.cpp" "$work/meson-consumer/"
  cp -r "$root/meson.build" "$root/include" "$work/meson-consumer/subprojects/passwordless/"
  q meson setup "$work/b-meson" "$work/meson-consumer" --force-fallback-for=passwordless
  q meson compile -C "$work/b-meson"
  run "$work/b-meson/app"
}

single_header_consumer() {  # the single header alone on the include path, two TUs linked
  mkdir -p "$work/single-only"
  cp "$root/include/single/passwordless.hpp" "$work/single-only/"
  q clang++ -std=c++17 "${strict[@]}" -fno-exceptions -fno-rtti -I"$work/single-only" \
    "$here/app.cpp" "$here/single_header/other.cpp" -o "$work/app-single"
  run "$work/app-single"
}

vendored_json_consumer() {  # the single header with nlohmann's single-file json.hpp alone (no json_fwd.hpp)
  local v="$work/vendored"
  mkdir -p "$v/include/passwordless/addons"
  python3 "$here/vendored_json/amalgamate_nlohmann.py" "$v/include/nlohmann/json.hpp"
  cp "$root/include/single/passwordless.hpp" "$v/include/"
  cp "$root/include/passwordless/addons/openssl_verifier.hpp" "$v/include/passwordless/addons/"
  [ "$(ls "$v/include/nlohmann")" = json.hpp ] || fail "the vendored nlohmann folder must hold json.hpp only"
  local cc=(g++ -std=c++17 "${strict[@]}" -I"$v/include")
  for tu in "$here/app.cpp" "$here/vendored_json/addon.cpp"; do
    q "${cc[@]}" -M "$tu" -o "$work/vendored.deps"
    if grep -q '/usr/include/nlohmann' "$work/vendored.deps"; then fail "$tu used the system's nlohmann headers"; fi
  done
  q "${cc[@]}" -c "$here/vendored_json/addon.cpp" -o "$work/addon.o"
  q "${cc[@]}" "$here/app.cpp" -o "$work/app-vendored"
  run "$work/app-vendored"
  echo "built with include/single/passwordless.hpp, the OpenSSL add-on and one vendored nlohmann/json.hpp"
}

two_copies() {  # current, older (relabelled), configured (JSON_DIAGNOSTICS=1) in one program
  local tc="$here/two_copies" cc=(g++ -std=c++17 -O0 "${strict[@]}" -c) namespaces
  q "${cc[@]}" -I"$root/include" "$tc/copy_current.cpp" -o "$work/copy_current.o"
  q "${cc[@]}" -I"$work/older" "$tc/copy_older.cpp" -o "$work/copy_older.o"
  q "${cc[@]}" -I"$root/include" -DJSON_DIAGNOSTICS=1 "$tc/copy_configured.cpp" -o "$work/copy_configured.o"
  q "${cc[@]}" "$tc/main.cpp" -o "$work/main.o"
  q g++ "$work/main.o" "$work/copy_current.o" "$work/copy_older.o" "$work/copy_configured.o" -o "$work/two_copies"
  run "$work/two_copies"
  namespaces=$(nm -C "$work/two_copies" | grep -o 'passwordless::[a-z0-9_]*::' | sort -u)
  echo "namespaces in the program:" $namespaces
  [ "$(echo "$namespaces" | wc -l)" -eq 3 ] || fail "expected three passwordless namespaces"
}

two_copies_control() {  # the same two versions with PASSWORDLESS_NAMESPACE_NO_VERSION=1 must merge
  local tc="$here/two_copies" cc=(g++ -std=c++17 -O0 "${strict[@]}" -DPASSWORDLESS_NAMESPACE_NO_VERSION=1 -c)
  q "${cc[@]}" -I"$root/include" "$tc/copy_current.cpp" -o "$work/ctl_current.o"
  q "${cc[@]}" -I"$work/older" "$tc/copy_older.cpp" -o "$work/ctl_older.o"
  q "${cc[@]}" -DTWO_COPIES_CONTROL=1 "$tc/main.cpp" -o "$work/ctl_main.o"
  q g++ "$work/ctl_main.o" "$work/ctl_current.o" "$work/ctl_older.o" -o "$work/two_copies_control"
  run "$work/two_copies_control"
}

version_check() {  # two versions in one TU warn (g++ and clang++) unless PASSWORDLESS_SKIP_VERSION_CHECK=1
  local cxx
  printf '#include <passwordless.hpp>\n#include "%s"\n' "$work/older/passwordless.hpp" >"$work/mixed.cpp"
  printf '#include <passwordless.hpp>\n#include "%s"\n' "$root/include/single/passwordless.hpp" >"$work/same.cpp"
  for cxx in g++ clang++; do
    $cxx -std=c++17 -I"$root/include" -fsyntax-only "$work/mixed.cpp" 2>"$work/warn-$cxx.log" || true
    grep -q "met a different version" "$work/warn-$cxx.log" || { cat "$work/warn-$cxx.log"; fail "$cxx: no warning"; }
    grep -m1 "met a different version" "$work/warn-$cxx.log"
  done
  # Two multi-header trees: the second umbrella's guard is already defined, yet it must warn.
  cp -r "$root/include" "$work/older-tree"
  rm -rf "$work/older-tree/single"
  python3 - "$work/older/passwordless.hpp" "$work/older-tree/passwordless/version.hpp" <<'PY'
import pathlib, re, sys
older = pathlib.Path(sys.argv[1]).read_text()
target = pathlib.Path(sys.argv[2])
text = target.read_text()
for name in ("MAJOR", "MINOR", "PATCH"):
    value = re.search(rf"#define PASSWORDLESS_VERSION_{name} (\d+)", older).group(1)
    text = re.sub(rf"(#define PASSWORDLESS_VERSION_{name}) \d+", rf"\g<1> {value}", text)
    text = re.sub(rf"(PASSWORDLESS_VERSION_{name} != )\d+", rf"\g<1>{value}", text)
target.write_text(text)
PY
  printf '#include <passwordless.hpp>\n#include "%s"\n' "$work/older-tree/passwordless.hpp" >"$work/mixed-trees.cpp"
  g++ -std=c++17 -I"$root/include" -fsyntax-only "$work/mixed-trees.cpp" 2>"$work/warn-trees.log" || true
  grep -q "met a different version" "$work/warn-trees.log" || { cat "$work/warn-trees.log"; fail "two header trees: no warning"; }
  echo "two multi-header trees warn too"
  q g++ -std=c++17 "${strict[@]}" -DPASSWORDLESS_SKIP_VERSION_CHECK=1 -I"$root/include" -fsyntax-only "$work/mixed.cpp"
  q clang++ -std=c++17 "${strict[@]}" -I"$root/include" -fsyntax-only "$work/same.cpp"
  echo "silent with PASSWORDLESS_SKIP_VERSION_CHECK=1, and for the same version twice"
}

checks=(find_package_consumer pkg_config_consumer c_static_cmake_consumer c_pkg_config_consumer add_subdirectory_consumer fetch_content_consumer
  meson_subproject_consumer single_header_consumer vendored_json_consumer two_copies two_copies_control version_check)

run_check() {  # runs one check (in a subshell, with errexit) into its log; records status and time
  local started rc
  started=$(date +%s)
  set +e  # so that the subshell's own errexit is in force (an `if` or `||` around it would lift it)
  ( current=$1; set -e; "$1" ) >"$work/$1.log" 2>&1
  rc=$?
  echo "$rc $(( $(date +%s) - started ))" >"$work/$1.status"
  set -e
}

echo "-- install (CMake and Meson)"
run_check install_both
read -r rc seconds <"$work/install_both.status"
sed 's/^/   /' "$work/install_both.log"
[ "$rc" = 0 ] || fail "install"
echo "   (${seconds} s)"
run_check relabel_older
read -r rc seconds <"$work/relabel_older.status"
[ "$rc" = 0 ] || { cat "$work/relabel_older.log"; fail "relabel"; }
for check in "${checks[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge 2 ]; do wait -n || true; done
  run_check "$check" &
done
wait
failed=0
for check in "${checks[@]}"; do
  read -r rc seconds <"$work/$check.status"
  echo "-- $check: $([ "$rc" = 0 ] && echo ok || echo FAILED) (${seconds} s)"
  sed 's/^/   /' "$work/$check.log"
  [ "$rc" = 0 ] || failed=1
done
[ "$failed" = 0 ] || fail "see above"
echo "consumer tests passed in $(( $(date +%s) - t0 )) s"
