// Fuzz target: ID token decode and verification (decode_jwt, verify_id_token with a stub
// verifier and with dangerous_skip_signature_check) and strict base64url.
//
// Input, line by line:
//     <options>\n          words: raw, badsig, nokid, nonce, maxage, org, orgname, hs256,
//                          trusted, leeway0, now=<seconds>
//     <header JSON>\n      (not with raw)
//     <payload JSON>       (with raw: the rest is the token text itself)
// Without "raw" the target encodes header and payload as base64url and signs them for the stub
// verifier (a keyed FNV-1a tag; "badsig" spoils it), so mutations reach the claim checks.
//
// Properties checked (abort on violation):
//  1. A verified token satisfies RELIABILITY.md section 3.4, re-checked here from the decoded
//     header and payload: alg a string in the allow-list and never none, none of crit, jku, jwk,
//     x5u, x5c, x5t, cty, b64, enc, zip; typ JWT when present; kid a short printable string;
//     the verifier called exactly once with that alg and kid, the token's own "header.payload"
//     text and the decoded signature, and it said yes; iss exact; sub 1-255 bytes; aud holds
//     client_id and only trusted audiences; azp equal to client_id (required with several
//     audiences); now < exp + leeway; iat and nbf <= now + leeway; nonce, auth_time and org as
//     expected. The returned claims equal the decoded payload.
//  2. The verifier is never called for a token whose structure or header is refused.
//  3. Skipping the signature check never refuses a token the verifier accepts, and never
//     accepts less: it fails for the same reason, unless the signature check came first.
//  4. Every failure is invalid_id_token with a known reason, a well-formed error, and a message
//     that quotes no token segment.
//  5. base64url is canonical: every segment that decodes re-encodes to itself, and decoding
//     any encoding gives back the bytes.
#include <cmath>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

using stub_jws::b64url;

struct verifier_log {
    int calls = 0;
    bool said_yes = false;
    std::string alg;
    std::string kid;
    std::string signing_input;
    std::string signature;
};

bool has_word(std::string_view line, std::string_view word) {
    std::size_t pos = 0;
    while ((pos = line.find(word, pos)) != std::string_view::npos) {
        const bool start = pos == 0 || line[pos - 1] == ' ';
        const std::size_t end = pos + word.size();
        if (start && (end == line.size() || line[end] == ' ' || line[end] == '=')) return true;
        pos = end;
    }
    return false;
}

std::optional<double> date_claim(const json& c, const char* name) {
    auto it = c.find(name);
    if (it == c.end() || !it->is_number()) return std::nullopt;
    const double v = it->get<double>();
    if (!std::isfinite(v) || v < 0 || v > static_cast<double>(pl::max_unix_seconds)) return std::nullopt;
    return v;
}

