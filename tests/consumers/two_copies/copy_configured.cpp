// One copy of the library in one translation unit; tests/consumers/run.sh picks the copy and its
// configuration with the include path and -D flags.
#include <passwordless.hpp>

#define TWO_COPIES_ENTRY copy_configured
#include "copy_body.hpp"
