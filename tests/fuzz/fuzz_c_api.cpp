// Fuzz target: the C ABI of passwordless.h, driven as a hostile binding would. FuzzedDataProvider
// turns the input into a sequence of C calls on a pool of live handles, with fuzzed option ids,
// statuses, text (invalid UTF-8, embedded NULs, NULL pointers with a length, lengths over
// PASSWORDLESS_MAX_INPUT), responses, saved logins and JWKS documents, and handles passed as the
// wrong type or as NULL. Built in both exception modes like every target (tests/fuzz/build.sh).
//
// Properties checked after every call (abort on violation):
//  1. Every status is PASSWORDLESS_OK, one of the negative statuses, or an error kind.
//  2. Out-parameters are written only on PASSWORDLESS_OK (each starts as a sentinel).
//  3. Every view handed out has a non-NULL pointer; text views owned by a handle end in a NUL.
//  4. Every error object reports a known kind and action, and its text views satisfy 3.
//  5. A handle of the wrong type is refused with E_BAD_HANDLE, NULL with E_NULL_ARG.
//  6. Each verifier's and DPoP signer's free hook runs exactly once by the end.
//  7. Beyond the login: WWW-Authenticate challenges of fuzzed responses are
//     read whole (every index below the count answers, the count itself is E_INVALID_ARG);
//     a refresh answer writes exactly one of its two outputs; DPoP API requests carry exactly
//     the authorization and dpop headers; callbacks, code exchanges, discovery documents and thumbprints of
//     fuzzed text obey 1-4.
//  8. An ID token verified outside the login (fuzz bytes as the token): its claims only on
//     success, an error whose kind is the status otherwise, and never the token in a message.
//  9. The session calls (revoke, userinfo, logout URL, token freshness) with hostile text (CR, LF,
//     NUL, spaces, invalid UTF-8, lengths at and over max_token_bytes, NULL with a length) and
//     extreme numbers: a revoke or userinfo request exists only for a token of visible ASCII, and
//     a refused one is never quoted; a userinfo request carries a dpop header exactly when a key was
//     given; a logout URL is printable ASCII without spaces and has no headers; userinfo claims
//     have a non-empty "sub"; freshness agrees with expires_at recomputed in unsigned arithmetic.
#include <passwordless/c_api/implementation.hpp>

#include <fuzzer/FuzzedDataProvider.h>

#include <cstring>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

int hooks_registered = 0;
int hooks_run = 0;

std::int32_t verify_by_byte(void* ud, passwordless_str alg, passwordless_str kid, passwordless_bytes input,
                            passwordless_bytes sig, passwordless_str jwk) {
    FUZZ_CHECK(alg.ptr != nullptr && kid.ptr != nullptr && input.ptr != nullptr && sig.ptr != nullptr && jwk.ptr != nullptr);
    const auto mode = static_cast<std::int32_t>(reinterpret_cast<std::uintptr_t>(ud) & 3u);
    return mode == 3 ? -7 : mode == 2 ? 1 : 0;  // valid, invalid, an error
}

void free_hook(void*) { ++hooks_run; }

std::int32_t sign_by_byte(void* ud, passwordless_bytes input, std::uint8_t* out, std::size_t cap, std::size_t* len) {
    FUZZ_CHECK(input.ptr != nullptr && out != nullptr && len != nullptr && cap >= 64);
    const auto mode = reinterpret_cast<std::uintptr_t>(ud) & 3u;
    if (mode == 3) return 1;  // the key store failed
    std::memset(out, 0x5a, 64);
    *len = mode == 2 ? 63 : 64;  // a wrong length is refused by the core
    return 0;
}

std::int32_t fill_random(void*, std::uint8_t* out, std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(i * 13 + 7);
    return 0;
}

constexpr const char* dpop_jwk = R"({"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"})";

bool known_status(std::int32_t s) { return std::strcmp(passwordless_status_str(s), "unknown") != 0; }

void check_view(const passwordless_str& v, bool nul_terminated) {
    FUZZ_CHECK(v.ptr != nullptr);
    if (nul_terminated) FUZZ_CHECK(v.ptr[v.len] == '\0');
}

void check_error(const passwordless_error* e) {
    const std::int32_t kind = passwordless_error_kind(e);
    FUZZ_CHECK(kind >= 1 && std::strcmp(passwordless_status_str(kind), "unknown") != 0);
    const std::int32_t action = passwordless_error_action(e);
    FUZZ_CHECK(action >= 0 && action <= PASSWORDLESS_ACTION_REFRESH);
    FUZZ_CHECK(std::strcmp(passwordless_action_str(action), "unknown") != 0);
    for (std::int32_t f = 0; f <= 7; ++f) {
        passwordless_str v{"sentinel", 8};
        const std::int32_t st = passwordless_error_field(e, f, &v);
        if (st == PASSWORDLESS_OK) check_view(v, true);
        else FUZZ_CHECK(std::strncmp(v.ptr, "sentinel", 8) == 0 && (st == PASSWORDLESS_E_ABSENT || st == PASSWORDLESS_E_INVALID_ARG));
    }
    note(std::string("error ") + passwordless_status_str(kind) + " " + passwordless_action_str(action));
}

/// A status from a call, checked and noted.
std::int32_t seen(std::int32_t st, const char* what) {
    FUZZ_CHECK(known_status(st));
    note(std::string(what) + "=" + passwordless_status_str(st));
    return st;
}

struct pools {
    std::vector<passwordless_client_options*> copts;
    std::vector<passwordless_client*> clients;
    std::vector<passwordless_login_options*> lopts;
    std::vector<passwordless_login*> logins;
    std::vector<passwordless_start_params*> params;
    std::vector<passwordless_response*> responses;
    std::vector<passwordless_step*> steps;
    std::vector<passwordless_keyset*> keysets;
    std::vector<passwordless_dpop_key*> keys;
    std::vector<passwordless_refresh*> refreshes;
    std::deque<std::string> texts;  // keeps text inputs alive for the call (a deque: no moves)
};

