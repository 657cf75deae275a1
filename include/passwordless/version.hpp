// passwordless: version macros, the configuration that feeds the ABI, and the versioned namespace.
//
// Everything the library declares lives in
//     namespace passwordless { inline namespace v<MAJOR>_<MINOR>_<PATCH><tags> { ... } }
// (for example passwordless::v0_1_0), opened and closed by PASSWORDLESS_NAMESPACE_BEGIN/_END.
// The inline namespace is invisible in source (passwordless::client names the same type) but
// part of every mangled name, so two copies of different versions, or of the same version built
// with a different ABI-relevant configuration, can be linked into one program without breaking
// the one-definition rule. They must still never exchange objects: a passwordless::v0_1_0::error
// is not a passwordless::v0_2_0::error, and the linker will not say so.
//
// Configuration macros (define them identically for every translation unit that includes one
// copy of the library, e.g. on the compiler command line):
//   PASSWORDLESS_SKIP_VERSION_CHECK    0 (default) or 1: 1 silences the warning below.
//   PASSWORDLESS_NAMESPACE_NO_VERSION  0 (default) or 1: 1 drops the version from the inline
//                                      namespace, which becomes passwordless::abi<tags>.
// ABI tags: every configuration macro that changes the layout or behaviour of the library's code
// appends a tag to the inline namespace name. The tags today:
//   JSON_DIAGNOSTICS (nlohmann/json)   1 -> "_jdiag". It changes the layout of nlohmann::json,
//                                      which the library's own (inline) types hold.
//   PASSWORDLESS_SEPARATE_COMPILATION  0 (default) or 1: the one-translation-unit mode. With 1, the
//                                      headers declare the library's functions and define none:
//                                      exactly one translation unit of the program defines
//                                      PASSWORDLESS_IMPLEMENTATION to 1 before its first
//                                      passwordless include and so compiles all the definitions
//                                      (README, "One-translation-unit mode"). 0: header-only.
//   PASSWORDLESS_IMPLEMENTATION        0 (default) or 1, in one translation unit only (it implies
//                                      the separate mode there): this unit defines the functions.
// PASSWORDLESS_FUNC (inline, or nothing in the separate mode) marks every function the library
// declares in a header and defines at that header's end, behind the one fence
// `#if PASSWORDLESS_DEFINE_FUNCTIONS` (1 or 0: whether this unit compiles the definitions). Neither changes layout or
// behaviour, so neither is an ABI tag. No PASSWORDLESS_ macro changes layout or behaviour yet; one that does must add a tag here
// (PASSWORDLESS_ABI_TAG_<NAME>, concatenated into PASSWORDLESS_ABI_TAGS) and a case to the
// two-copies test in tests/consumers/.

// The version check runs on every inclusion, outside the include guard: when a different copy's
// version macros are already defined, this translation unit has met two versions of the library,
// and only the first one included is in effect.
#ifndef PASSWORDLESS_SKIP_VERSION_CHECK
#define PASSWORDLESS_SKIP_VERSION_CHECK 0
#endif
#if !PASSWORDLESS_SKIP_VERSION_CHECK && defined(PASSWORDLESS_VERSION_MAJOR) && \
    defined(PASSWORDLESS_VERSION_MINOR) && defined(PASSWORDLESS_VERSION_PATCH)
#if PASSWORDLESS_VERSION_MAJOR != 0 || PASSWORDLESS_VERSION_MINOR != 1 || PASSWORDLESS_VERSION_PATCH != 0
#if defined(_MSC_VER) && !defined(__clang__)
#pragma message("warning: passwordless 0.1.0 met a different version already included; only the first is in effect (PASSWORDLESS_SKIP_VERSION_CHECK=1 silences this)")
#else
#pragma GCC warning "passwordless 0.1.0 met a different version already included; only the first is in effect (PASSWORDLESS_SKIP_VERSION_CHECK=1 silences this)"
#endif
#endif
#endif

#ifndef PASSWORDLESS_VERSION_HPP
#define PASSWORDLESS_VERSION_HPP

