// passwordless: DPoP proofs (RFC 9449) without cryptography in the core. The caller holds an
// ES256 (P-256) key pair wherever it likes (Secure Enclave, Android KeyStore, TPM, OpenSSL) and
// passes its public coordinates and a signer; the library builds the proof around it.
//
// With DPoP, Auth0 binds the tokens to a key pair the app holds: a stolen refresh token is useless
// without the private key. The signer is a callable that gets the signing input and returns the
// raw 64-byte `r||s`, so the private key never leaves its store; proof ids (`jti`) come from your
// random source. With `flow_config::dpop` set, every /oauth/token request of the login carries a
// fresh proof (never /passwordless/start), the newest DPoP-Nonce of any answer is kept, and the
// `use_dpop_nonce` challenge Auth0 gives public clients is answered once by the flow itself; a
// second one reaches you as dpop_nonce_required. `require_binding` refuses a `Bearer` answer.
//
//     auto key = passwordless::openssl_dpop_key::generate();  // addons/openssl_dpop_signer.hpp, or your key store; once per install
//     passwordless::flow_config config;
//     config.dpop = passwordless::flow_dpop{key->key(), [] { return random_bytes(16); }, /*require_binding=*/true};
//     // ... drive login_flow as usual: tokens->token_type is "DPoP" ...
//     auto refresh = passwordless::refresh_exchange::create(client, {tokens->refresh_token.value(), {}, {}}, tokens->token_type,
//                                                           passwordless::refresh_dpop{key->key(), [] { return random_bytes(16); }},
//                                                           flow->dpop_nonce());
//     // API calls: Authorization: DPoP <token> and a proof with ath, answered 401 with a nonce at most once.
//     auto headers = passwordless::dpop_resource_headers(key->key(), {"GET", api_url, tokens->access_token, now, random_bytes(16), api_nonce});
//     if (response.status == 401) { auto e = passwordless::classify_resource_error(response, now); /* dpop_nonce_required: retry with e.dpop_nonce */ }
//
// What is stored where. The private key: in your key store, never in the library, never in a
// message (the OpenSSL add-on's to_pem() exists for a file you protect; passwordless-cli writes it
// mode 0600). The public key and its RFC 7638 thumbprint (dpop_public_key::thumbprint(),
// jwk_thumbprint() for any RSA, EC or OKP key): wherever you like; the access token's `cnf.jkt` is
// that thumbprint. Check the thumbprint of the key you load against the one you saved with the
// tokens to find a mismatch before a request does. The nonce: dpop_nonce.hpp. A lost key:
// dpop_refresh.hpp.
//
// The pieces: build_dpop_proof (header `typ`/`alg`/`jwk`, claims `jti`/`htm`/`htu`/`iat`/`nonce`/
// `ath`; `htu` normalised by dpop_htu: no query or fragment, lower-case scheme and host, no default
// port, path as sent); add_dpop_proof for a request the library built; dpop_resource_headers for
// API calls; parse_www_authenticate and find_dpop_challenge (www_authenticate.hpp: several
// challenges, quoted commas, escaped quotes); read_dpop_nonce and dpop_nonce_store. Everything
// unusable is invalid_argument before anything is signed: a key with private members, a signature
// that is not 64 bytes, a `jti` under 12 bytes, a URL that is not `https` (or loopback `http`). The
// kinds invalid_dpop_proof (fix_config) and dpop_nonce_required (retry, with error::dpop_nonce)
// are in the classifier's table. passwordless-cli `login --dpop` (a key for the run) or
// `--dpop-key FILE` and `refresh --dpop-key FILE` use all of it against a real tenant or the
// development tenant, which checks proofs (signature, `htm`, `htu`, `iat` within 300 s, `jti`
// replay, its nonce for public clients), issues `token_type: DPoP` and binds refresh tokens to the
// key. tests/interop/README.md runs it against oidc-provider with DPoP on; tests/bench/README.md
// gives its cost.
#ifndef PASSWORDLESS_DPOP_HPP
#define PASSWORDLESS_DPOP_HPP

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "passwordless/client.hpp"
#include "passwordless/limits.hpp"
#include "passwordless/detail/base64.hpp"
#include "passwordless/detail/json_reader.hpp"
#include "passwordless/detail/json_writer.hpp"
#include "passwordless/detail/sha256.hpp"
#include "passwordless/detail/text.hpp"
#include "passwordless/detail/validate.hpp"
#include "passwordless/dpop_nonce.hpp"
#include "passwordless/error.hpp"
#include "passwordless/http.hpp"
#include "passwordless/jwk_thumbprint.hpp"
#include "passwordless/result.hpp"
#include "passwordless/time.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// The public half of an ES256 (P-256) key: the coordinates x and y as base64url of their 32
/// big-endian bytes each (the JWK's "x" and "y"). Build it with from_jwk or from_coordinates.
struct dpop_public_key {
    std::string x;
    std::string y;

