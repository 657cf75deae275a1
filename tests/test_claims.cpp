// claim_set (claims.hpp): typed accessors answer only for the claim's type; updated_at as a string
// or a whole number; the ID token's claims share them.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {
pl::claim_set claims_of(const std::string& text) {
    pl::detail::flat_object obj;
    bool is_object = false;
    REQUIRE(pl::detail::flat_object::scan(text, 1 << 16, 64, obj, is_object) == pl::detail::json_read_status::ok);
    REQUIRE(is_object);
    return pl::claim_set(std::move(obj));
}
}  // namespace

TEST_CASE("claims: each accessor reads its claim with its type, else nothing") {
    const auto c = claims_of(R"({"sub":"s1","email":"e@x.io","email_verified":false,"phone_number":"+15551234567",
        "phone_number_verified":true,"name":"N","nickname":"n","picture":"https://p","org_id":"org_1","org_name":"acme",
        "n":12.9})");
    CHECK(c.sub() == "s1");
    CHECK(c.email() == std::optional<std::string>("e@x.io"));
    CHECK(c.email_verified() == std::optional<bool>(false));
    CHECK(c.phone_number() == std::optional<std::string>("+15551234567"));
    CHECK(c.phone_number_verified() == std::optional<bool>(true));
    CHECK(c.name() == std::optional<std::string>("N"));
    CHECK(c.nickname() == std::optional<std::string>("n"));
    CHECK(c.picture() == std::optional<std::string>("https://p"));
    CHECK(c.org_id() == std::optional<std::string>("org_1"));
    CHECK(c.org_name() == std::optional<std::string>("acme"));
    CHECK(c.integer_claim("n") == std::optional<std::int64_t>(12));
    CHECK_FALSE(c.updated_at().has_value());

    const auto wrong = claims_of(R"({"sub":1,"email":true,"email_verified":"true","name":null,"n":"12"})");
    CHECK(wrong.sub().empty());
    CHECK_FALSE(wrong.email().has_value());
    CHECK_FALSE(wrong.email_verified().has_value());
    CHECK_FALSE(wrong.name().has_value());
    CHECK_FALSE(wrong.integer_claim("n").has_value());
}

TEST_CASE("claims: updated_at is the string as sent or a whole number's digits") {
    CHECK(claims_of(R"({"updated_at":"2026-11-30T10:00:00.000Z"})").updated_at() == std::optional<std::string>("2026-11-30T10:00:00.000Z"));
    CHECK(claims_of(R"({"updated_at":1700000000})").updated_at() == std::optional<std::string>("1700000000"));
    CHECK(claims_of(R"({"updated_at":1700000000.5})").updated_at() == std::optional<std::string>("1700000000"));
    CHECK_FALSE(claims_of(R"({"updated_at":false})").updated_at().has_value());
    CHECK_FALSE(claims_of(R"({"updated_at":1e300})").updated_at().has_value());
}

TEST_CASE("claims: an empty claim set and the JSON view") {
    const pl::claim_set empty;
    CHECK(empty.sub().empty());
    CHECK(empty.json() == json::object());
    const auto c = claims_of(R"({"sub":"s","deep":{"a":[1,{"b":null}]}})");
    CHECK(c.json()["deep"]["a"][1]["b"].is_null());
    CHECK(c.payload_json() == R"({"sub":"s","deep":{"a":[1,{"b":null}]}})");
}
