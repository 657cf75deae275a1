// passwordless: version macros and the versioned namespace.
#ifndef PASSWORDLESS_VERSION_HPP
#define PASSWORDLESS_VERSION_HPP

#define PASSWORDLESS_VERSION_MAJOR 0
#define PASSWORDLESS_VERSION_MINOR 1
#define PASSWORDLESS_VERSION_PATCH 0

// Everything lives in passwordless::v<MAJOR>_<MINOR>_<PATCH>, an inline namespace, so two
// copies of different versions can sit in one program without breaking the one-definition rule.
#define PASSWORDLESS_NAMESPACE_BEGIN \
    namespace passwordless {         \
    inline namespace v0_1_0 {
#define PASSWORDLESS_NAMESPACE_END \
    }                              \
    }

#endif
