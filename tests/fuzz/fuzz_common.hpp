// Shared pieces of the fuzz targets: the property check that aborts, the text framing of an HTTP
// response, and the oracles every target applies to an error value.
//
// Every target defines LLVMFuzzerTestOneInput and nothing else that libFuzzer calls. Built with
// -fsanitize=fuzzer it runs under libFuzzer (or AFL++'s driver); built with replay_main.cpp it
// replays files as an ordinary test. Targets contain no try/catch: with exceptions a reachable
// nlohmann/json throw terminates, and with -fno-exceptions it aborts, so either way it is found.
#ifndef PASSWORDLESS_FUZZ_COMMON_HPP
#define PASSWORDLESS_FUZZ_COMMON_HPP

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <passwordless.hpp>

#include "../support/stub_signer.hpp"

namespace fuzz {

namespace pl = passwordless;
using json = nlohmann::json;

/// A violated property: print what and where, then abort so the fuzzer keeps the input.
[[noreturn]] inline void violated(const char* what, const char* file, int line) {
    std::fprintf(stderr, "\nPROPERTY VIOLATED: %s\n  at %s:%d\n", what, file, line);
    std::fflush(stderr);
    std::abort();
}

#define FUZZ_CHECK(cond)                                              \
    do {                                                              \
        if (!(cond)) ::fuzz::violated(#cond, __FILE__, __LINE__);     \
    } while (0)

/// Exceptions build against no-exceptions build (RELIABILITY.md R2). Each target describes the
/// library's answers for one input with note(); when the environment variable
/// PASSWORDLESS_FUZZ_VERDICTS names a file, the verdict_scope opened at the top of the target
/// appends one line to it: a hash of the input, a hash of the notes, and the notes themselves
/// (escaped, cut to 240 bytes). run.sh smoke replays every corpus with both builds and requires
/// the two files to agree line for line. Without the variable nothing is written.
/// True when PASSWORDLESS_FUZZ_VERDICTS is set: only then are notes taken (they cost time).
inline bool verdicts_wanted() {
    static const bool wanted = [] {
        const char* path = std::getenv("PASSWORDLESS_FUZZ_VERDICTS");
        return path != nullptr && *path != '\0';
    }();
    return wanted;
}

inline std::string& notes() {
    static std::string text;
    return text;
}

inline void note(std::string_view what) {
    if (!verdicts_wanted()) return;
    std::string& n = notes();
    if (!n.empty()) n += "; ";
    n.append(what.data(), what.size());
}

using stub_jws::fnv1a;

class verdict_scope {
public:
    verdict_scope(const std::uint8_t* data, std::size_t size) {
        if (!verdicts_wanted()) return;
        input_hash_ = fnv1a(size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size));
        notes().clear();
    }
    verdict_scope(const verdict_scope&) = delete;
    verdict_scope& operator=(const verdict_scope&) = delete;
    ~verdict_scope() {
        if (!verdicts_wanted()) return;
        std::FILE* f = std::fopen(std::getenv("PASSWORDLESS_FUZZ_VERDICTS"), "a");
        if (f == nullptr) return;
        std::string shown;
        for (char c : notes()) {
            const auto u = static_cast<unsigned char>(c);
            if (shown.size() >= 240) break;
            if (u < 0x20 || u >= 0x7F || c == '\\') {
                char esc[5];
                std::snprintf(esc, sizeof esc, "\\x%02X", static_cast<unsigned>(u));
                shown += esc;
            } else {
                shown += c;
            }
        }
        std::fprintf(f, "%016llx %016llx %s\n", static_cast<unsigned long long>(input_hash_),
                     static_cast<unsigned long long>(fnv1a(notes())), shown.c_str());
        std::fclose(f);
    }

private:
    std::uint64_t input_hash_ = 0;
};

/// Every field of an error, for note().
inline std::string describe(const pl::error& e) {
    std::string out = "error ";
    out += pl::to_string(e.kind);
    if (e.status) out += " status=" + std::to_string(*e.status);
    if (e.code) out += " code=" + *e.code;
    if (!e.field.empty()) out += " field=" + e.field;
    if (!e.reason.empty()) out += " reason=" + e.reason;
    if (e.retry_at) out += " retry_at=" + std::to_string(*e.retry_at);
    if (e.rate_limit) {
        out += " rate_limit=" + std::to_string(e.rate_limit->limit.value_or(-1)) + "/" +
               std::to_string(e.rate_limit->remaining.value_or(-1)) + "/" + std::to_string(e.rate_limit->reset.value_or(-1));
    }
    if (!e.mfa_token.empty()) out += " mfa_token=" + std::to_string(fnv1a(e.mfa_token));
    if (!e.dpop_nonce.empty()) out += " dpop_nonce=" + e.dpop_nonce;
    if (e.mfa_requirements) {
        out += " mfa_requirements=";
        for (const std::string& t : e.mfa_requirements->challenge) out += t + ",";
        out += "/";
        for (const std::string& t : e.mfa_requirements->enroll) out += t + ",";
    }
    out += " desc=" + e.description;
    return out;
}

inline std::string text_or_dash(const std::optional<std::string>& v) { return v ? "\"" + *v + "\"" : std::string("-"); }

inline std::string flag_or_dash(const std::optional<bool>& v) { return v ? (*v ? "T" : "F") : "-"; }

inline std::string number_or_dash(const std::optional<std::int64_t>& v) { return v ? std::to_string(*v) : std::string("-"); }

/// Every part of a request, for note() (secrets in headers and body as hashes).
inline std::string describe_request(const pl::request& r) {
    std::string out = r.method + " " + r.url + " " + r.content_type;
    for (const pl::header& h : r.headers) out += " " + h.name + "#" + std::to_string(fnv1a(h.value));
    return out + " body#" + std::to_string(fnv1a(r.body));
}

/// note() for a result: the error's description, or `ok` followed by what the caller says of
/// the value.
template <class T, class Describe>
void note_result(const pl::result<T>& r, Describe&& describe_value) {
    if (!verdicts_wanted()) return;
    if (r.ok()) {
        note("ok " + describe_value(*r));
    } else {
        note(describe(r.failure()));
    }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return size == 0 ? std::string_view() : std::string_view(reinterpret_cast<const char*>(data), size);
}

/// Cuts the first line (up to '\n', which is dropped) off `in`.
inline std::string_view take_line(std::string_view& in) {
    const std::size_t nl = in.find('\n');
    std::string_view line = in.substr(0, nl);
    in = nl == std::string_view::npos ? std::string_view() : in.substr(nl + 1);
    return line;
}

/// A decimal integer with an optional '-', at most 15 digits; anything else gives `fallback`.
inline std::int64_t parse_int(std::string_view s, std::int64_t fallback) {
    bool negative = false;
    if (!s.empty() && s[0] == '-') {
        negative = true;
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 15) return fallback;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return fallback;
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

/// A response framed as text, the way the seeds are written:
///
///     <status> [<now>]\n
///     <name>: <value>\n      (zero or more header lines, kept byte for byte, CR included)
///     \n
///     <body>                 (everything after the first empty line)
///
/// A header line without ": " becomes a header with an empty value. Status and now that are not
/// plain numbers fall back to 200 and 1700000000.
struct framed_response {
    pl::response response;
    pl::unix_seconds now = 1700000000;
};

inline framed_response parse_framed_response(std::string_view in) {
    framed_response out;
    std::string_view first = take_line(in);
    const std::size_t space = first.find(' ');
    const std::int64_t status = parse_int(first.substr(0, space), 200);
    out.response.status = status < -100000 || status > 100000 ? 200 : static_cast<int>(status);
    if (space != std::string_view::npos) out.now = parse_int(first.substr(space + 1), out.now);
    while (!in.empty()) {
        std::string_view line = take_line(in);
        if (line.empty()) break;
        const std::size_t colon = line.find(": ");
        if (colon == std::string_view::npos) {
            out.response.headers.push_back({std::string(line), std::string()});
        } else {
            out.response.headers.push_back({std::string(line.substr(0, colon)), std::string(line.substr(colon + 2))});
        }
    }
    out.response.body = std::string(in);
    return out;
}

/// The opening of every target that reads one framed response: the input's verdict scope (its
/// verdict is recorded when the target returns), the response and its time, and default caps.
struct response_input : framed_response {
    verdict_scope verdict;
    pl::checked_limits limits;
    response_input(const std::uint8_t* data, std::size_t size)
        : framed_response(parse_framed_response(as_text(data, size))), verdict(data, size) {}
};

/// True when `s` holds a control character (C0, DEL, or a UTF-8 encoded C1).
inline bool has_control(std::string_view s) { return pl::detail::has_control(s); }

/// Properties every error value has, whatever produced it: the action is the one fixed for the
/// kind, the kind is a known one, and the texts that reach logs hold no control characters
/// (no CR/LF for log forging, no ESC for terminal tricks) and stay short.
inline void check_error_shape(const pl::error& e) {
    FUZZ_CHECK(static_cast<int>(e.kind) <= static_cast<int>(pl::last_error_kind));
    FUZZ_CHECK(e.action == pl::action_for(e.kind));
    FUZZ_CHECK(!has_control(e.description));
    FUZZ_CHECK(!has_control(e.field));
    FUZZ_CHECK(!has_control(e.reason));
    FUZZ_CHECK(e.description.size() <= 2048);
    FUZZ_CHECK(!e.description.empty());
    if (e.code) {
        FUZZ_CHECK(!has_control(*e.code));
        FUZZ_CHECK(e.code->size() <= 256);
    }
    if (e.kind != pl::error_kind::mfa_required) FUZZ_CHECK(e.mfa_token.empty() && !e.mfa_requirements);
    if (e.mfa_requirements)
        for (const auto* list : {&e.mfa_requirements->challenge, &e.mfa_requirements->enroll}) {
            FUZZ_CHECK(list->size() <= pl::max_mfa_requirement_types);
            for (const std::string& t : *list) FUZZ_CHECK(!t.empty() && t.size() <= 64);
        }
    if (e.kind != pl::error_kind::dpop_nonce_required) FUZZ_CHECK(e.dpop_nonce.empty());
    if (!e.dpop_nonce.empty()) FUZZ_CHECK(pl::is_valid_dpop_nonce(e.dpop_nonce));
    if (e.kind == pl::error_kind::invalid_argument) FUZZ_CHECK(!e.field.empty());
    if (e.kind == pl::error_kind::invalid_id_token) FUZZ_CHECK(!e.reason.empty());
}

/// Every text of an error that may be shown or logged, joined.
inline std::string all_text(const pl::error& e) {
    return e.description + "|" + e.field + "|" + e.reason + "|" + e.code.value_or(std::string());
}

/// The visible part of two errors is the same.
inline bool same_visible_error(const pl::error& a, const pl::error& b) {
    return a.kind == b.kind && a.action == b.action && a.status == b.status && a.code == b.code &&
           a.description == b.description && a.field == b.field && a.reason == b.reason && a.retry_at == b.retry_at;
}

/// A parsed member equals the body's: absent when the body's is absent or null, else the body's
/// string.
inline void check_string_member(const json& body, const char* name, const std::optional<std::string>& got) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        FUZZ_CHECK(!got);
        return;
    }
    FUZZ_CHECK(it->is_string());
    FUZZ_CHECK(got && *got == it->get_ref<const std::string&>());
}

