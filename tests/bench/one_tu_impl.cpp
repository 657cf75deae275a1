// The implementation unit of the one-translation-unit probe (run.sh): full_flow.cpp compiled with
// PASSWORDLESS_SEPARATE_COMPILATION=1 sees declarations only, and this unit compiles every
// definition of the library once (README, "One-translation-unit mode").
#define PASSWORDLESS_IMPLEMENTATION 1
#include <passwordless.hpp>