void check_verified(const pl::id_token_claims& claims, std::string_view token, const pl::id_token_expectations& x,
                    pl::unix_seconds now, const verifier_log& log) {
    auto decoded = pl::decode_jwt(token);
    FUZZ_CHECK(decoded.ok());
    const json& h = decoded->header;
    const json& c = decoded->payload;

    // Header.
    const std::string* alg = find_string(h, "alg");
    FUZZ_CHECK(alg != nullptr);
    FUZZ_CHECK(pl::detail::ascii_lowercase(*alg) != "none");
    bool allowed = false;
    for (const auto& a : x.algorithms) allowed = allowed || a == *alg;
    FUZZ_CHECK(allowed);
    for (const char* refused : {"crit", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "cty", "b64", "enc", "zip"})
        FUZZ_CHECK(h.find(refused) == h.end());
    if (h.find("typ") != h.end()) {
        const std::string* typ = find_string(h, "typ");
        FUZZ_CHECK(typ != nullptr && pl::detail::ascii_lowercase(*typ) == "jwt");
    }
    std::string kid;
    if (h.find("kid") != h.end()) {
        const std::string* k = find_string(h, "kid");
        FUZZ_CHECK(k != nullptr && !k->empty() && k->size() <= 256 && !has_control(*k));
        kid = *k;
    }

    // The verifier saw exactly this token.
    FUZZ_CHECK(log.calls == 1 && log.said_yes);
    FUZZ_CHECK(log.alg == *alg);
    FUZZ_CHECK(log.kid == kid);
    FUZZ_CHECK(log.signing_input == token.substr(0, token.rfind('.')));
    FUZZ_CHECK(log.signing_input == decoded->signing_input);
    FUZZ_CHECK(log.signature == decoded->signature);

    // Claims.
    const double t = static_cast<double>(now);
    const double leeway = static_cast<double>(x.leeway);
    const std::string* iss = find_string(c, "iss");
    FUZZ_CHECK(iss && *iss == x.issuer);
    const std::string* sub = find_string(c, "sub");
    FUZZ_CHECK(sub && !sub->empty() && sub->size() <= 255);
    auto aud = c.find("aud");
    FUZZ_CHECK(aud != c.end());
    std::vector<std::string> audiences;
    if (aud->is_string()) {
        audiences.push_back(aud->get<std::string>());
    } else {
        FUZZ_CHECK(aud->is_array() && !aud->empty());
        for (const auto& a : *aud) {
            FUZZ_CHECK(a.is_string());
            audiences.push_back(a.get<std::string>());
        }
    }
    bool has_client = false;
    for (const auto& a : audiences) {
        if (a == x.client_id) {
            has_client = true;
            continue;
        }
        bool trusted = false;
        for (const auto& tr : x.trusted_audiences) trusted = trusted || tr == a;
        FUZZ_CHECK(trusted);
    }
    FUZZ_CHECK(has_client);
    if (c.find("azp") != c.end()) {
        const std::string* azp = find_string(c, "azp");
        FUZZ_CHECK(azp && *azp == x.client_id);
    } else {
        FUZZ_CHECK(audiences.size() == 1);
    }
    auto exp = date_claim(c, "exp");
    FUZZ_CHECK(exp && t < *exp + leeway);
    auto iat = date_claim(c, "iat");
    FUZZ_CHECK(iat && *iat <= t + leeway);
    if (c.find("nbf") != c.end()) {
        auto nbf = date_claim(c, "nbf");
        FUZZ_CHECK(nbf && *nbf <= t + leeway);
    }
    if (x.nonce) {
        const std::string* n = find_string(c, "nonce");
        FUZZ_CHECK(n && *n == *x.nonce);
    } else {
        FUZZ_CHECK(c.find("nonce") == c.end());
    }
    if (x.max_age) {
        auto at = date_claim(c, "auth_time");
        FUZZ_CHECK(at && t <= *at + static_cast<double>(*x.max_age) + leeway);
    }
    if (x.organization) {
        if (x.organization->compare(0, 4, "org_") == 0) {
            const std::string* id = find_string(c, "org_id");
            FUZZ_CHECK(id && *id == *x.organization);
        } else {
            const std::string* name = find_string(c, "org_name");
            FUZZ_CHECK(name && *name == pl::detail::ascii_lowercase(*x.organization));
        }
    }
    FUZZ_CHECK(claims.json() == c);
    FUZZ_CHECK(claims.iss() == *iss);
    FUZZ_CHECK(claims.sub() == *sub);
}

const char* const reasons[] = {"malformed", "alg", "header", "signature", "iss", "sub", "aud", "azp",
                               "exp", "iat", "nbf", "nonce", "auth_time", "org"};

