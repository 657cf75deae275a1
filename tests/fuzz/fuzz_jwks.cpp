// Fuzz target: JWKS documents (parse_jwks, parse_jwks_response) and the key cache (jwks_cache).
//
// Input: a framed response (see fuzz_common.hpp): "<status> [<now>]", header lines, an empty
// line, then the body (the JWKS document).
//
// Properties checked (abort on violation):
//  1. A parsed set comes from a JSON object (read within the caps, no duplicate names) whose
//     "keys" array holds only objects; the set keeps, in document order, exactly the entries this
//     target's own reading calls usable (kty "RSA"; kid, alg and use absent or strings; use absent
//     or "sig"; n and e strings that re-encode exactly (strict, canonical base64url); e odd and at
//     least 3; x5c absent or an array of strings) with their members as the document had them,
//     and `skipped` counts every other entry (RFC 7517 section 5: mixed sets are not refused).
//  2. Every failure is malformed_response (or, for non-2xx answers, the classifier's verdict)
//     and a well-formed error.
//  3. parse_jwks_response accepts a 2xx exactly when the body is within the cap, may be JSON and
//     parse_jwks accepts it, and then returns the same keys.
//  4. The cache: before any set, every lookup asks for a refetch; after replace(set, t), each
//     key's kid is found (that very key), and an unknown kid is "unknown" before t + 60 and
//     "refetch" from then on.
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

std::string b64url(std::string_view bytes) {
    return pl::detail::base64_encode(bytes, pl::detail::base64_alphabet::url, false);
}

bool optional_string(const json& k, const char* name, std::string& out) {
    auto it = k.find(name);
    if (it == k.end()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
}

// This target's own reading of RFC 7517 and PROTOCOL.md 9.3: the key the library should keep.
std::optional<pl::jwk> usable(const json& d) {
    pl::jwk k;
    if (!optional_string(d, "kid", k.kid) || !optional_string(d, "kty", k.kty) || !optional_string(d, "alg", k.alg) ||
        !optional_string(d, "use", k.use))
        return std::nullopt;
    if (k.kty != "RSA" || (d.contains("use") && k.use != "sig")) return std::nullopt;
    std::string n64;
    std::string e64;
    if (!optional_string(d, "n", n64) || !optional_string(d, "e", e64) || n64.empty() || e64.empty()) return std::nullopt;
    auto n = pl::detail::base64url_decode_strict(n64);
    auto e = pl::detail::base64url_decode_strict(e64);
    if (!n || !e || b64url(*n) != n64 || b64url(*e) != e64) return std::nullopt;
    std::string digits = *e;
    while (!digits.empty() && digits.front() == '\0') digits.erase(digits.begin());
    const bool odd = !digits.empty() && (static_cast<unsigned char>(digits.back()) & 1U) != 0;
    if (!odd || (digits.size() == 1 && static_cast<unsigned char>(digits[0]) < 3)) return std::nullopt;
    k.n = std::move(*n);
    k.e = std::move(*e);
    auto x5c = d.find("x5c");
    if (x5c != d.end()) {
        if (!x5c->is_array()) return std::nullopt;
        for (const json& c : *x5c) {
            if (!c.is_string()) return std::nullopt;
            k.x5c.push_back(c.get<std::string>());
        }
    }
    return k;
}

bool same_key(const pl::jwk& x, const pl::jwk& y) {
    return x.kid == y.kid && x.kty == y.kty && x.alg == y.alg && x.use == y.use && x.n == y.n && x.e == y.e && x.x5c == y.x5c;
}

void check_set(const pl::jwks& set, std::string_view body) {
    auto doc = library_json(body);
    FUZZ_CHECK(doc && doc->is_object());
    auto keys = doc->find("keys");
    FUZZ_CHECK(keys != doc->end() && keys->is_array());
    FUZZ_CHECK(keys->size() == set.keys.size() + set.skipped);
    std::size_t kept = 0;
    for (const json& d : *keys) {
        FUZZ_CHECK(d.is_object());
        std::optional<pl::jwk> expected = usable(d);
        if (!expected) continue;
        FUZZ_CHECK(kept < set.keys.size() && same_key(set.keys[kept], *expected));
        ++kept;
    }
    FUZZ_CHECK(kept == set.keys.size());
}

bool same_keys(const pl::jwks& a, const pl::jwks& b) {
    if (a.keys.size() != b.keys.size() || a.skipped != b.skipped) return false;
    for (std::size_t i = 0; i < a.keys.size(); ++i)
        if (!same_key(a.keys[i], b.keys[i])) return false;
    return true;
}

void check_cache(const pl::jwks& set, pl::unix_seconds t) {
    pl::jwks_cache cache(60);
    FUZZ_CHECK(cache.find("k1", t).status == pl::key_lookup_status::refetch);
    cache.replace(set, t);
    std::string unknown = "unknown-kid";
    for (const pl::jwk& k : set.keys) {
        auto found = cache.find(k.kid, t);
        FUZZ_CHECK(found.status == pl::key_lookup_status::found);
        FUZZ_CHECK(found.key != nullptr && found.key->kid == k.kid);
        if (k.kid == unknown) unknown.push_back('x');
    }
    for (const pl::jwk& k : set.keys)
        if (k.kid == unknown) return;  // a document that names both; skip the unknown-kid checks
    FUZZ_CHECK(cache.find(unknown, t).status == pl::key_lookup_status::unknown);
    if (t <= INT64_MAX - 59) FUZZ_CHECK(cache.find(unknown, t + 59).status == pl::key_lookup_status::unknown);
    if (t <= INT64_MAX - 60) FUZZ_CHECK(cache.find(unknown, t + 60).status == pl::key_lookup_status::refetch);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const response_input in(data, size);
    const pl::response& r = in.response;
    const pl::checked_limits& limits = in.limits;

    auto doc = pl::parse_jwks(r.body, limits);
    note_result(doc, [](const pl::jwks& set) {
        std::string keys;
        for (const pl::jwk& k : set.keys)
            keys += k.kid + "/" + k.kty + "/" + k.alg + "/" + k.use + "/" + std::to_string(fnv1a(k.n)) + "/" +
                    std::to_string(fnv1a(k.e)) + "/" + std::to_string(k.x5c.size()) + " ";
        return keys + "skipped " + std::to_string(set.skipped);
    });
    if (doc.ok()) {
        check_set(doc.value(), r.body);  // 1
        check_cache(doc.value(), in.now);  // 4
    } else {
        check_error_shape(doc.failure());  // 2
        FUZZ_CHECK(doc.failure().kind == pl::error_kind::malformed_response);
    }

    auto resp = pl::parse_jwks_response(r, in.now, limits);  // 3
    note_result(resp, [](const pl::jwks& set) { return std::to_string(set.keys.size()) + " keys"; });
    if (r.is_success()) {
        const bool acceptable = r.body.size() <= limits.max_body_bytes() && pl::detail::body_may_be_json(r) && doc.ok();
        FUZZ_CHECK(resp.ok() == acceptable);
        if (resp.ok()) {
            FUZZ_CHECK(same_keys(resp.value(), doc.value()));
        } else {
            check_error_shape(resp.failure());
            FUZZ_CHECK(resp.failure().kind == pl::error_kind::malformed_response);
            FUZZ_CHECK(resp.failure().status == r.status);
        }
    } else {
        FUZZ_CHECK(!resp.ok());
        check_error_shape(resp.failure());
        FUZZ_CHECK(same_visible_error(resp.failure(), pl::classify_error_response(r, in.now, limits)));
    }
    return 0;
}