    /// Reads a public JWK {"kty":"EC","crv":"P-256","x":...,"y":...}. Refused (invalid_argument,
    /// field "key"): another kty, crv or alg than ES256, coordinates that are not 32 bytes of
    /// strict base64url, and any private member (d, or RSA/oct ones): a proof's jwk must never
    /// carry them, so a key that has them is refused rather than trimmed.
    [[nodiscard]] static result<dpop_public_key> from_jwk(std::string_view jwk_json, const checked_limits& limits = {});

    /// From the raw 32-byte big-endian coordinates (as a platform key store exports them).
    [[nodiscard]] static result<dpop_public_key> from_coordinates(std::string_view x_bytes, std::string_view y_bytes);

    /// Empty when x and y are each strict base64url of 32 bytes; else the invalid_argument error.
    [[nodiscard]] std::optional<error> validate() const;

    /// The public JWK with the required members in RFC 7638 order:
    /// {"crv":"P-256","kty":"EC","x":"...","y":"..."}.
    [[nodiscard]] std::string jwk_json() const;

    /// The key's RFC 7638 thumbprint (what a DPoP-bound token's cnf.jkt holds).
    [[nodiscard]] std::string thumbprint() const;
};

/// Signs a proof: given the JWS signing input (ASCII header.payload), returns the ES256
/// signature as raw r||s, exactly 64 bytes (not DER). Anything else (e.g. an empty string when
/// the key store failed) makes the proof fail with invalid_argument, field "signature".
using dpop_signer = std::function<std::string(std::string_view signing_input)>;

/// The caller's random source for proof ids: returns fresh random bytes (12 to 64, e.g. 16 from
/// a CSPRNG) on every call. The library calls it once per proof and never keeps the bytes.
using dpop_jti_source = std::function<std::string()>;

/// A DPoP key as the library sees it: the public key and a way to sign with the private one.
struct dpop_key {
    dpop_public_key public_key;
    dpop_signer signer;
};

/// Everything one proof depends on besides the key.
struct dpop_proof_params {
    std::string_view method;        ///< the request's method, upper case ("POST")
    std::string_view url;           ///< the request's absolute URL (query and fragment are dropped)
    unix_seconds now = 0;           ///< iat
    std::string_view jti;           ///< at least 12 fresh random bytes; a new value for every proof
    std::string_view nonce;         ///< the server's latest DPoP-Nonce; empty: none
    std::string_view access_token;  ///< resource requests only (gives ath); empty on /oauth/token
};

/// The shortest and longest jti byte strings accepted (RFC 9449 §4.2: at least 96 random bits).
inline constexpr std::size_t min_dpop_jti_bytes = 12;
inline constexpr std::size_t max_dpop_jti_bytes = 64;

/// The htu claim for `url` (RFC 9449 §4.2, RFC 3986 §6.2.2-6.2.3): query and fragment dropped,
/// scheme and host lower case, the default port dropped, an empty path made "/", the path
/// otherwise exactly as given. The URL must be absolute https, or http to a loopback host
/// (127.x.x.x, localhost, [::1]), without user info, controls, spaces or non-ASCII bytes;
/// anything else is invalid_argument with field "url".
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> dpop_htu(std::string_view url);

/// Builds a DPoP proof (the value of the DPoP header) exactly as RFC 9449 §4.2 and Auth0 want:
/// header {"typ":"dpop+jwt","alg":"ES256","jwk":{public key}}, claims jti (base64url of the
/// given bytes), htm, htu (dpop_htu), iat, then nonce and ath (base64url SHA-256 of the access
/// token) when given. Refused with invalid_argument: a key that fails validate() (field "key"), no
/// signer ("signer"), a method that is not an upper-case token ("method"), a URL dpop_htu
/// refuses ("url"), `now` outside 0 to 9999-12-31 ("now"), a jti under 12 or over 64 bytes
/// ("jti"), a nonce that is not a valid DPoP nonce ("nonce"), an access token that is not
/// printable ASCII up to 64 KiB ("access_token"), a signature that is not 64 bytes ("signature").
[[nodiscard]] PASSWORDLESS_FUNC result<std::string> build_dpop_proof(const dpop_key& key, const dpop_proof_params& p);

