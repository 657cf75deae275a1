// Fuzz target: DPoP-Nonce handling (read_dpop_nonce, dpop_nonce_store, the nonce a
// use_dpop_nonce error carries) and the proof that then carries it (dpop_htu, build_dpop_proof).
//
// Input, line by line:
//     <method> <url>     (the request the proof is for; anything goes)
//     <framed response>  (fuzz_common.hpp: the server's answer with its DPoP-Nonce headers)
//
// Properties checked (abort on violation):
//  1. read_dpop_nonce agrees with a reference: every DPoP-Nonce header (any case), trimmed of
//     spaces and tabs, is one same value of 1 to 1024 bytes %x21 / %x23-5B / %x5D-7E; else none.
//  2. The store keeps the newest usable nonce: observe() answers whether the response had one,
//     and the old nonce stays when it did not.
//  3. A non-2xx response is classified with dpop_nonce set only for dpop_nonce_required, and
//     then to the response's usable nonce (or empty).
//  4. dpop_htu: a success is https:// or http:// with a lower-case host, holds no '?', '#',
//     space or control, and normalises to itself; a failure is invalid_argument "url".
//  5. build_dpop_proof with the stored nonce: succeeds exactly when the method is an upper-case
//     token and dpop_htu succeeds; its payload then holds htm, htu, iat, jti and the nonce
//     (when there is one), re-read with nlohmann/json; the signer saw header.payload.
#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

std::optional<std::string> reference_nonce(const pl::response& r) {
    std::optional<std::string> found;
    bool bad = false;
    for (const pl::header& h : r.headers) {
        if (pl::detail::ascii_lowercase(h.name) != "dpop-nonce") continue;
        std::string v = h.value;
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.erase(v.begin());
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.pop_back();
        bool ok = !v.empty() && v.size() <= 1024;
        for (char c : v) {
            const auto u = static_cast<unsigned char>(c);
            if (!(u == 0x21 || (u >= 0x23 && u <= 0x5B) || (u >= 0x5D && u <= 0x7E))) ok = false;
        }
        if (!ok || (found && *found != v)) bad = true;
        found = v;
    }
    if (bad) return std::nullopt;
    return found;
}

bool upper_token(std::string_view m) {
    if (m.empty() || m.size() > 32) return false;
    for (char c : m)
        if (!(c >= 'A' && c <= 'Z') && c != '-' && c != '_') return false;
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    std::string_view text = as_text(data, size);
    const std::string_view request_line = take_line(text);
    const std::size_t space = request_line.find(' ');
    const std::string_view method = request_line.substr(0, space);
    const std::string_view url = space == std::string_view::npos ? std::string_view() : request_line.substr(space + 1);
    const framed_response in = parse_framed_response(text);
    const pl::response& r = in.response;

    const auto nonce = pl::read_dpop_nonce(r);  // 1
    FUZZ_CHECK(nonce == reference_nonce(r));
    if (nonce) FUZZ_CHECK(pl::is_valid_dpop_nonce(*nonce));
    note("nonce " + text_or_dash(nonce));

    pl::dpop_nonce_store store;  // 2
    FUZZ_CHECK(store.set("older-nonce"));
    FUZZ_CHECK(store.observe(r) == nonce.has_value());
    FUZZ_CHECK(store.current() == nonce.value_or("older-nonce"));

    if (!r.is_success()) {  // 3
        const pl::error e = pl::classify_error_response(r, in.now);
        note(describe(e));
        check_error_shape(e);
        if (e.kind == pl::error_kind::dpop_nonce_required) {
            FUZZ_CHECK(e.dpop_nonce == nonce.value_or(""));
        } else {
            FUZZ_CHECK(e.dpop_nonce.empty());
        }
    }

    const auto htu = pl::dpop_htu(url);  // 4
    if (htu.ok()) {
        const std::string& h = htu.value();
        note("htu " + h);
        FUZZ_CHECK(h.rfind("https://", 0) == 0 || h.rfind("http://", 0) == 0);
        FUZZ_CHECK(h.find_first_of("?# ") == std::string::npos && !has_control(h));
        const std::size_t host_start = h.find("://") + 3;
        const std::string host = h.substr(host_start, h.find('/', host_start) - host_start);
        FUZZ_CHECK(pl::detail::ascii_lowercase(host) == host);
        const auto again = pl::dpop_htu(h);
        FUZZ_CHECK(again.ok() && again.value() == h);
    } else {
        note(describe(htu.failure()));
        check_error_shape(htu.failure());
        FUZZ_CHECK(htu.failure().kind == pl::error_kind::invalid_argument && htu.failure().field == "url");
    }

    std::string seen;  // 5
    pl::dpop_key key{pl::dpop_public_key{"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
                     [&seen](std::string_view in_) {
                         seen.assign(in_.data(), in_.size());
                         return stub_jws::dpop_signature(in_);
                     }};
    const auto proof = pl::build_dpop_proof(key, {method, url, in.now, "fuzz-jti-0123", store.current(), {}});
    const bool now_ok = in.now >= 0 && in.now <= pl::max_now;
    FUZZ_CHECK(proof.ok() == (upper_token(method) && htu.ok() && now_ok));
    if (!proof.ok()) {
        check_error_shape(proof.failure());
        FUZZ_CHECK(proof.failure().kind == pl::error_kind::invalid_argument);
        return 0;
    }
    const std::string& jws = proof.value();
    const std::size_t a = jws.find('.');
    const std::size_t b = jws.rfind('.');
    FUZZ_CHECK(seen == jws.substr(0, b));
    const auto payload_bytes = pl::detail::base64url_decode_strict(std::string_view(jws).substr(a + 1, b - a - 1));
    FUZZ_CHECK(payload_bytes.has_value());
    const json payload = json::parse(*payload_bytes, nullptr, false);
    FUZZ_CHECK(payload.is_object());
    FUZZ_CHECK(payload.value("htm", "") == method);
    FUZZ_CHECK(payload.value("htu", "") == htu.value());
    FUZZ_CHECK(payload.value("jti", "") == "ZnV6ei1qdGktMDEyMw");
    FUZZ_CHECK(payload.contains("iat") && payload["iat"] == in.now);
    FUZZ_CHECK(payload.value("nonce", "") == store.current());
    FUZZ_CHECK(payload.contains("nonce") == !store.current().empty());
    FUZZ_CHECK(!payload.contains("ath"));
    return 0;
}
