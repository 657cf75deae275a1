// Test programs only: run under the locale named by PASSWORDLESS_TEST_LOCALE (for example a
// comma-decimal one such as de_DE.UTF-8), so that the whole suite proves the core ignores it.
#ifndef PASSWORDLESS_TESTS_LOCALE_FROM_ENV_HPP
#define PASSWORDLESS_TESTS_LOCALE_FROM_ENV_HPP

#include <clocale>
#include <cstdio>
#include <cstdlib>

namespace test {

/// Sets every locale category from PASSWORDLESS_TEST_LOCALE when it is set; false (with a message)
/// when that locale is not installed, so a misconfigured run fails instead of testing nothing.
inline bool apply_locale_from_env() {
    const char* name = std::getenv("PASSWORDLESS_TEST_LOCALE");
    if (name == nullptr || *name == '\0') return true;
    if (std::setlocale(LC_ALL, name) == nullptr) {
        std::fprintf(stderr, "PASSWORDLESS_TEST_LOCALE=%s: that locale is not installed (locale -a)\n", name);
        return false;
    }
    const std::lconv* conv = std::localeconv();
    std::fprintf(stderr, "running under the locale %s (decimal point '%s')\n", name, conv->decimal_point);
    return true;
}

}  // namespace test

#endif