/// A resource (API) request with a DPoP-bound access token.
struct dpop_resource_params {
    std::string_view method;        ///< e.g. "GET"
    std::string_view url;           ///< the API URL, as it will be sent
    std::string_view access_token;  ///< a DPoP-bound access token (token_type DPoP)
    unix_seconds now = 0;
    std::string_view jti;           ///< fresh random bytes, as for build_dpop_proof
    std::string_view nonce;         ///< the resource server's latest DPoP-Nonce; empty: none
};

/// The two headers a DPoP-bound API call carries, in order: authorization "DPoP <token>" and
/// dpop with a proof whose ath is the token's hash. Errors as build_dpop_proof (an empty access
/// token is invalid_argument, field "access_token").
[[nodiscard]] PASSWORDLESS_FUNC result<std::vector<header>> dpop_resource_headers(const dpop_key& key, const dpop_resource_params& p);

/// Adds a DPoP header with a fresh proof for `r` (its method and URL) to a request the library
/// built, e.g. a token request. Any DPoP header already there is replaced.
[[nodiscard]] PASSWORDLESS_FUNC std::optional<error> add_dpop_proof(request& r, const dpop_key& key, unix_seconds now,
                                                  std::string_view jti, std::string_view nonce);

/// True when a token response's token_type says the tokens are DPoP-bound (ignoring case).
[[nodiscard]] PASSWORDLESS_FUNC bool is_dpop_token_type(std::string_view token_type) noexcept;

PASSWORDLESS_NAMESPACE_END

// ---- Definitions: compiled in every unit (header-only mode) or only in the one unit that
// ---- defines PASSWORDLESS_IMPLEMENTATION (version.hpp, "One-translation-unit mode").
#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC result<dpop_public_key> dpop_public_key::from_jwk(std::string_view jwk_json, const checked_limits& limits) {
    auto bad = [](std::string_view problem) { return error::invalid_argument("key", problem); };
    detail::json_read_result doc = detail::read_json(jwk_json, limits.max_input_bytes(), limits.max_json_depth());
    if (doc.status != detail::json_read_status::ok || !doc.value.is_object())
        return bad("is not a JSON object within the size and depth limits");
    for (const char* secret : {"d", "p", "q", "dp", "dq", "qi", "oth", "k"})
        if (doc.value.contains(secret)) return bad("has private key members; pass the public key only");
    const std::string* kty = detail::find_string(doc.value, "kty");
    const std::string* crv = detail::find_string(doc.value, "crv");
    if (kty == nullptr || *kty != "EC" || crv == nullptr || *crv != "P-256")
        return bad("must be an EC key on curve P-256 (DPoP uses ES256)");
    if (doc.value.contains("alg")) {
        const std::string* alg = detail::find_string(doc.value, "alg");
        if (alg == nullptr || *alg != "ES256") return bad("has an alg other than ES256");
    }
    const std::string* x = detail::find_string(doc.value, "x");
    const std::string* y = detail::find_string(doc.value, "y");
    if (x == nullptr || y == nullptr) return bad("needs string members x and y");
    dpop_public_key k{*x, *y};
    if (auto e = k.validate()) return std::move(*e);
    return k;
}

PASSWORDLESS_FUNC result<dpop_public_key> dpop_public_key::from_coordinates(std::string_view x_bytes, std::string_view y_bytes) {
    if (x_bytes.size() != 32 || y_bytes.size() != 32)
        return error::invalid_argument("key", "coordinates must be 32 bytes each (P-256)");
    return dpop_public_key{detail::base64_encode(x_bytes, detail::base64_alphabet::url, false),
                           detail::base64_encode(y_bytes, detail::base64_alphabet::url, false)};
}

PASSWORDLESS_FUNC std::optional<error> dpop_public_key::validate() const {
    // 32 bytes are 43 base64url characters whose last one carries 4 bits and 2 zero bits.
    for (const std::string* c : {&x, &y}) {
        bool ok = c->size() == 43;
        for (std::size_t i = 0; ok && i < c->size(); ++i) {
            const int v = detail::base64_value((*c)[i], detail::base64_alphabet::url);
            ok = v >= 0 && (i != 42 || (v & 3) == 0);
        }
        if (!ok) return error::invalid_argument("key", "coordinates x and y must be base64url of 32 bytes each (P-256)");
    }
    return std::nullopt;
}

