// passwordless (private): base64 and base64url (RFC 4648), strict decoding.
#ifndef PASSWORDLESS_DETAIL_BASE64_HPP
#define PASSWORDLESS_DETAIL_BASE64_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

enum class base64_alphabet : std::uint8_t { standard, url };

/// Appends the encoding of `in` to `out`; `pad` adds '=' to a multiple of four characters.
PASSWORDLESS_FUNC void append_base64(std::string& out, std::string_view in, base64_alphabet alphabet, bool pad);

/// Encodes `in`; `pad` adds '=' to a multiple of four characters.
PASSWORDLESS_FUNC std::string base64_encode(std::string_view in, base64_alphabet alphabet, bool pad);

PASSWORDLESS_FUNC int base64_value(char c, base64_alphabet alphabet) noexcept;

/// Decodes unpadded base64url strictly: only the url alphabet, no '=', no whitespace, a length
/// that is not 1 mod 4, and zero trailing bits (the canonical encoding). Empty on any violation.
PASSWORDLESS_FUNC std::optional<std::string> base64url_decode_strict(std::string_view in);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/base64.hpp"
#endif

#endif