#include <nlohmann/json.hpp>  // JSON_DIAGNOSTICS, with nlohmann's default of 0 (json.hpp, the one file every
                               // nlohmann/json distribution has: the single-file one too)

/// The library's version (semantic versioning). The numbers above must match these.
#define PASSWORDLESS_VERSION_MAJOR 0
#define PASSWORDLESS_VERSION_MINOR 1
#define PASSWORDLESS_VERSION_PATCH 0
#define PASSWORDLESS_VERSION_STRING "0.1.0"

#ifndef PASSWORDLESS_NAMESPACE_NO_VERSION
#define PASSWORDLESS_NAMESPACE_NO_VERSION 0
#endif

#ifndef PASSWORDLESS_SEPARATE_COMPILATION
#define PASSWORDLESS_SEPARATE_COMPILATION 0
#endif
#ifndef PASSWORDLESS_IMPLEMENTATION
#define PASSWORDLESS_IMPLEMENTATION 0
#endif

/// Header-only (the default): every function is inline and defined in every unit. Separate
/// compilation: functions have external linkage and only the implementation unit defines them.
#if PASSWORDLESS_SEPARATE_COMPILATION || PASSWORDLESS_IMPLEMENTATION
#define PASSWORDLESS_FUNC
#if PASSWORDLESS_IMPLEMENTATION
#define PASSWORDLESS_DEFINE_FUNCTIONS 1
#else
#define PASSWORDLESS_DEFINE_FUNCTIONS 0
#endif
#else
#define PASSWORDLESS_FUNC inline
#define PASSWORDLESS_DEFINE_FUNCTIONS 1
#endif

// One tag per ABI-relevant configuration macro; empty when the macro has its default.
#if JSON_DIAGNOSTICS
#define PASSWORDLESS_ABI_TAG_JSON_DIAGNOSTICS _jdiag
#else
#define PASSWORDLESS_ABI_TAG_JSON_DIAGNOSTICS
#endif

/// All tags, in a fixed order (add new ones with PASSWORDLESS_DETAIL_CONCAT).
#define PASSWORDLESS_ABI_TAGS PASSWORDLESS_ABI_TAG_JSON_DIAGNOSTICS

#define PASSWORDLESS_DETAIL_CONCAT_EX(a, b) a##b
#define PASSWORDLESS_DETAIL_CONCAT(a, b) PASSWORDLESS_DETAIL_CONCAT_EX(a, b)
#define PASSWORDLESS_DETAIL_VERSION_NAME_EX(major, minor, patch) v##major##_##minor##_##patch
#define PASSWORDLESS_DETAIL_VERSION_NAME(major, minor, patch) PASSWORDLESS_DETAIL_VERSION_NAME_EX(major, minor, patch)

/// The version part of the inline namespace: v<MAJOR>_<MINOR>_<PATCH>, or abi when opted out.
#if PASSWORDLESS_NAMESPACE_NO_VERSION
#define PASSWORDLESS_NAMESPACE_VERSION abi
#else
#define PASSWORDLESS_NAMESPACE_VERSION \
    PASSWORDLESS_DETAIL_VERSION_NAME(PASSWORDLESS_VERSION_MAJOR, PASSWORDLESS_VERSION_MINOR, PASSWORDLESS_VERSION_PATCH)
#endif

/// The inline namespace's name (e.g. v0_1_0, v0_1_0_jdiag, abi) and the fully qualified name of
/// the namespace everything lives in (e.g. passwordless::v0_1_0).
#define PASSWORDLESS_NAMESPACE_INLINE PASSWORDLESS_DETAIL_CONCAT(PASSWORDLESS_NAMESPACE_VERSION, PASSWORDLESS_ABI_TAGS)
#define PASSWORDLESS_NAMESPACE passwordless::PASSWORDLESS_NAMESPACE_INLINE

/// Open and close the library's namespace; every header wraps its declarations in these.
#define PASSWORDLESS_NAMESPACE_BEGIN \
    namespace passwordless {         \
    inline namespace PASSWORDLESS_NAMESPACE_INLINE {
#define PASSWORDLESS_NAMESPACE_END \
    }                              \
    }

#endif