PASSWORDLESS_FUNC std::string dpop_public_key::jwk_json() const {
    std::string out = R"({"crv":"P-256","kty":"EC","x":)";
    detail::append_json_string(out, x);
    out.append(R"(,"y":)");
    detail::append_json_string(out, y);
    out.push_back('}');
    return out;
}

PASSWORDLESS_FUNC std::string dpop_public_key::thumbprint() const { return detail::sha256_base64url(jwk_json()); }

PASSWORDLESS_FUNC result<std::string> dpop_htu(std::string_view url) {
    auto bad = [](std::string_view problem) { return error::invalid_argument("url", problem); };
    if (url.size() > 8 * 1024) return bad("is longer than 8 KiB");
    if (!detail::is_visible_ascii(url, false)) return bad("must be printable ASCII without spaces");
    const std::size_t colon = url.find("://");
    if (colon == std::string_view::npos) return bad("must be an absolute https URL");
    const std::string_view scheme_in = url.substr(0, colon);
    auto scheme_is = [&](std::string_view want) {
        if (scheme_in.size() != want.size()) return false;
        for (std::size_t i = 0; i < want.size(); ++i)
            if (detail::ascii_lower(scheme_in[i]) != want[i]) return false;
        return true;
    };
    const bool https = scheme_is("https");
    if (!https && !scheme_is("http")) return bad("must use https (or http for a loopback host)");
    const std::string_view rest = url.substr(colon + 3);
    std::size_t end = 0;
    while (end < rest.size() && rest[end] != '?' && rest[end] != '#') ++end;
    const std::string_view before_query = rest.substr(0, end);
    const std::size_t slash = before_query.find('/');
    const std::string_view authority = before_query.substr(0, slash);
    const std::string_view path = slash == std::string_view::npos ? std::string_view("/") : before_query.substr(slash);
    if (authority.find('@') != std::string_view::npos) return bad("must not contain user info");
    // The port: digits after the last ':' that is not inside an IPv6 literal.
    std::string_view host = authority;
    std::string_view port;
    const std::size_t bracket = authority.rfind(']');
    const std::size_t port_colon = authority.rfind(':');
    if (port_colon != std::string_view::npos && (bracket == std::string_view::npos || port_colon > bracket)) {
        host = authority.substr(0, port_colon);
        port = authority.substr(port_colon + 1);
    }
    std::string out;
    out.reserve(8 + host.size() + 6 + path.size());
    out.append(https ? "https://" : "http://");
    for (char c : host) out.push_back(detail::ascii_lower(c));
    const std::string_view lower_host = std::string_view(out).substr(https ? 8 : 7);
    const bool literal6 = lower_host.size() > 2 && lower_host.front() == '[' && lower_host.back() == ']';
    if (literal6 ? !detail::parse_ipv6(lower_host.substr(1, lower_host.size() - 2)) : !detail::is_dns_host(lower_host))
        return bad("must name a valid host");
    if (!https && !detail::is_loopback_host(lower_host))
        return bad("may use http only for a loopback host (127.x.x.x, localhost, [::1])");
    if (!port.empty()) {
        if (!detail::is_port(port)) return bad("has a port outside 1-65535");
        long value = 0;
        for (char c : port) value = value * 10 + (c - '0');
        if (value != (https ? 443 : 80)) out.append(":").append(std::to_string(value));
    }
    out.append(path);
    return out;
}

