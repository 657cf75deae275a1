# Windows x86-64 with Debian's mingw-w64 (posix threads variant), run under wine64.
# Used by .ci/platforms; also usable by hand:
#   cmake -S . -B build-win -DCMAKE_TOOLCHAIN_FILE=.ci/toolchains/mingw-w64-x86_64.cmake
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
# One self-contained .exe (no libstdc++/libgcc/winpthread DLLs to copy next to it).
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")
# Debian's wine64 package puts the loader in /usr/lib/wine (the wine package adds /usr/bin/wine).
find_program(PASSWORDLESS_WINE64 NAMES wine64 PATHS /usr/lib/wine NO_CMAKE_FIND_ROOT_PATH REQUIRED)
set(CMAKE_CROSSCOMPILING_EMULATOR "${PASSWORDLESS_WINE64}")
