// Fuzz target: JWKS documents (parse_jwks, parse_jwks_response) and the key cache (jwks_cache).
//
// Input: a framed response (see fuzz_common.hpp): "<status> [<now>]", header lines, an empty
// line, then the body (the JWKS document).
//
// Properties checked (abort on violation):
//  1. A parsed set comes from a JSON object (read within the caps, no duplicate names) whose
//     "keys" array has exactly as many entries as the set; each key's kid, kty, alg and use equal
//     the document's strings (absent: empty), kty is never empty, an RSA key's n and e are
//     non-empty and re-encode to the document's text exactly (strict, canonical base64url), x5c
//     equals the document's array of strings, and no two keys share a non-empty kid.
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

std::string string_member(const json& k, const char* name) {
    auto it = k.find(name);
    if (it == k.end()) return std::string();
    FUZZ_CHECK(it->is_string());
    return it->get<std::string>();
}

void check_set(const pl::jwks& set, std::string_view body) {
    auto doc = library_json(body);
    FUZZ_CHECK(doc && doc->is_object());
    auto keys = doc->find("keys");
    FUZZ_CHECK(keys != doc->end() && keys->is_array());
    FUZZ_CHECK(keys->size() == set.keys.size());
    for (std::size_t i = 0; i < set.keys.size(); ++i) {
        const pl::jwk& k = set.keys[i];
        const json& d = (*keys)[i];
        FUZZ_CHECK(d.is_object());
        FUZZ_CHECK(k.kid == string_member(d, "kid"));
        FUZZ_CHECK(k.kty == string_member(d, "kty"));
        FUZZ_CHECK(k.alg == string_member(d, "alg"));
        FUZZ_CHECK(k.use == string_member(d, "use"));
        FUZZ_CHECK(!k.kty.empty());
        if (k.kty == "RSA") {
            FUZZ_CHECK(!k.n.empty() && !k.e.empty());
            FUZZ_CHECK(b64url(k.n) == string_member(d, "n"));
            FUZZ_CHECK(b64url(k.e) == string_member(d, "e"));
        } else {
            FUZZ_CHECK(k.n.empty() && k.e.empty());
        }
        auto x5c = d.find("x5c");
        if (x5c == d.end()) {
            FUZZ_CHECK(k.x5c.empty());
        } else {
            FUZZ_CHECK(x5c->is_array() && x5c->size() == k.x5c.size());
            for (std::size_t c = 0; c < k.x5c.size(); ++c) FUZZ_CHECK((*x5c)[c] == k.x5c[c]);
        }
        for (std::size_t j = 0; j < i; ++j)
            if (!k.kid.empty()) FUZZ_CHECK(set.keys[j].kid != k.kid);
    }
}

bool same_keys(const pl::jwks& a, const pl::jwks& b) {
    if (a.keys.size() != b.keys.size()) return false;
    for (std::size_t i = 0; i < a.keys.size(); ++i) {
        const pl::jwk& x = a.keys[i];
        const pl::jwk& y = b.keys[i];
        if (x.kid != y.kid || x.kty != y.kty || x.alg != y.alg || x.use != y.use || x.n != y.n || x.e != y.e ||
            x.x5c != y.x5c)
            return false;
    }
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
    verdict_scope verdict(data, size);
    const framed_response in = parse_framed_response(as_text(data, size));
    const pl::response& r = in.response;
    const pl::checked_limits limits;

    auto doc = pl::parse_jwks(r.body, limits);
    note_result(doc, [](const pl::jwks& set) {
        std::string keys;
        for (const pl::jwk& k : set.keys)
            keys += k.kid + "/" + k.kty + "/" + k.alg + "/" + k.use + "/" + std::to_string(fnv1a(k.n)) + "/" +
                    std::to_string(fnv1a(k.e)) + "/" + std::to_string(k.x5c.size()) + " ";
        return keys;
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
