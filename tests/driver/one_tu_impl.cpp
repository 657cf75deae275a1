// The implementation unit of passwordless-driver-one-tu, the conformance driver built in the
// one-translation-unit mode (README, "One-translation-unit mode"): the driver's own sources are
// compiled with PASSWORDLESS_SEPARATE_COMPILATION=1 and see declarations only; this unit defines
// PASSWORDLESS_IMPLEMENTATION before its first passwordless include and so compiles every
// definition once. tests/driver/compare_modes.py checks that both drivers answer alike.
#define PASSWORDLESS_IMPLEMENTATION 1
#include <passwordless.hpp>
