// limits.hpp: the caps on untrusted data, their allowed ranges (a table), and checked_limits.
#include "support/helpers.hpp"

using namespace test;

TEST_CASE("limit_ranges: each cap is accepted at both ends of its range and refused just outside") {
    for (const pl::limit_range& r : pl::limit_ranges) {
        CAPTURE(r.name);
        REQUIRE(r.least <= r.most);
        for (std::size_t v : {r.least, r.most}) {
            pl::client_limits l;
            l.*r.member = v;
            auto checked = pl::checked_limits::create(l);
            REQUIRE(checked.ok());
            CHECK(checked->values().*r.member == v);
        }
        for (std::size_t v : {r.least - 1, r.most + 1, std::size_t{0}}) {
            pl::client_limits l;
            l.*r.member = v;
            auto checked = pl::checked_limits::create(l);
            REQUIRE_FALSE(checked.ok());
            CHECK(checked.failure().kind == pl::error_kind::invalid_argument);
            CHECK(checked.failure().field == "limits");
            // client::create applies the same table.
            pl::client_config cfg;
            cfg.limits = l;
            CHECK(client_error(cfg).field == "limits");
        }
    }
}

TEST_CASE("checked_limits: the default is client_limits' defaults; the accessors read the members") {
    const pl::checked_limits d;
    const pl::client_limits raw;
    CHECK(d.max_body_bytes() == raw.max_body_bytes);
    CHECK(d.max_json_depth() == raw.max_json_depth);
    CHECK(d.max_token_bytes() == raw.max_token_bytes);
    CHECK(d.max_input_bytes() == raw.max_input_bytes);
    CHECK(pl::limits_in_range(raw));

    pl::client_config cfg;
    cfg.limits.max_json_depth = 16;
    cfg.limits.max_body_bytes = 1 << 20;
    const pl::client c = make_client(cfg);
    CHECK(c.limits().max_json_depth() == 16);
    CHECK(c.limits().max_body_bytes() == std::size_t{1} << 20);
}

TEST_CASE("checked_limits: the parsers honour the caps they are given") {
    pl::client_limits l;
    l.max_json_depth = 4;
    const pl::checked_limits shallow = pl::checked_limits::create(l).value();
    const std::string deep = R"({"access_token":"at","token_type":"Bearer","x":[[[[[1]]]]]})";
    CHECK(pl::parse_token_response(make_response(200, deep), now).ok());
    auto refused = pl::parse_token_response(make_response(200, deep), now, shallow);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.failure().kind == pl::error_kind::malformed_response);
}
