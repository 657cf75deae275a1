// passwordless C ABI: argument conversion. Inputs: the checks every function applies to a
// passwordless_str or passwordless_bytes before it reads one. Outputs: views that are never NULL,
// counts that fit an int32_t, and failures stored as a new error in the caller's out_err.
#ifndef PASSWORDLESS_C_API_CONVERT_HPP
#define PASSWORDLESS_C_API_CONVERT_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "passwordless.h"
#include "passwordless/c_api/enums.hpp"
#include "passwordless/c_api/handles.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/error.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// Stores a new error in *out_err (when the caller asked for one) and returns `status`.
inline std::int32_t fail(passwordless_error** out_err, std::int32_t status, passwordless::error e) {
    if (out_err != nullptr) hand_out<error_h>(std::move(e), out_err);
    return status;
}

/// A protocol failure: the status is the error's kind.
inline std::int32_t fail(passwordless_error** out_err, passwordless::error e) {
    const std::int32_t k = c_kind(e.kind);
    return fail(out_err, k > 0 ? k : PASSWORDLESS_E_INTERNAL, std::move(e));
}

/// Misuse of a parameter: a negative status, and an invalid_argument error naming it.
inline std::int32_t misuse(passwordless_error** out_err, std::int32_t status, const char* param) {
    const char* problem = status == PASSWORDLESS_E_NULL_ARG     ? "must not be NULL"
                          : status == PASSWORDLESS_E_BAD_HANDLE ? "is not a live handle of its type"
                                                                : "is invalid";
    return fail(out_err, status, passwordless::error::invalid_argument(param, problem));
}

/// Checks a pointer-and-length input: E_NULL_ARG for {NULL, n > 0}, E_INVALID_ARG when longer
/// than PASSWORDLESS_MAX_INPUT. `present` is false for {NULL, 0}.
inline std::int32_t check_span(const void* ptr, std::size_t len, bool& present) noexcept {
    if (ptr == nullptr) {
        present = false;
        return len == 0 ? PASSWORDLESS_OK : PASSWORDLESS_E_NULL_ARG;
    }
    if (len > PASSWORDLESS_MAX_INPUT) return PASSWORDLESS_E_INVALID_ARG;
    present = true;
    return PASSWORDLESS_OK;
}

/// Text input: as check_span, and it must be valid UTF-8.
inline std::int32_t text(passwordless_str s, std::optional<std::string_view>& out) noexcept {
    bool present = false;
    if (const std::int32_t st = check_span(s.ptr, s.len, present)) return st;
    if (!present) {
        out.reset();
        return PASSWORDLESS_OK;
    }
    const std::string_view v(s.ptr, s.len);
    if (!detail::is_valid_utf8(v)) return PASSWORDLESS_E_INVALID_ARG;
    out = v;
    return PASSWORDLESS_OK;
}

/// Byte input (absent is empty).
inline std::int32_t bytes(passwordless_bytes b, std::string_view& out) noexcept {
    bool present = false;
    if (const std::int32_t st = check_span(b.ptr, b.len, present)) return st;
    out = present ? std::string_view(reinterpret_cast<const char*>(b.ptr), b.len) : std::string_view();
    return PASSWORDLESS_OK;
}

/// Output views never carry a NULL pointer (an empty view points at "").
inline passwordless_str view(std::string_view s) noexcept {
    return passwordless_str{s.data() != nullptr ? s.data() : "", s.size()};
}
inline passwordless_bytes byte_view(std::string_view s) noexcept {
    return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(s.data() != nullptr ? s.data() : ""), s.size()};
}

/// Writes a view of `s` when it is non-empty; E_ABSENT otherwise.
inline std::int32_t give(const std::string& s, passwordless_str* out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (s.empty()) return PASSWORDLESS_E_ABSENT;
    *out = view(s);
    return PASSWORDLESS_OK;
}

inline std::int32_t give(const std::optional<std::string>& s, passwordless_str* out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (!s) return PASSWORDLESS_E_ABSENT;
    *out = view(*s);
    return PASSWORDLESS_OK;
}

template <class T>
std::int32_t give(const std::optional<T>& v, std::int64_t* out) noexcept {
    if (out == nullptr) return PASSWORDLESS_E_NULL_ARG;
    if (!v) return PASSWORDLESS_E_ABSENT;
    *out = static_cast<std::int64_t>(*v);
    return PASSWORDLESS_OK;
}

/// A size as a count the C functions return (sizes past INT32_MAX are clamped).
inline std::int32_t count(std::size_t n) noexcept {
    return n > 0x7fffffffu ? 0x7fffffff : static_cast<std::int32_t>(n);
}

/// An optional text input as an owned optional string.
inline std::optional<std::string> owned(const std::optional<std::string_view>& v) {
    return v ? std::optional<std::string>(std::string(*v)) : std::nullopt;
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
