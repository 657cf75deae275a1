// libpasswordless: the C ABI of passwordless.h as a shared or static library. This is the one
// translation unit that holds the implementation (see passwordless.h).
#define PASSWORDLESS_C_IMPLEMENTATION
#include "passwordless.h"
