// Direct tests of detail/saved_login.hpp: the saved text's writer and reader round-trip, the
// configuration digests, and the seal.
#include <string>

#include "../support/helpers.hpp"
#include <passwordless/detail/saved_login.hpp>

using namespace test;
namespace d = passwordless::detail;

namespace {

d::saved_login sample() {
    d::saved_login s;
    s.endpoint = "https://example.auth0.com";
    s.client_id = "abc123";
    s.config.client = d::digest_builder("client").add(std::string_view("https://example.auth0.com")).add(std::string_view("abc123")).hex();
    s.config.id_token = d::digest_builder("id_token").add(std::optional<std::string>()).hex();
    s.config.dpop = d::digest_builder("dpop").add(std::int64_t{0}).hex();
    s.config.flow = d::digest_builder("flow").add(std::int64_t{30}).add(std::int64_t{3}).hex();
    s.code_outstanding = true;
    s.params.connection = "email";
    s.params.email = "alice@example.com";
    s.params.send = pl::send_method::code;
    s.code_sent_at = 1700000000;
    s.attempts = 1;
    return s;
}

}  // namespace

TEST_CASE("digest_builder: 32 lower-case hex digits, and length prefixes keep field lists apart") {
    const std::string a = d::digest_builder("g").add(std::string_view("ab")).add(std::string_view("c")).hex();
    CHECK(a.size() == 32);
    CHECK(a.find_first_not_of("0123456789abcdef") == std::string::npos);
    CHECK(a != d::digest_builder("g").add(std::string_view("a")).add(std::string_view("bc")).hex());
    CHECK(a != d::digest_builder("h").add(std::string_view("ab")).add(std::string_view("c")).hex());
    CHECK(a == d::digest_builder("g").add(std::string_view("ab")).add(std::string_view("c")).hex());
    CHECK(d::digest_builder("g").add(std::optional<std::string>()).hex() != d::digest_builder("g").add(std::string()).hex());
}

TEST_CASE("describe_digest_differences names each group that differs, and nothing when none does") {
    const d::saved_login_digests base = sample().config;
    CHECK(d::describe_digest_differences(base, base).empty());
    d::saved_login_digests other = base;
    other.id_token = d::digest_builder("id_token").add(std::string_view("x")).hex();
    const std::string one = d::describe_digest_differences(base, other);
    CHECK(one.find("ID-token") != std::string::npos);
    other.client = d::digest_builder("client").add(std::string_view("y")).hex();
    const std::string two = d::describe_digest_differences(base, other);
    CHECK(two.find("client") != std::string::npos);
    CHECK(two.find("ID-token") != std::string::npos);
}

TEST_CASE("write_saved_login then read_saved_login gives back every member, and holds no secret") {
    const d::saved_login s = sample();
    const std::string text = d::write_saved_login(s);
    CHECK(text.find("\"format\":\"passwordless-login\"") != std::string::npos);
    auto back = d::read_saved_login(text, 1 << 16, 16);
    REQUIRE(back.ok());
    CHECK(back.value().endpoint == s.endpoint);
    CHECK(back.value().client_id == s.client_id);
    CHECK(back.value().config.client == s.config.client);
    CHECK(back.value().config.id_token == s.config.id_token);
    CHECK(back.value().config.dpop == s.config.dpop);
    CHECK(back.value().config.flow == s.config.flow);
    CHECK(back.value().code_outstanding);
    CHECK(back.value().params.email == s.params.email);
    CHECK(back.value().code_sent_at == s.code_sent_at);
    CHECK(back.value().attempts == 1);
    CHECK(d::write_saved_login(back.value()) == text);  // a fixed member order
}

TEST_CASE("read_saved_login refuses other shapes with field saved_state") {
    const std::string text = d::write_saved_login(sample());
    std::string newer = text;
    newer.replace(newer.find("\"version\":2"), 11, "\"version\":3");
    std::string older = text;
    older.replace(older.find("\"version\":2"), 11, "\"version\":1");
    std::string unknown_member = text;
    unknown_member.insert(unknown_member.size() - 1, ",\"extra\":1");
    for (const std::string& bad : {std::string(), std::string("[]"), std::string("{}"), newer, older, unknown_member,
                                   text.substr(0, text.size() / 2)}) {
        CAPTURE(bad);
        auto r = d::read_saved_login(bad, 1 << 16, 16);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "saved_state");
    }
}

TEST_CASE("seal_saved_login / unseal_saved_login: the tag is HMAC-SHA256 over the text, any edit or other key refused") {
    const std::string text = d::write_saved_login(sample());
    const std::string key = "0123456789abcdef-app-key";
    const std::string sealed = d::seal_saved_login(text, key);
    REQUIRE(sealed.size() == text.size() + d::saved_login_seal_member.size() + d::saved_login_seal_digits + 1);
    CHECK(sealed.compare(0, text.size() - 1, text, 0, text.size() - 1) == 0);
    auto back = d::unseal_saved_login(sealed, key);
    REQUIRE(back.ok());
    CHECK(back.value() == text);

    std::string edited = sealed;
    edited[edited.find("\"attempts\":1") + 11] = '0';
    for (const auto& [candidate, with] : {std::pair<std::string, std::string>{edited, key}, {sealed, key + "x"}, {text, key}}) {
        auto r = d::unseal_saved_login(candidate, with);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().field == "saved_state");
        CHECK(r.failure().description.find(key) == std::string::npos);
    }
}