template <class T>
T* pick(FuzzedDataProvider& in, const std::vector<T*>& pool) {
    if (pool.empty() || in.ConsumeIntegralInRange<int>(0, 9) == 0) return nullptr;
    return pool[in.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1)];
}

/// Text as a hostile caller passes it: usually honest, sometimes NULL with a length or a length
/// over the cap (never read: the library refuses it first).
passwordless_str text(FuzzedDataProvider& in, pools& p) {
    switch (in.ConsumeIntegralInRange<int>(0, 15)) {
        case 0: return passwordless_str{nullptr, 0};
        case 1: return passwordless_str{nullptr, in.ConsumeIntegralInRange<std::size_t>(1, 64)};
        case 2: return passwordless_str{"x", PASSWORDLESS_MAX_INPUT + in.ConsumeIntegralInRange<std::size_t>(1, 1u << 20)};
        default: break;
    }
    p.texts.push_back(in.ConsumeRandomLengthString(96));
    const std::string& s = p.texts.back();
    return passwordless_str{s.data(), s.size()};
}

passwordless_bytes bytes(FuzzedDataProvider& in, pools& p, std::size_t max) {
    const passwordless_str t = in.ConsumeBool() ? text(in, p) : [&] {
        p.texts.push_back(in.ConsumeRandomLengthString(max));
        return passwordless_str{p.texts.back().data(), p.texts.back().size()};
    }();
    return passwordless_bytes{reinterpret_cast<const std::uint8_t*>(t.ptr), t.len};
}

void read_step(passwordless_step* st) {
    FUZZ_CHECK(seen(passwordless_step_state(st), "state") >= 0);
    const std::int32_t next = passwordless_step_next(st);
    FUZZ_CHECK(next >= 0 && std::strcmp(passwordless_next_str(next), "unknown") != 0);
    note(passwordless_next_str(next));
    const passwordless_request* req = nullptr;
    if (passwordless_step_request(st, &req) == PASSWORDLESS_OK) {
        passwordless_str m{}, u{}, hn{}, hv{};
        FUZZ_CHECK(passwordless_request_method(req, &m) == PASSWORDLESS_OK && passwordless_request_url(req, &u) == PASSWORDLESS_OK);
        check_view(m, true);
        check_view(u, true);
        const std::int32_t n = passwordless_request_header_count(req);
        FUZZ_CHECK(n >= 0);
        for (std::int32_t i = 0; i < n; ++i) FUZZ_CHECK(passwordless_request_header_at(req, static_cast<std::size_t>(i), &hn, &hv) == 0);
        FUZZ_CHECK(passwordless_request_header_at(req, static_cast<std::size_t>(n), &hn, &hv) == PASSWORDLESS_E_INVALID_ARG);
        note(std::string(m.ptr, m.len) + " " + std::string(u.ptr, u.len));
    } else {
        FUZZ_CHECK(req == nullptr);
    }
    const passwordless_error* e = nullptr;
    if (passwordless_step_error(st, &e) == PASSWORDLESS_OK) check_error(e);
    const passwordless_tokens* t = nullptr;
    if (passwordless_step_tokens(st, &t) == PASSWORDLESS_OK) {
        passwordless_str at{};
        FUZZ_CHECK(passwordless_tokens_str(t, PASSWORDLESS_TOKF_ACCESS_TOKEN, &at) == PASSWORDLESS_OK);
        check_view(at, true);
    }
    for (std::int32_t which = 0; which <= 4; ++which) {
        std::int64_t v = -12345;
        const std::int32_t s = passwordless_step_time(st, which, &v);
        if (s != PASSWORDLESS_OK) FUZZ_CHECK(v == -12345);
    }
}

/// Text for the session calls: text() (NULL, NULL with a length, over the cap, random bytes), or
/// a token-like value with one hostile byte (CR, LF, NUL, space, tab, DEL, a UTF-8 lead byte or
/// a lone continuation byte) at a fuzzed place, or one exactly at or just over max_token_bytes.
passwordless_str hostile_text(FuzzedDataProvider& in, pools& p) {
    static const std::string big(64 * 1024 + 1, 'a');  // client_limits::max_token_bytes, plus one
    switch (in.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: return passwordless_str{big.data(), big.size() - in.ConsumeIntegralInRange<std::size_t>(0, 1)};
        case 1: case 2: {
            static constexpr char bad[] = {'\r', '\n', '\0', ' ', '\t', '\x7f', '\xc3', '\x80', '\xff'};
            std::string s = in.ConsumeBool() ? std::string("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln") : in.ConsumeRandomLengthString(48);
            s.insert(in.ConsumeIntegralInRange<std::size_t>(0, s.size()), 1, bad[in.ConsumeIntegralInRange<std::size_t>(0, sizeof bad - 1)]);
            p.texts.push_back(std::move(s));
            return passwordless_str{p.texts.back().data(), p.texts.back().size()};
        }
        default: return text(in, p);
    }
}

/// True when every byte is visible ASCII (0x21 to 0x7e).
bool visible_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) > 0x7e) return false;
    return true;
}

/// The text a caller passed, when the library could read it (not NULL, within the cap).
std::string_view readable(const passwordless_str& s) {
    if (s.ptr == nullptr || s.len > PASSWORDLESS_MAX_INPUT) return {};
    return std::string_view(s.ptr, s.len);
}