PASSWORDLESS_FUNC result<std::string> build_dpop_proof(const dpop_key& key, const dpop_proof_params& p) {
    if (auto e = key.public_key.validate()) return std::move(*e);
    if (!key.signer) return error::invalid_argument("signer", "must be set");
    if (p.method.empty() || p.method.size() > 32) return error::invalid_argument("method", "must be 1 to 32 characters");
    for (char c : p.method)
        if (!(c >= 'A' && c <= 'Z') && c != '-' && c != '_')
            return error::invalid_argument("method", "must be an upper-case HTTP method such as POST");
    result<std::string> htu = dpop_htu(p.url);
    if (!htu.ok()) return std::move(htu).failure();
    if (auto e = detail::check_now(p.now)) return std::move(*e);
    if (p.jti.size() < min_dpop_jti_bytes || p.jti.size() > max_dpop_jti_bytes)
        return error::invalid_argument("jti", "must be 12 to 64 random bytes");
    if (!p.nonce.empty() && !is_valid_dpop_nonce(p.nonce))
        return error::invalid_argument("nonce", "is not a valid DPoP nonce");
    if (!p.access_token.empty())
        if (auto e = detail::check_header_text("access_token", p.access_token, 64 * 1024, false)) return std::move(*e);

    // The header and the payload are written into one buffer, then base64url-encoded into the JWS.
    std::string json;
    json.reserve(256 + htu.value().size() + p.nonce.size());
    json.append(R"({"typ":"dpop+jwt","alg":"ES256","jwk":{"kty":"EC","crv":"P-256","x":")");
    json.append(key.public_key.x).append(R"(","y":")").append(key.public_key.y).append("\"}}");  // validated: no escapes
    const std::size_t header_size = json.size();
    json.append(R"({"jti":")");
    detail::append_base64(json, p.jti, detail::base64_alphabet::url, false);
    json.append(R"(","htm":")").append(p.method);  // upper-case letters, '-' and '_' only
    json.append(R"(","htu":)");
    bool plain = true;
    for (char c : htu.value()) plain = plain && c != '"' && c != '\\';
    if (plain)
        json.append("\"").append(htu.value()).append("\"");  // printable ASCII: nothing to escape
    else
        detail::append_json_string(json, htu.value());
    json.append(R"(,"iat":)").append(std::to_string(p.now));
    if (!p.nonce.empty()) json.append(R"(,"nonce":")").append(p.nonce).append("\"");  // NQCHAR: no escapes needed
    if (!p.access_token.empty()) {
        json.append(R"(,"ath":")");
        detail::append_base64(json, detail::sha256(p.access_token), detail::base64_alphabet::url, false);
        json.push_back('"');
    }
    json.push_back('}');

    std::string jws;
    jws.reserve((json.size() + 64) / 3 * 4 + 8);
    detail::append_base64(jws, std::string_view(json).substr(0, header_size), detail::base64_alphabet::url, false);
    jws.push_back('.');
    detail::append_base64(jws, std::string_view(json).substr(header_size), detail::base64_alphabet::url, false);
    const std::string signature = key.signer(jws);
    if (signature.size() != 64)
        return error::invalid_argument("signature", "the signer must return the raw 64-byte r||s of an ES256 signature");
    jws.push_back('.');
    detail::append_base64(jws, signature, detail::base64_alphabet::url, false);
    return jws;
}

PASSWORDLESS_FUNC result<std::vector<header>> dpop_resource_headers(const dpop_key& key, const dpop_resource_params& p) {
    if (p.access_token.empty()) return error::invalid_argument("access_token", "must not be empty");
    result<std::string> proof = build_dpop_proof(key, {p.method, p.url, p.now, p.jti, p.nonce, p.access_token});
    if (!proof.ok()) return std::move(proof).failure();
    std::vector<header> out;
    out.push_back({"authorization", "DPoP " + std::string(p.access_token)});
    out.push_back({"dpop", std::move(proof).value()});
    return out;
}

PASSWORDLESS_FUNC std::optional<error> add_dpop_proof(request& r, const dpop_key& key, unix_seconds now,
                                                  std::string_view jti, std::string_view nonce) {
    result<std::string> proof = build_dpop_proof(key, {r.method, r.url, now, jti, nonce, {}});
    if (!proof.ok()) return std::move(proof).failure();
    for (auto it = r.headers.begin(); it != r.headers.end();) {
        if (header_name_equals(it->name, "dpop"))
            it = r.headers.erase(it);
        else
            ++it;
    }
    r.headers.push_back({"dpop", std::move(proof).value()});
    return std::nullopt;
}

PASSWORDLESS_FUNC bool is_dpop_token_type(std::string_view token_type) noexcept {
    return token_type.size() == 4 && detail::ascii_lower(token_type[0]) == 'd' && detail::ascii_lower(token_type[1]) == 'p' &&
           detail::ascii_lower(token_type[2]) == 'o' && detail::ascii_lower(token_type[3]) == 'p';
}

PASSWORDLESS_NAMESPACE_END

#endif  // PASSWORDLESS_DEFINE_FUNCTIONS

#endif
