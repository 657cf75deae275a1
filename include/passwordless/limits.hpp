// passwordless: the caps applied before any work on untrusted or oversized data, their allowed
// ranges, and checked_limits, the validated form every parser reads.
#ifndef PASSWORDLESS_LIMITS_HPP
#define PASSWORDLESS_LIMITS_HPP

#include <cstddef>

#include "passwordless/error.hpp"
#include "passwordless/result.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Caps applied before any work on untrusted or oversized data, as the caller writes them (see
/// limit_ranges for what is accepted). Parsers take checked_limits, never this type.
struct client_limits {
    std::size_t max_body_bytes = 256 * 1024;  ///< response bodies; larger ones are refused unread
    std::size_t max_json_depth = 64;          ///< nesting of any JSON the library parses
    std::size_t max_token_bytes = 64 * 1024;  ///< tokens and assertions
    std::size_t max_input_bytes = 4 * 1024;   ///< any other caller string
};

/// The allowed range of one member of client_limits.
struct limit_range {
    const char* name;
    std::size_t client_limits::*member;
    std::size_t least;
    std::size_t most;
};

/// The policy: each cap and its inclusive range.
inline constexpr limit_range limit_ranges[] = {
    {"max_body_bytes", &client_limits::max_body_bytes, 1024, std::size_t{1} << 30},
    {"max_json_depth", &client_limits::max_json_depth, 4, 512},
    {"max_token_bytes", &client_limits::max_token_bytes, 1024, std::size_t{1} << 24},
    {"max_input_bytes", &client_limits::max_input_bytes, 256, std::size_t{1} << 20},
};

/// True when every member of `l` is within its limit_ranges entry.
[[nodiscard]] constexpr bool limits_in_range(const client_limits& l) noexcept {
    for (const limit_range& r : limit_ranges)
        if (l.*r.member < r.least || l.*r.member > r.most) return false;
    return true;
}

static_assert(limits_in_range(client_limits{}), "the default limits must be within their ranges");

/// Limits that passed limits_in_range. Default-constructed, they hold the defaults. Every parser
/// takes one (or reads the client's, which client::create checked), so the recursive JSON
/// scanner never sees an unchecked depth.
class checked_limits {
public:
    checked_limits() noexcept = default;

    /// Checks `l`; invalid_argument (field "limits") when a member is outside its range.
    [[nodiscard]] static result<checked_limits> create(const client_limits& l);

    [[nodiscard]] std::size_t max_body_bytes() const noexcept;
    [[nodiscard]] std::size_t max_json_depth() const noexcept;
    [[nodiscard]] std::size_t max_token_bytes() const noexcept;
    [[nodiscard]] std::size_t max_input_bytes() const noexcept;
    [[nodiscard]] const client_limits& values() const noexcept;

private:
    explicit checked_limits(const client_limits& l) noexcept;

    client_limits values_;
};

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<checked_limits> checked_limits::create(const client_limits& l) {
    if (!limits_in_range(l))
        return error::invalid_argument("limits", "are outside their allowed ranges (see client_limits)");
    return checked_limits(l);
}

PASSWORDLESS_FUNC std::size_t checked_limits::max_body_bytes() const noexcept { return values_.max_body_bytes; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_json_depth() const noexcept { return values_.max_json_depth; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_token_bytes() const noexcept { return values_.max_token_bytes; }

PASSWORDLESS_FUNC std::size_t checked_limits::max_input_bytes() const noexcept { return values_.max_input_bytes; }

PASSWORDLESS_FUNC const client_limits& checked_limits::values() const noexcept { return values_; }

PASSWORDLESS_FUNC checked_limits::checked_limits(const client_limits& l) noexcept : values_(l) {}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
