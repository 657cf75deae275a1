// passwordless C ABI: the tables that map the header's constants to the C++ enums. A C value is
// its row's index plus the table's offset, so a table is append-only like the constants; the
// tests iterate each table against the C++ to_string names.
#ifndef PASSWORDLESS_C_API_ENUMS_HPP
#define PASSWORDLESS_C_API_ENUMS_HPP

#include <cstddef>
#include <cstdint>

#include "passwordless.h"
#include "passwordless/error.hpp"
#include "passwordless/flow.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN
namespace c_api {

/// C kind = index + 1.
inline constexpr error_kind kinds[] = {
    error_kind::invalid_argument, error_kind::invalid_state, error_kind::wrong_code, error_kind::code_expired,
    error_kind::attempts_exhausted, error_kind::rate_limited, error_kind::blocked, error_kind::mfa_required,
    error_kind::grant_not_allowed, error_kind::invalid_client, error_kind::invalid_connection,
    error_kind::invalid_request, error_kind::invalid_email, error_kind::invalid_phone_number,
    error_kind::delivery_failed, error_kind::access_denied, error_kind::verification_required,
    error_kind::invalid_refresh_token, error_kind::server_error, error_kind::unknown_error,
    error_kind::unexpected_response, error_kind::malformed_response, error_kind::invalid_id_token,
    error_kind::state_mismatch, error_kind::transport_failed, error_kind::invalid_dpop_proof, error_kind::dpop_nonce_required,
    error_kind::issuer_mismatch, error_kind::authorization_pending, error_kind::slow_down, error_kind::mfa_rejected,
    error_kind::mfa_token_invalid, error_kind::mfa_enrollment_required, error_kind::invalid_access_token,
    error_kind::insufficient_scope,
};

/// C action = index.
inline constexpr error_action actions[] = {
    error_action::none, error_action::fix_input, error_action::fix_config, error_action::retry_code, error_action::restart,
    error_action::wait, error_action::retry, error_action::give_up, error_action::mfa,
    error_action::refresh,
};

/// C state = index.
inline constexpr flow_state states[] = {
    flow_state::idle, flow_state::sending_code, flow_state::awaiting_code,
    flow_state::verifying_code, flow_state::authenticated, flow_state::failed, flow_state::fetching_keys,
    flow_state::listing_authenticators, flow_state::choosing_authenticator, flow_state::challenging,
    flow_state::awaiting_mfa_code, flow_state::awaiting_approval, flow_state::verifying_mfa,
};

/// C next = index.
inline constexpr flow_next nexts[] = {
    flow_next::send_request, flow_next::ask_for_code, flow_next::request_new_code, flow_next::wait_until,
    flow_next::start_over, flow_next::done, flow_next::stop, flow_next::none, flow_next::retry,
    flow_next::choose_authenticator, flow_next::ask_for_mfa_code, flow_next::poll,
};

/// Negative statuses: C value = -(index + 1).
inline constexpr const char* status_names[] = {
    "e_null_arg", "e_invalid_arg", "e_bad_handle", "e_absent", "e_no_memory", "e_internal", "e_unsupported",
};

/// The C value of `value` (its index + offset), or -1 when the table lacks it.
template <class E, std::size_t N>
constexpr std::int32_t index_of(const E (&table)[N], E value, std::int32_t offset) noexcept {
    for (std::size_t i = 0; i < N; ++i)
        if (table[i] == value) return static_cast<std::int32_t>(i) + offset;
    return -1;
}

/// The row of C value `c_value`, or nullptr when it is out of the table.
template <class E, std::size_t N>
constexpr const E* row(const E (&table)[N], std::int32_t c_value, std::int32_t offset) noexcept {
    if (c_value < offset || c_value - offset >= static_cast<std::int32_t>(N)) return nullptr;
    return &table[static_cast<std::size_t>(c_value - offset)];
}

inline std::int32_t c_kind(error_kind k) noexcept { return index_of(kinds, k, 1); }
inline std::int32_t c_action(error_action a) noexcept { return index_of(actions, a, 0); }
inline std::int32_t c_state(flow_state s) noexcept { return index_of(states, s, 0); }
inline std::int32_t c_next(flow_next n) noexcept { return index_of(nexts, n, 0); }

/// The name of C value `c_value` in `table` (to_string's views are literals), or "unknown".
template <class E, std::size_t N>
const char* name_in(const E (&table)[N], std::int32_t c_value, std::int32_t offset) noexcept {
    const E* r = row(table, c_value, offset);
    return r != nullptr ? to_string(*r).data() : "unknown";
}

}  // namespace c_api
PASSWORDLESS_NAMESPACE_END

#endif
