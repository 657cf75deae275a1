// The C ABI's implementation for the unit tests: the one translation unit that includes it, as a
// vendoring application would (passwordless.h).
#include <passwordless/c_api/implementation.hpp>
