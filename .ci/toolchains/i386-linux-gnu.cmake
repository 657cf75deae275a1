# Linux i386 (32-bit x86) with the host g++ and -m32 (Debian's g++-12-multilib); runs natively,
# or under qemu-i386 with -DCMAKE_CROSSCOMPILING_EMULATOR=qemu-i386 where the kernel cannot.
# Used by .ci/platforms; also usable by hand:
#   cmake -S . -B build-i386 -DCMAKE_TOOLCHAIN_FILE=.ci/toolchains/i386-linux-gnu.cmake
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR i686)
set(CMAKE_CXX_COMPILER g++)
set(CMAKE_CXX_FLAGS_INIT "-m32")
set(CMAKE_EXE_LINKER_FLAGS_INIT "-m32")
# Debian's gcc-multilib adds one thing the 32-bit build needs, the link /usr/include/asm to the
# kernel's x86 headers (which serve both widths); it conflicts with the cross compilers
# (g++-aarch64-linux-gnu), so without it the same link is made in the build tree.
if(NOT EXISTS /usr/include/asm)
  file(MAKE_DIRECTORY "${CMAKE_BINARY_DIR}/i386-include")
  file(CREATE_LINK /usr/include/x86_64-linux-gnu/asm "${CMAKE_BINARY_DIR}/i386-include/asm" SYMBOLIC)
  string(APPEND CMAKE_CXX_FLAGS_INIT " -isystem ${CMAKE_BINARY_DIR}/i386-include")
endif()
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
