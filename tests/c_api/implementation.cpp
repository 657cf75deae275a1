// The C ABI's implementation for the unit tests: the one translation unit that defines
// PASSWORDLESS_C_IMPLEMENTATION, as a vendoring application would (passwordless.h).
#define PASSWORDLESS_C_IMPLEMENTATION
#include <passwordless.h>
