// The DPoP-Nonce header (dpop_nonce.hpp): which values count, and the newest one wins.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {
pl::response with_nonce(std::vector<pl::header> headers, int status = 200) {
    return make_response(status, "{}", std::move(headers));
}
}  // namespace

TEST_CASE("dpop nonce: valid values are 1*NQCHAR up to the cap") {
    CHECK(pl::is_valid_dpop_nonce("eyJ7S_zG.eyJH0-Z.HX4w-7v"));
    CHECK(pl::is_valid_dpop_nonce("!#[]~"));
    CHECK(pl::is_valid_dpop_nonce(std::string(pl::max_dpop_nonce_bytes, 'n')));
    CHECK_FALSE(pl::is_valid_dpop_nonce(std::string(pl::max_dpop_nonce_bytes + 1, 'n')));
    for (const char* bad : {"", "a b", "a\"b", "a\\b", "a\tb", "a\x7f", "\xc3\xa9"}) {
        CAPTURE(bad);
        CHECK_FALSE(pl::is_valid_dpop_nonce(bad));
    }
}

TEST_CASE("dpop nonce: read from the DPoP-Nonce header in any case, trimmed") {
    CHECK(pl::read_dpop_nonce(with_nonce({{"DPoP-Nonce", "n-1"}})) == std::optional<std::string>("n-1"));
    CHECK(pl::read_dpop_nonce(with_nonce({{"dpop-nonce", "  n-2\t"}})) == std::optional<std::string>("n-2"));
    CHECK(pl::read_dpop_nonce(with_nonce({{"DPOP-NONCE", "n-3"}, {"dpop-nonce", "n-3"}})) == std::optional<std::string>("n-3"));
    CHECK_FALSE(pl::read_dpop_nonce(with_nonce({})).has_value());
    CHECK_FALSE(pl::read_dpop_nonce(with_nonce({{"dpop-nonce", ""}})).has_value());
    CHECK_FALSE(pl::read_dpop_nonce(with_nonce({{"dpop-nonce", "a b"}})).has_value());
    CHECK_FALSE(pl::read_dpop_nonce(with_nonce({{"dpop-nonce", "n-1"}, {"dpop-nonce", "n-2"}})).has_value());
    CHECK_FALSE(pl::read_dpop_nonce(with_nonce({{"dpop-nonce", "n-1"}, {"dpop-nonce", "bad value"}})).has_value());
    CHECK_FALSE(pl::read_dpop_nonce(with_nonce({{"x-dpop-nonce", "n-1"}})).has_value());
}

TEST_CASE("dpop nonce store: the newest usable nonce wins, from any response") {
    pl::dpop_nonce_store store;
    CHECK(store.current().empty());
    CHECK(store.observe(with_nonce({{"DPoP-Nonce", "first"}}, 400)));
    CHECK(store.current() == "first");
    CHECK_FALSE(store.observe(with_nonce({})));
    CHECK(store.current() == "first");
    CHECK_FALSE(store.observe(with_nonce({{"DPoP-Nonce", "not valid"}})));
    CHECK(store.current() == "first");
    CHECK(store.observe(with_nonce({{"DPoP-Nonce", "second"}}, 200)));
    CHECK(store.current() == "second");
    CHECK_FALSE(store.set("bad nonce"));
    CHECK(store.current() == "second");
    CHECK(store.set("restored"));
    CHECK(store.current() == "restored");
    CHECK(store.set(""));
    CHECK(store.current().empty());
}

TEST_CASE("dpop nonce: a use_dpop_nonce error carries the nonce only when usable") {
    const std::string body = R"({"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"})";
    pl::error e = pl::classify_error_response(make_response(400, body, {{"content-type", "application/json"}, {"DPoP-Nonce", "n-9"}}), now);
    CHECK(e.kind == pl::error_kind::dpop_nonce_required);
    CHECK(e.dpop_nonce == "n-9");
    e = pl::classify_error_response(make_response(400, body, {{"content-type", "application/json"}, {"DPoP-Nonce", "a\"b"}}), now);
    CHECK(e.kind == pl::error_kind::dpop_nonce_required);
    CHECK(e.dpop_nonce.empty());
    // Other kinds never carry it, even when the header is there.
    e = pl::classify_error_response(make_response(400, R"({"error":"invalid_request"})", {{"content-type", "application/json"}, {"DPoP-Nonce", "n-9"}}), now);
    CHECK(e.dpop_nonce.empty());
}