/// The member `name` of `obj` if it is a string, else nullptr.
using pl::detail::find_string;  // the library's (detail/json_reader.hpp)

/// The body's JSON when the library itself would read it (size, depth, no duplicates), else null.
inline std::optional<json> library_json(std::string_view body, const pl::checked_limits& limits = {}) {
    pl::detail::json_read_result r = pl::detail::read_json(body, limits.max_body_bytes(), limits.max_json_depth());
    if (r.status != pl::detail::json_read_status::ok) return std::nullopt;
    return std::move(r.value);
}

/// Replaces every byte of a string with another printable byte of the same class, keeping its
/// length: digits stay digits, letters stay letters, anything else becomes 'Q'.
inline std::string scramble(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= '0' && c <= '8') {
            c = static_cast<char>(c + 1);
        } else if (c == '9') {
            c = '0';
        } else if ((c >= 'a' && c < 'z') || (c >= 'A' && c < 'Z')) {
            c = static_cast<char>(c + 1);
        } else if (c == 'z') {
            c = 'a';
        } else if (c == 'Z') {
            c = 'A';
        } else {
            c = 'Q';
        }
    }
    return out;
}

/// The secret members of token and error bodies.
inline constexpr const char* secret_members[] = {"access_token", "refresh_token", "id_token",      "mfa_token",
                                                 "client_secret", "oob_code",      "recovery_code"};

/// `body` (which the library reads as a JSON object) with every secret member's string value
/// scrambled; empty when no secret member holds a non-empty string.
inline std::optional<std::string> with_secrets_scrambled(const json& body) {
    if (!body.is_object()) return std::nullopt;
    json copy = body;  // depth already capped by the library's reader
    bool changed = false;
    for (const char* name : secret_members) {
        auto it = copy.find(name);
        if (it == copy.end() || !it->is_string()) continue;
        const std::string& v = it->get_ref<const std::string&>();
        if (v.empty()) continue;
        *it = scramble(v);
        changed = true;
    }
    if (!changed) return std::nullopt;
    return copy.dump(-1, ' ', false, json::error_handler_t::strict);
}

/// Rewrites a "name: value" framed response with another body.
inline pl::response with_body(const pl::response& r, std::string body) {
    pl::response out = r;
    out.body = std::move(body);
    return out;
}

}  // namespace fuzz

#endif