/// A request the session calls built: views checked, no CR, LF or NUL in any header or the URL;
/// returns its URL.
std::string read_request(const passwordless_request* req, const char* method, std::int32_t headers) {
    passwordless_str m{}, u{}, hn{}, hv{};
    FUZZ_CHECK(passwordless_request_method(req, &m) == PASSWORDLESS_OK && passwordless_request_url(req, &u) == PASSWORDLESS_OK);
    check_view(m, true);
    check_view(u, true);
    FUZZ_CHECK(std::string_view(m.ptr, m.len) == method);
    const std::string_view url(u.ptr, u.len);
    FUZZ_CHECK(url.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos);
    const std::int32_t n = passwordless_request_header_count(req);
    FUZZ_CHECK(headers < 0 ? n >= 0 : n == headers);
    for (std::int32_t i = 0; i < n; ++i) {
        FUZZ_CHECK(passwordless_request_header_at(req, static_cast<std::size_t>(i), &hn, &hv) == 0);
        check_view(hn, true);
        check_view(hv, true);
        FUZZ_CHECK(std::string_view(hv.ptr, hv.len).find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos);
    }
    return std::string(url);
}

/// The header `name` (lower case) of a request, if present.
std::optional<std::string> request_header(const passwordless_request* req, std::string_view name) {
    passwordless_str hn{}, hv{};
    for (std::int32_t i = 0; i < passwordless_request_header_count(req); ++i)
        if (passwordless_request_header_at(req, static_cast<std::size_t>(i), &hn, &hv) == 0 && std::string_view(hn.ptr, hn.len) == name)
            return std::string(hv.ptr, hv.len);
    return std::nullopt;
}

/// An error's description never holds `secret` (checked for secrets long enough to be told apart).
void check_not_quoted(const passwordless_error* e, std::string_view secret) {
    passwordless_str d{};
    if (e == nullptr || secret.size() < 12 || passwordless_error_field(e, PASSWORDLESS_ERRF_DESCRIPTION, &d) != PASSWORDLESS_OK) return;
    FUZZ_CHECK(std::string_view(d.ptr, d.len).find(secret) == std::string_view::npos);
}

/// The client a session call gets: mostly a live one (a pooled client, or when the pool is empty a
/// well-formed one made once), sometimes NULL or a handle of another type.
const passwordless_client* session_client(FuzzedDataProvider& in, pools& p) {
    static passwordless_client* made = [] {
        passwordless_client_options* o = nullptr;
        passwordless_client* c = nullptr;
        FUZZ_CHECK(passwordless_client_options_new(&o) == PASSWORDLESS_OK);
        passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, passwordless_str{"example.auth0.com", 17});
        passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, passwordless_str{"abc123", 6});
        FUZZ_CHECK(passwordless_client_new(o, &c, nullptr) == PASSWORDLESS_OK);
        passwordless_client_options_free(o);
        return c;  // kept for the process (reachable: not a leak)
    }();
    switch (in.ConsumeIntegralInRange<int>(0, 7)) {
        case 0: return nullptr;
        case 1: return p.responses.empty() ? nullptr : reinterpret_cast<const passwordless_client*>(p.responses.back());
        default: return p.clients.empty() || in.ConsumeBool() ? made : pick(in, p.clients);
    }
}

/// A response for the session parsers: a pooled one, or a 200 JSON body made from fuzzed values
/// (a token answer with any expires_in, or userinfo claims with any sub and updated_at).
passwordless_response* session_response(FuzzedDataProvider& in, pools& p) {
    if (in.ConsumeBool()) return pick(in, p.responses);
    std::string body;
    switch (in.ConsumeIntegralInRange<int>(0, 2)) {
        case 0: {
            body = R"({"access_token":"at-0123456789","token_type":"Bearer")";
            if (in.ConsumeBool())
                body += ",\"expires_in\":" + std::to_string(in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int64_t>(-2, 400000000)
                                                                               : in.ConsumeIntegral<std::int64_t>());
            body += "}";
            break;
        }
        case 1: {
            body = R"({"sub":")" + in.ConsumeRandomLengthString(24) + "\"";
            if (in.ConsumeBool()) body += ",\"updated_at\":" + std::to_string(in.ConsumeIntegral<std::int64_t>());
            body += ",\"email\":\"a@example.com\"}";
            break;
        }
        default: body = in.ConsumeRandomLengthString(256); break;
    }
    passwordless_response* r = nullptr;
    if (passwordless_response_new(200, &r) != PASSWORDLESS_OK) return nullptr;
    passwordless_response_add_header(r, passwordless_bytes{reinterpret_cast<const std::uint8_t*>("content-type"), 12},
                                     passwordless_bytes{reinterpret_cast<const std::uint8_t*>("application/json"), 16});
    passwordless_response_set_body(r, passwordless_bytes{reinterpret_cast<const std::uint8_t*>(body.data()), body.size()});
    p.responses.push_back(r);  // freed with the pool
    return r;
}

