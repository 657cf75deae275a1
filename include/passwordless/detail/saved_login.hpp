// passwordless (private): the text a pending login is saved as (PROTOCOL.md 9.9), written and
// read without exceptions, with the digests of the configuration it was made with and an optional
// HMAC-SHA256 seal. Only the shape is checked here; login_flow::restore checks the values against
// the client, the configuration and the clock.
#ifndef PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP
#define PASSWORDLESS_DETAIL_SAVED_LOGIN_HPP

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/sha256.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/start.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace detail {

inline constexpr std::string_view saved_login_format = "passwordless-login";
/// Version 2 added the configuration digests and the seal; version 1 texts cannot be checked.
inline constexpr std::int64_t saved_login_version = 2;

/// The shortest seal key accepted, in bytes.
inline constexpr std::size_t min_seal_key_bytes = 16;
/// A sealed text ends with this, 64 hex digits and "}.
inline constexpr std::string_view saved_login_seal_member = ",\"seal\":\"";
inline constexpr std::size_t saved_login_seal_digits = 64;

/// What a login was configured with, one digest per group a refusal names (32 lower-case hex
/// digits each: SHA-256 cut to 128 bits). No secret goes into any of them.
struct saved_login_digests {
    std::string client;    ///< base URL, client_id, client authentication method
    std::string id_token;  ///< every ID-token expectation and how the signature is checked
    std::string dpop;      ///< on or off, key thumbprint, require_binding
    std::string flow;      ///< code_lifetime, resend_cooldown, max_attempts, audience, scope
};

/// Builds one group's digest from its fields, each length-prefixed so no two lists collide.
class digest_builder {
public:
    explicit digest_builder(std::string_view group);
    digest_builder& add(std::string_view field);
    digest_builder& add(const std::string& field);
    digest_builder& add(std::int64_t number);
    digest_builder& add(const std::optional<std::string>& field);
    digest_builder& add(const std::optional<std::int64_t>& number);
    [[nodiscard]] std::string hex() const;

private:
    std::string fields_;
};

/// The groups of `saved` that differ from `now`, named for a message ("" when none differs).
PASSWORDLESS_FUNC std::string describe_digest_differences(const saved_login_digests& saved, const saved_login_digests& now);

/// A pending login as saved: never the code, a client secret or a token.
struct saved_login {
    std::string endpoint;   ///< the client's base URL ("https://example.auth0.com")
    std::string client_id;
    saved_login_digests config;     ///< what the login was configured with
    bool code_outstanding = false;  ///< awaiting_code; else idle
    start_params params;            ///< of the code outstanding
    unix_seconds code_sent_at = 0;  ///< when it was requested
    std::int64_t attempts = 0;      ///< wrong codes so far
    bool code_expired = false;      ///< the server said so, or the code was exchanged
    std::optional<unix_seconds> start_retry_at;
    std::optional<unix_seconds> token_retry_at;
    std::string dpop_nonce;  ///< the newest DPoP nonce the server gave (PROTOCOL.md 9.9); empty: none
};

PASSWORDLESS_FUNC void append_saved_member(std::string& out, std::string_view name);

/// The saved text: one JSON object, members in a fixed order.
PASSWORDLESS_FUNC std::string write_saved_login(const saved_login& s);

PASSWORDLESS_FUNC error bad_saved_state(std::string_view problem);

/// `text` (written by write_saved_login) with a last member "seal": lower-case hex of
/// HMAC-SHA256 under `key` of every byte before `,"seal":"`.
PASSWORDLESS_FUNC std::string seal_saved_login(std::string_view text, std::string_view key);

/// The text without its seal, when the seal is the last member and matches `key` (compared in
/// constant time); else invalid_argument with field saved_state.
PASSWORDLESS_FUNC result<std::string> unseal_saved_login(std::string_view text, std::string_view key);

/// Reads a saved text's shape: a JSON object of this format and version, every member known and
/// of its type, numbers whole and between 0 and 9999-12-31. Anything else is invalid_argument
/// with field saved_state (a newer version, an older one, and a seal each say so).
PASSWORDLESS_FUNC result<saved_login> read_saved_login(std::string_view text, std::size_t max_bytes, std::size_t max_depth);

}  // namespace detail
PASSWORDLESS_NAMESPACE_END

#if PASSWORDLESS_DEFINE_FUNCTIONS
#include "passwordless/impl/detail/saved_login.hpp"
#endif

#endif