void check_failure(const pl::error& e, std::string_view token) {
    check_error_shape(e);
    FUZZ_CHECK(e.kind == pl::error_kind::invalid_id_token);
    bool known = false;
    for (const char* r : reasons) known = known || e.reason == r;
    FUZZ_CHECK(known);
    // No segment of the token is quoted. (Only segments that look like one: 16 or more base64url
    // characters, which no message of the library contains by itself.)
    std::string_view rest = token;
    while (!rest.empty()) {
        const std::size_t dot = rest.find('.');
        const std::string_view segment = rest.substr(0, dot);
        bool looks_like_segment = segment.size() >= 16;
        for (char c : segment) looks_like_segment = looks_like_segment && pl::detail::base64_value(c, pl::detail::base64_alphabet::url) >= 0;
        if (looks_like_segment) FUZZ_CHECK(e.description.find(segment) == std::string::npos);
        rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
}

void check_base64(std::string_view token, std::string_view raw_bytes) {
    std::string_view rest = token;
    while (!rest.empty()) {
        const std::size_t dot = rest.find('.');
        const std::string_view segment = rest.substr(0, dot);
        if (auto bytes = pl::detail::base64url_decode_strict(segment)) FUZZ_CHECK(b64url(*bytes) == segment);
        rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
    }
    const std::string encoded = b64url(raw_bytes);
    auto back = pl::detail::base64url_decode_strict(encoded);
    FUZZ_CHECK(back && *back == raw_bytes);
    const std::string padded = pl::detail::base64_encode(raw_bytes, pl::detail::base64_alphabet::url, true);
    if (padded != encoded) FUZZ_CHECK(!pl::detail::base64url_decode_strict(padded));  // '=' is refused
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    std::string_view in = as_text(data, size);
    const std::string_view options = take_line(in);

    pl::id_token_expectations x;
    x.issuer = "https://example.auth0.com/";
    x.client_id = "abc123";
    pl::unix_seconds now = 1700000000;
    if (has_word(options, "nonce")) x.nonce = "n-0S6_WzA2Mj";
    if (has_word(options, "maxage")) x.max_age = 3600;
    if (has_word(options, "org")) x.organization = "org_abc";
    if (has_word(options, "orgname")) x.organization = "Acme";
    if (has_word(options, "hs256")) x.algorithms = {"RS256", "HS256"};
    if (has_word(options, "trusted")) x.trusted_audiences = {"https://api.example.com/"};
    if (has_word(options, "leeway0")) x.leeway = 0;
    if (const std::size_t p = options.find("now="); p != std::string_view::npos)
        now = parse_int(options.substr(p + 4, options.find(' ', p) == std::string_view::npos ? std::string_view::npos
                                                                                            : options.find(' ', p) - p - 4),
                        now);

    std::string token;
    std::string raw_bytes;
    if (has_word(options, "raw")) {
        token = std::string(in);
        raw_bytes = token;
    } else {
        const std::string_view header = take_line(in);
        const std::string_view payload = in;
        std::string input = b64url(header) + "." + b64url(payload);
        std::string tag = stub_jws::signature(input);
        if (has_word(options, "badsig")) tag.push_back('x');
        token = input + "." + b64url(tag);
        raw_bytes = std::string(header) + std::string(payload);
    }
    const bool kid_needed = !has_word(options, "nokid");

    verifier_log log;
    const pl::signature_verifier verifier = [&](const pl::signature_input& s) {
        ++log.calls;
        log.alg = std::string(s.algorithm);
        log.kid = std::string(s.key_id);
        log.signing_input = std::string(s.signing_input);
        log.signature = std::string(s.signature);
        log.said_yes = (!kid_needed || s.key_id == "k1") && s.signature == stub_jws::signature(s.signing_input);
        return log.said_yes;
    };

    auto verified = pl::verify_id_token(token, x, verifier, now);
    auto skipped = pl::verify_id_token(token, x, pl::dangerous_skip_signature_check, now);
    auto decoded = pl::decode_jwt(token);
    const auto claims_text = [](const pl::id_token_claims& c) { return c.payload_json(); };
    note_result(verified, claims_text);
    note_result(skipped, claims_text);
    note_result(decoded, [](const pl::decoded_jwt& d) {
        return d.header.dump(-1, ' ', false, json::error_handler_t::replace) + " " +
               d.payload.dump(-1, ' ', false, json::error_handler_t::replace) + " " + std::to_string(fnv1a(d.signature));
    });
    const bool now_ok = pl::is_valid_time(now);

    FUZZ_CHECK(log.calls <= 1);
    if (verified.ok()) {
        FUZZ_CHECK(now_ok);
        check_verified(verified.value(), token, x, now, log);  // 1
        FUZZ_CHECK(skipped.ok());                               // 3
        FUZZ_CHECK(skipped->json() == verified->json());
    } else if (!now_ok) {
        FUZZ_CHECK(verified.failure().kind == pl::error_kind::invalid_argument && verified.failure().field == "now");
        FUZZ_CHECK(log.calls == 0);
    } else {
        const pl::error& e = verified.failure();
        check_failure(e, token);  // 4
        // 2: refused before the verifier ran.
        if (e.reason == "alg" || e.reason == "header") FUZZ_CHECK(log.calls == 0);
        if (log.calls == 1) FUZZ_CHECK(log.signing_input == std::string_view(token).substr(0, token.rfind('.')));
        if (e.reason == "signature") FUZZ_CHECK(log.calls == 1 && !log.said_yes);
        // 3
        if (skipped.ok()) {
            FUZZ_CHECK(e.reason == "signature");
        } else {
            check_failure(skipped.failure(), token);
            FUZZ_CHECK(e.reason == "signature" || e.reason == skipped.failure().reason);
            FUZZ_CHECK(skipped.failure().reason != "signature");
        }
    }
    if (!decoded.ok()) {
        check_failure(decoded.failure(), token);
        FUZZ_CHECK(decoded.failure().reason == "malformed");
        FUZZ_CHECK(!verified.ok() && !skipped.ok());
    }
    check_base64(token, raw_bytes);  // 5
    return 0;
}
