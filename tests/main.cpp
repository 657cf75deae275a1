// The one doctest main shared by every test file; it runs the suite under PASSWORDLESS_TEST_LOCALE
// when that is set (see locale_from_env.hpp).
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include "support/locale_from_env.hpp"

int main(int argc, char** argv) {
    if (!test::apply_locale_from_env()) return 2;
    doctest::Context context;
    context.applyCommandLine(argc, argv);
    return context.run();
}