/// Property 9: one of the session calls, with hostile arguments.
void session_call(FuzzedDataProvider& in, pools& p, std::int64_t now) {
    const std::int64_t when = in.ConsumeBool() ? now : in.ConsumeIntegral<std::int64_t>();
    passwordless_error* err = nullptr;
    switch (in.ConsumeIntegralInRange<int>(0, 5)) {
        case 0: {  // POST /oauth/revoke
            const passwordless_str token = hostile_text(in, p);
            passwordless_request* req = reinterpret_cast<passwordless_request*>(0x1);
            const std::int32_t st = seen(passwordless_client_revoke_request(session_client(in, p), token, &req, &err), "revoke_request");
            if (st == PASSWORDLESS_OK) {
                FUZZ_CHECK(err == nullptr && visible_ascii(readable(token)) && !readable(token).empty());
                const std::string url = read_request(req, "POST", -1);
                FUZZ_CHECK(url.size() >= 13 && url.compare(url.size() - 13, 13, "/oauth/revoke") == 0);
                passwordless_request_free(req);
            } else {
                FUZZ_CHECK(req == reinterpret_cast<passwordless_request*>(0x1));
                check_not_quoted(err, readable(token));
            }
            break;
        }
        case 1: {  // its answer
            const std::int32_t st = seen(passwordless_client_revoke_response(session_client(in, p), session_response(in, p), when,
                                                                             in.ConsumeBool() ? &err : nullptr),
                                         "revoke_response");
            if (st == PASSWORDLESS_OK) FUZZ_CHECK(err == nullptr);
            break;
        }
        case 2: {  // GET /userinfo, Bearer or DPoP, with or without a key and nonce
            const passwordless_str token = hostile_text(in, p);
            passwordless_str type{nullptr, 0};
            switch (in.ConsumeIntegralInRange<int>(0, 4)) {
                case 0: type = passwordless_str{"Bearer", 6}; break;
                case 1: type = passwordless_str{"DPoP", 4}; break;
                case 2: type = passwordless_str{"dpop", 4}; break;
                case 3: type = hostile_text(in, p); break;
                default: break;  // {NULL, 0}: Bearer
            }
            const passwordless_dpop_key* key = pick(in, p.keys);
            const passwordless_str nonce = in.ConsumeBool() ? passwordless_str{nullptr, 0} : hostile_text(in, p);
            passwordless_request* req = reinterpret_cast<passwordless_request*>(0x1);
            const std::int32_t st = seen(passwordless_client_userinfo_request(session_client(in, p), token, type, key, nonce, when, &req, &err),
                                         "userinfo_request");
            if (st == PASSWORDLESS_OK) {
                FUZZ_CHECK(err == nullptr);
                FUZZ_CHECK(visible_ascii(readable(token)) && !readable(token).empty());
                const std::string url = read_request(req, "GET", key != nullptr ? 2 : 1);
                FUZZ_CHECK(url.size() >= 9 && url.compare(url.size() - 9, 9, "/userinfo") == 0);
                const std::optional<std::string> auth = request_header(req, "authorization");
                FUZZ_CHECK(auth && auth->size() > readable(token).size() &&
                           auth->compare(auth->size() - readable(token).size(), std::string::npos, readable(token)) == 0);
                FUZZ_CHECK(request_header(req, "dpop").has_value() == (key != nullptr));
                passwordless_request_free(req);
            } else {
                FUZZ_CHECK(req == reinterpret_cast<passwordless_request*>(0x1));
                check_not_quoted(err, readable(token));
            }
            break;
        }
        case 3: {  // its answer
            passwordless_claims* claims = reinterpret_cast<passwordless_claims*>(0x1);
            const std::int32_t st = seen(passwordless_client_userinfo_response(session_client(in, p), session_response(in, p), when, &claims,
                                                                               in.ConsumeBool() ? &err : nullptr),
                                         "userinfo_response");
            if (st == PASSWORDLESS_OK) {
                FUZZ_CHECK(err == nullptr);
                passwordless_str v{};
                FUZZ_CHECK(passwordless_claims_json(claims, &v) == PASSWORDLESS_OK);
                check_view(v, true);
                FUZZ_CHECK(passwordless_claims_str(claims, passwordless_str{"sub", 3}, &v) == PASSWORDLESS_OK && v.len > 0);
                check_view(v, true);
                passwordless_claims_free(claims);
            } else {
                FUZZ_CHECK(claims == reinterpret_cast<passwordless_claims*>(0x1));
                if (err != nullptr && st > 0) FUZZ_CHECK(passwordless_error_kind(err) == st);
            }
            break;
        }
        case 4: {  // a logout URL, of a known or any kind
            const std::int32_t kind = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int32_t>(0, 3) : in.ConsumeIntegral<std::int32_t>();
            const passwordless_str redirect = in.ConsumeBool() ? passwordless_str{nullptr, 0} : hostile_text(in, p);
            const passwordless_str hint = in.ConsumeBool() ? passwordless_str{nullptr, 0} : hostile_text(in, p);
            const passwordless_str state = in.ConsumeBool() ? passwordless_str{nullptr, 0} : hostile_text(in, p);
            const std::int32_t federated = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int32_t>(0, 1) : in.ConsumeIntegral<std::int32_t>();
            passwordless_request* req = reinterpret_cast<passwordless_request*>(0x1);
            const std::int32_t st = seen(passwordless_client_logout_url(session_client(in, p), kind, redirect, hint, state, federated, &req, &err),
                                         "logout_url");
            if (st == PASSWORDLESS_OK) {
                FUZZ_CHECK(err == nullptr && (kind == PASSWORDLESS_LOGOUT_V2 || kind == PASSWORDLESS_LOGOUT_OIDC));
                const std::string url = read_request(req, "GET", 0);
                FUZZ_CHECK(visible_ascii(url));
                FUZZ_CHECK(url.find(kind == PASSWORDLESS_LOGOUT_V2 ? "/v2/logout?client_id=" : "/oidc/logout?client_id=") != std::string::npos);
                passwordless_request_free(req);
            } else {
                FUZZ_CHECK(req == reinterpret_cast<passwordless_request*>(0x1));
                check_not_quoted(err, readable(hint));
            }
            break;
        }
        default: {  // freshness of a token answer, at any time and margin
            passwordless_tokens* t = nullptr;
            if (passwordless_client_token_response(session_client(in, p), session_response(in, p), now, &t, nullptr) != PASSWORDLESS_OK) t = nullptr;
            const std::int64_t margin = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int64_t>(-5, 600) : in.ConsumeIntegral<std::int64_t>();
            const std::int32_t f = seen(passwordless_tokens_freshness(t, when, margin), "freshness");
            if (t == nullptr) {
                FUZZ_CHECK(f == PASSWORDLESS_E_NULL_ARG);
                if (!p.clients.empty())
                    FUZZ_CHECK(passwordless_tokens_freshness(reinterpret_cast<const passwordless_tokens*>(p.clients.back()), when, margin) ==
                               PASSWORDLESS_E_BAD_HANDLE);
                break;
            }
            std::int64_t at = 0;
            if (passwordless_tokens_int(t, PASSWORDLESS_TOKF_EXPIRES_AT, &at) != PASSWORDLESS_OK) {
                FUZZ_CHECK(f == PASSWORDLESS_TOKENS_EXPIRY_UNKNOWN);
            } else if (at <= when) {
                FUZZ_CHECK(f == PASSWORDLESS_TOKENS_REFRESH_NOW);
            } else {  // at - when, exact in unsigned arithmetic since at > when
                const std::uint64_t left = static_cast<std::uint64_t>(at) - static_cast<std::uint64_t>(when);
                const std::uint64_t m = margin < 0 ? 0 : static_cast<std::uint64_t>(margin);
                FUZZ_CHECK(f == (left <= m ? PASSWORDLESS_TOKENS_REFRESH_NOW : PASSWORDLESS_TOKENS_FRESH));
            }
            passwordless_tokens_free(t);
            break;
        }
    }
    if (err != nullptr) check_error(err);
    passwordless_error_free(err);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdicts(data, size);
    FuzzedDataProvider in(data, size);
    pools p;
    hooks_registered = 0;
    hooks_run = 0;
    std::int64_t now = 1700000000;
    for (int round = 0; round < 64 && in.remaining_bytes() > 0; ++round) {
        now += in.ConsumeIntegralInRange<std::int64_t>(-5, 400);
        p.texts.clear();
        switch (in.ConsumeIntegralInRange<int>(0, 24)) {
            case 0: {
                passwordless_client_options* o = nullptr;
                if (seen(passwordless_client_options_new(&o), "copts_new") == 0) {
                    passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_DOMAIN, passwordless_str{"example.auth0.com", 17});
                    passwordless_client_options_set_str(o, PASSWORDLESS_CLIENT_ID, passwordless_str{"abc123", 6});
                    p.copts.push_back(o);
                }
                break;
            }
            case 1: {
                auto* o = pick(in, p.copts);
                const std::int32_t opt = in.ConsumeIntegralInRange<std::int32_t>(0, 16);
                if (in.ConsumeBool()) seen(passwordless_client_options_set_str(o, opt, text(in, p)), "copts_str");
                else seen(passwordless_client_options_set_int(o, opt, in.ConsumeIntegral<std::int64_t>()), "copts_int");
                break;
            }
            case 2: {
                passwordless_client* c = reinterpret_cast<passwordless_client*>(0x1);  // sentinel
                passwordless_error* err = nullptr;
                const void* o = in.ConsumeBool() ? static_cast<const void*>(pick(in, p.copts)) : static_cast<const void*>(pick(in, p.lopts));
                const std::int32_t st = seen(passwordless_client_new(static_cast<const passwordless_client_options*>(o), &c, &err), "client_new");
                if (st == PASSWORDLESS_OK) p.clients.push_back(c);
                else FUZZ_CHECK(c == reinterpret_cast<passwordless_client*>(0x1) && err != nullptr);
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                break;
            }
            case 3: {
                passwordless_login_options* o = nullptr;
                if (seen(passwordless_login_options_new(&o), "lopts_new") == 0) {
                    ++hooks_registered;
                    const auto ud = reinterpret_cast<void*>(static_cast<std::uintptr_t>(in.ConsumeIntegralInRange<int>(0, 3)));
                    seen(passwordless_login_options_set_verifier(o, verify_by_byte, ud, free_hook), "set_verifier");
                    if (in.ConsumeBool()) {  // DPoP: the known good key, or fuzzed text
                        ++hooks_registered;
                        const passwordless_str jwk = in.ConsumeBool() ? passwordless_str{dpop_jwk, std::strlen(dpop_jwk)} : text(in, p);
                        seen(passwordless_login_options_set_dpop(o, jwk, sign_by_byte, fill_random, ud, free_hook), "set_dpop");
                    }
                    p.lopts.push_back(o);
                }
                break;
            }
            case 4: {
                auto* o = pick(in, p.lopts);
                const std::int32_t opt = in.ConsumeIntegralInRange<std::int32_t>(99, 117);
                if (in.ConsumeBool()) seen(passwordless_login_options_set_str(o, opt, text(in, p)), "lopts_str");
                else seen(passwordless_login_options_set_int(o, opt, in.ConsumeIntegralInRange<std::int64_t>(-2, 200)), "lopts_int");
                if (in.ConsumeBool()) seen(passwordless_login_options_set_keyset(o, pick(in, p.keysets)), "set_keyset");
                break;
            }
            case 5: {
                passwordless_login* l = nullptr;
                passwordless_error* err = nullptr;
                const std::int32_t st = in.ConsumeBool()
                                            ? passwordless_login_new(pick(in, p.clients), pick(in, p.lopts), &l, &err)
                                            : passwordless_login_restore(pick(in, p.clients), pick(in, p.lopts), text(in, p), now, &l, &err);
                if (seen(st, "login_new") == PASSWORDLESS_OK) p.logins.push_back(l);
                else FUZZ_CHECK(l == nullptr);
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                break;
            }
            case 6: {
                passwordless_start_params* sp = nullptr;
                if (seen(passwordless_start_params_new(&sp), "params_new") == 0) p.params.push_back(sp);
                break;
            }
            case 7: {
                auto* sp = pick(in, p.params);
                if (in.ConsumeBool()) seen(passwordless_start_params_set(sp, in.ConsumeIntegralInRange<std::int32_t>(199, 206), text(in, p)), "params_set");
                else seen(passwordless_start_params_add_auth_param(sp, text(in, p), text(in, p)), "auth_param");
                break;
            }
            case 8: case 9: case 10: {
                passwordless_login* l = pick(in, p.logins);
                passwordless_step* st = nullptr;
                std::int32_t s = 0;
                switch (in.ConsumeIntegralInRange<int>(0, 5)) {
                    case 0: s = passwordless_login_start(l, pick(in, p.params), now, &st); break;
                    case 1: s = passwordless_login_resend(l, now, &st); break;
                    case 2: s = passwordless_login_submit_code(l, text(in, p), now, &st); break;
                    case 3: s = passwordless_login_on_response(l, pick(in, p.responses), now, &st); break;
                    case 4: s = passwordless_login_on_transport_failure(l, now, &st); break;
                    default: s = in.ConsumeBool() ? passwordless_login_retry(l, now, &st) : passwordless_login_cancel(l, now, &st); break;
                }
                if (seen(s, "call") == PASSWORDLESS_OK) {
                    read_step(st);
                    p.steps.push_back(st);
                } else {
                    FUZZ_CHECK(st == nullptr);
                }
                break;
            }
            case 11: {
                passwordless_response* r = nullptr;
                const std::int32_t status = in.ConsumeBool() ? in.ConsumeIntegralInRange<std::int32_t>(199, 504) : in.ConsumeIntegral<std::int32_t>();
                if (seen(passwordless_response_new(status, &r), "response_new") == 0) p.responses.push_back(r);
                else FUZZ_CHECK(r == nullptr);
                break;
            }
            case 12: {
                auto* r = pick(in, p.responses);
                if (in.ConsumeBool()) seen(passwordless_response_add_header(r, bytes(in, p, 64), bytes(in, p, 128)), "add_header");
                else seen(passwordless_response_set_body(r, bytes(in, p, 2048)), "set_body");
                break;
            }
            case 13: {
                passwordless_keyset* k = nullptr;
                passwordless_error* err = nullptr;
                if (seen(passwordless_keyset_parse(bytes(in, p, 2048), &k, &err), "keyset") == 0) {
                    p.keysets.push_back(k);
                    passwordless_str j{"s", 1};
                    if (passwordless_keyset_find(k, text(in, p), &j) == PASSWORDLESS_OK) check_view(j, true);
                } else {
                    FUZZ_CHECK(k == nullptr);
                }
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                break;
            }
            case 14: {
                passwordless_login* l = pick(in, p.logins);
                passwordless_str saved{"s", 1};
                if (seen(passwordless_login_save(l, &saved), "save") == 0) {
                    check_view(saved, true);
                    note(std::string(saved.ptr, saved.len));
                    // Sealed (no input consumed): the same text, its closing brace replaced by the seal.
                    const std::string plain(saved.ptr, saved.len);
                    static const char key[] = "fuzz_c_api seal key, 32 bytes..";
                    const passwordless_bytes k{reinterpret_cast<const std::uint8_t*>(key), sizeof key - 1};
                    passwordless_str sealed{};
                    FUZZ_CHECK(passwordless_login_save_sealed(l, k, &sealed, nullptr) == PASSWORDLESS_OK);
                    check_view(sealed, true);
                    FUZZ_CHECK(sealed.len == plain.size() - 1 + 75);
                    FUZZ_CHECK(std::string_view(sealed.ptr, plain.size() - 1) == std::string_view(plain).substr(0, plain.size() - 1));
                }
                break;
            }
            case 15: {  // a handle of the wrong type is refused by its tag
                if (!p.steps.empty()) {
                    auto* as_login = reinterpret_cast<passwordless_login*>(p.steps.back());
                    FUZZ_CHECK(passwordless_login_state(as_login) == PASSWORDLESS_E_BAD_HANDLE);
                    passwordless_login_free(as_login);  // ignored
                }
                if (!p.clients.empty()) {
                    auto* as_error = reinterpret_cast<const passwordless_error*>(p.clients.back());
                    FUZZ_CHECK(passwordless_error_kind(as_error) == PASSWORDLESS_E_BAD_HANDLE);
                }
                FUZZ_CHECK(passwordless_step_next(nullptr) == PASSWORDLESS_E_NULL_ARG);
                break;
            }
            case 16: {  // refresh through a client, answered by a pooled response
                passwordless_client* c = pick(in, p.clients);
                passwordless_request* req = nullptr;
                passwordless_error* err = nullptr;
                if (seen(passwordless_client_refresh_request(c, text(in, p), text(in, p), text(in, p), &req, &err), "refresh") == 0)
                    passwordless_request_free(req);
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                passwordless_tokens* t = nullptr;
                err = nullptr;
                if (seen(passwordless_client_token_response(c, pick(in, p.responses), now, &t, &err), "tokens") == 0) passwordless_tokens_free(t);
                else FUZZ_CHECK(t == nullptr);
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                break;
            }
            case 17: {  // a DPoP key (the good one or fuzzed text), maybe given to login options
                passwordless_dpop_key* k = reinterpret_cast<passwordless_dpop_key*>(0x1);
                ++hooks_registered;
                const auto ud = reinterpret_cast<void*>(static_cast<std::uintptr_t>(in.ConsumeIntegralInRange<int>(0, 3)));
                const passwordless_str jwk = in.ConsumeBool() ? passwordless_str{dpop_jwk, std::strlen(dpop_jwk)} : text(in, p);
                if (seen(passwordless_dpop_key_new(jwk, sign_by_byte, fill_random, ud, free_hook, &k), "dpop_key") == 0) {
                    passwordless_str v{};
                    FUZZ_CHECK(passwordless_dpop_key_thumbprint(k, &v) == PASSWORDLESS_OK && v.len == 43);
                    check_view(v, true);
                    FUZZ_CHECK(passwordless_dpop_key_public_jwk(k, &v) == PASSWORDLESS_OK);
                    check_view(v, true);
                    p.keys.push_back(k);
                } else {
                    FUZZ_CHECK(k == reinterpret_cast<passwordless_dpop_key*>(0x1));
                }
                if (in.ConsumeBool()) seen(passwordless_login_options_set_dpop_key(pick(in, p.lopts), pick(in, p.keys)), "set_dpop_key");
                break;
            }
            case 18: {  // a DPoP-bound API request, or a proof on a code request
                passwordless_dpop_key* k = pick(in, p.keys);
                passwordless_request* req = nullptr;
                passwordless_error* err = nullptr;
                std::int32_t st = 0;
                if (in.ConsumeBool()) {
                    const passwordless_str m = text(in, p), u = text(in, p), t = text(in, p), n = text(in, p);
                    st = seen(passwordless_dpop_resource_request(k, m, u, t, n, now, &req, &err), "resource_request");
                    if (st == 0) FUZZ_CHECK(passwordless_request_header_count(req) == 2);
                } else {
                    st = seen(passwordless_client_code_request(pick(in, p.clients), text(in, p), text(in, p), text(in, p), &req, &err), "code_request");
                    if (st == 0) {
                        passwordless_error_free(err);
                        err = nullptr;
                        const std::int32_t before = passwordless_request_header_count(req);
                        const std::int32_t added = seen(passwordless_request_add_dpop_proof(req, k, text(in, p), now, &err), "add_proof");
                        const std::int32_t after = passwordless_request_header_count(req);
                        FUZZ_CHECK(added == 0 ? after >= before && after <= before + 1 : after == before);
                    }
                }
                if (st == 0) {
                    passwordless_str hn{}, hv{};
                    for (std::int32_t i = 0; i < passwordless_request_header_count(req); ++i) {
                        FUZZ_CHECK(passwordless_request_header_at(req, static_cast<std::size_t>(i), &hn, &hv) == 0);
                        check_view(hn, true);
                        check_view(hv, true);
                    }
                    passwordless_request_free(req);
                } else {
                    FUZZ_CHECK(req == nullptr);
                }
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                break;
            }
            case 19: {  // WWW-Authenticate of a pooled response, and the resource error
                passwordless_response* r = pick(in, p.responses);
                passwordless_challenges* ch = nullptr;
                passwordless_error* err = nullptr;
                if (seen(passwordless_response_challenges(r, &ch, &err), "challenges") == 0) {
                    const std::int32_t n = passwordless_challenges_count(ch);
                    FUZZ_CHECK(n >= 0 && n <= 32);
                    passwordless_str a{}, v{};
                    for (std::int32_t i = 0; i < n; ++i) {
                        const auto ci = static_cast<std::size_t>(i);
                        FUZZ_CHECK(passwordless_challenges_scheme(ch, ci, &a) == 0);
                        check_view(a, true);
                        note(std::string(a.ptr, a.len));
                        const std::int32_t t68 = passwordless_challenges_token68(ch, ci, &v);
                        const std::int32_t np = passwordless_challenges_param_count(ch, ci);
                        FUZZ_CHECK(np >= 0 && (t68 == PASSWORDLESS_E_ABSENT || np == 0));
                        for (std::int32_t j = 0; j < np; ++j) {
                            FUZZ_CHECK(passwordless_challenges_param_at(ch, ci, static_cast<std::size_t>(j), &a, &v) == 0);
                            check_view(a, true);
                            check_view(v, true);
                            passwordless_str again{};
                            FUZZ_CHECK(passwordless_challenges_param(ch, ci, a, &again) == 0);
                        }
                        FUZZ_CHECK(passwordless_challenges_param_at(ch, ci, static_cast<std::size_t>(np), &a, &v) == PASSWORDLESS_E_INVALID_ARG);
                        passwordless_challenges_param(ch, ci, text(in, p), &v);
                    }
                    FUZZ_CHECK(passwordless_challenges_scheme(ch, static_cast<std::size_t>(n), &a) == PASSWORDLESS_E_INVALID_ARG);
                    passwordless_challenges_free(ch);
                } else {
                    FUZZ_CHECK(ch == nullptr);
                }
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                passwordless_error* e = nullptr;
                if (seen(passwordless_resource_error(r, now, &e), "resource_error") == 0) check_error(e);
                else FUZZ_CHECK(e == nullptr);
                passwordless_error_free(e);
                break;
            }
            case 20: {  // a refresh with DPoP: new, request, answer
                passwordless_error* err = nullptr;
                if (in.ConsumeBool()) {
                    passwordless_refresh* x = nullptr;
                    const passwordless_str rt = text(in, p), sc = text(in, p), aud = text(in, p);
                    const passwordless_str type = in.ConsumeBool() ? passwordless_str{"DPoP", 4} : text(in, p);
                    const passwordless_str nonce = text(in, p);
                    const std::int32_t st = passwordless_refresh_new(pick(in, p.clients), rt, sc, aud, type, pick(in, p.keys),
                                                                     in.ConsumeIntegralInRange<std::int32_t>(-1, 2), nonce, &x, &err);
                    if (seen(st, "refresh_new") == 0) p.refreshes.push_back(x);
                    else FUZZ_CHECK(x == nullptr);
                } else {
                    passwordless_refresh* x = pick(in, p.refreshes);
                    passwordless_request* req = nullptr;
                    if (seen(passwordless_refresh_request(x, now, &req, &err), "refresh_request") == 0) passwordless_request_free(req);
                    if (err != nullptr) check_error(err);
                    passwordless_error_free(err);
                    err = nullptr;
                    passwordless_tokens* t = reinterpret_cast<passwordless_tokens*>(0x1);
                    req = reinterpret_cast<passwordless_request*>(0x1);
                    if (seen(passwordless_refresh_on_response(x, pick(in, p.responses), now, &req, &t, &err), "refresh_answer") == 0) {
                        FUZZ_CHECK((req == nullptr) != (t == nullptr));
                        passwordless_request_free(req);
                        passwordless_tokens_free(t);
                    } else {
                        FUZZ_CHECK(req == reinterpret_cast<passwordless_request*>(0x1) && t == reinterpret_cast<passwordless_tokens*>(0x1));
                    }
                    passwordless_str v{};
                    if (passwordless_refresh_dpop_nonce(x, &v) == 0) check_view(v, true);
                }
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                break;
            }
            case 21: {  // a magic-link callback, its code's answer, key-set and thumbprint details
                passwordless_callback* cb = nullptr;
                passwordless_error* err = nullptr;
                if (seen(passwordless_callback_parse(text(in, p), text(in, p), &cb, &err), "callback") == 0) {
                    for (std::int32_t f = 399; f <= 407; ++f) {
                        passwordless_str v{};
                        if (passwordless_callback_str(cb, f, &v) == 0) check_view(v, true);
                        std::int64_t n = 0;
                        passwordless_callback_int(cb, f, &n);
                    }
                    passwordless_callback_free(cb);
                } else {
                    FUZZ_CHECK(cb == nullptr);
                }
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                err = nullptr;
                passwordless_tokens* t = nullptr;
                if (seen(passwordless_client_code_response(pick(in, p.clients), pick(in, p.responses), now, &t, &err), "code_tokens") == 0)
                    passwordless_tokens_free(t);
                else FUZZ_CHECK(t == nullptr);
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                passwordless_discovery* d = nullptr;
                err = nullptr;
                const std::int32_t dst = in.ConsumeBool()
                                             ? passwordless_discovery_parse(bytes(in, p, 1024), text(in, p), &d, &err)
                                             : passwordless_client_discovery_response(pick(in, p.clients), pick(in, p.responses), now, &d, &err);
                if (seen(dst, "discovery") == 0) {
                    for (std::int32_t f = 499; f <= 505; ++f) {
                        passwordless_str v{};
                        if (passwordless_discovery_str(d, f, &v) == 0) check_view(v, true);
                    }
                    passwordless_discovery_free(d);
                } else {
                    FUZZ_CHECK(d == nullptr);
                }
                if (err != nullptr) check_error(err);
                passwordless_error_free(err);
                if (!p.keysets.empty()) FUZZ_CHECK(passwordless_keyset_skipped(p.keysets.back()) >= 0);
                std::uint8_t tp[64];
                std::size_t tl = 0;
                if (seen(passwordless_jwk_thumbprint(text(in, p), tp, in.ConsumeIntegralInRange<std::size_t>(0, 64), &tl), "thumbprint") == 0)
                    FUZZ_CHECK(tl == 43);
                passwordless_str v{};
                if (passwordless_login_dpop_nonce(pick(in, p.logins), &v) == 0) check_view(v, true);
                break;
            }
            case 22: {  // an ID token outside the login: the fuzz bytes as the token, pooled client and options
                passwordless_str token;
                if (in.ConsumeBool()) {
                    token = text(in, p);
                } else {
                    p.texts.push_back(in.ConsumeRandomLengthString(4096));
                    token = passwordless_str{p.texts.back().data(), p.texts.back().size()};
                }
                passwordless_claims* claims = reinterpret_cast<passwordless_claims*>(&p);  // a sentinel
                passwordless_error* err = nullptr;
                const std::int32_t st = seen(passwordless_verify_id_token(pick(in, p.clients), pick(in, p.lopts), token, now,
                                                                          &claims, in.ConsumeBool() ? &err : nullptr),
                                             "verify_id_token");
                if (st == 0) {
                    FUZZ_CHECK(err == nullptr && claims != reinterpret_cast<passwordless_claims*>(&p));
                    passwordless_str v{};
                    FUZZ_CHECK(passwordless_claims_json(claims, &v) == PASSWORDLESS_OK);
                    check_view(v, true);
                    if (passwordless_claims_str(claims, passwordless_str{"sub", 3}, &v) == PASSWORDLESS_OK) check_view(v, true);
                    passwordless_claims_free(claims);
                } else {
                    FUZZ_CHECK(claims == reinterpret_cast<passwordless_claims*>(&p));
                    if (err != nullptr) {
                        check_error(err);
                        if (st > 0) FUZZ_CHECK(passwordless_error_kind(err) == st);
                        passwordless_str d{};
                        if (token.ptr != nullptr && token.len >= 24 && token.len <= PASSWORDLESS_MAX_INPUT &&
                            passwordless_error_field(err, PASSWORDLESS_ERRF_DESCRIPTION, &d) == PASSWORDLESS_OK)
                            FUZZ_CHECK(std::string_view(d.ptr, d.len).find(std::string_view(token.ptr, token.len)) ==
                                       std::string_view::npos);  // never the token in a message
                    }
                }
                passwordless_error_free(err);
                passwordless_claims_free(nullptr);
                break;
            }
            case 23: session_call(in, p, now); break;
            default: {  // free something early (later calls then see fewer handles)
                auto drop = [&](auto& pool, auto free_fn) {
                    if (pool.empty()) return;
                    const std::size_t i = in.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1);
                    free_fn(pool[i]);
                    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
                };
                switch (in.ConsumeIntegralInRange<int>(0, 3)) {
                    case 0: drop(p.steps, passwordless_step_free); break;
                    case 1: drop(p.logins, passwordless_login_free); break;
                    case 2: drop(p.lopts, passwordless_login_options_free); break;
                    default: drop(p.responses, passwordless_response_free); break;
                }
                FUZZ_CHECK(hooks_run <= hooks_registered);
                break;
            }
        }
    }
    for (auto* h : p.refreshes) passwordless_refresh_free(h);
    for (auto* h : p.keys) passwordless_dpop_key_free(h);
    for (auto* h : p.steps) passwordless_step_free(h);
    for (auto* h : p.logins) passwordless_login_free(h);
    for (auto* h : p.lopts) passwordless_login_options_free(h);
    for (auto* h : p.params) passwordless_start_params_free(h);
    for (auto* h : p.responses) passwordless_response_free(h);
    for (auto* h : p.keysets) passwordless_keyset_free(h);
    for (auto* h : p.clients) passwordless_client_free(h);
    for (auto* h : p.copts) passwordless_client_options_free(h);
    FUZZ_CHECK(hooks_run == hooks_registered);
    return 0;
}
