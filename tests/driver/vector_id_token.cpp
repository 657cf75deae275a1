// passwordless-cli vector: the verify_id_token operation, with the verifiers accept, reject and
// fnv-stub of DRIVER.md.
#include <cstdint>
#include <string>
#include <utility>

#include "vector_ops.hpp"

namespace cli {

namespace {

std::uint64_t fnv1a64(std::string_view data) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (char c : data) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ULL;
    }
    return h;
}

// Yes only for kid "test-kid-1" and the signature "TESTSIG1" + FNV-1a-64(signing input), big-endian.
bool fnv_stub(const passwordless::signature_input& in) {
    if (in.key_id != "test-kid-1") return false;
    std::string expected = "TESTSIG1";
    const std::uint64_t h = fnv1a64(in.signing_input);
    for (int shift = 56; shift >= 0; shift -= 8) expected.push_back(static_cast<char>((h >> shift) & 0xFF));
    return in.signature == expected;
}

}  // namespace

passwordless::signature_verifier read_verifier(const json& c) {
    const std::string name = optional_string(c, "verifier").value_or("fnv-stub");
    if (name == "accept") return [](const passwordless::signature_input&) { return true; };
    if (name == "reject") return [](const passwordless::signature_input&) { return false; };
    if (name == "fnv-stub") return fnv_stub;
    invalid_case("verifier must be accept, reject or fnv-stub");
}

passwordless::id_token_expectations read_expectations(const json& e) {
    passwordless::id_token_expectations x;
    x.issuer = optional_string(e, "issuer").value_or("");
    x.client_id = optional_string(e, "client_id").value_or("");
    if (auto l = optional_int(e, "leeway")) x.leeway = *l;
    x.nonce = optional_string(e, "nonce");
    x.max_age = optional_int(e, "max_age");
    x.organization = optional_string(e, "organization");
    for (const char* list : {"algorithms", "trusted_audiences"}) {
        auto it = e.find(list);
        if (it == e.end() || it->is_null()) continue;
        if (!it->is_array()) invalid_case(std::string(list) + " must be an array of strings");
        std::vector<std::string> values;
        for (const auto& v : *it) {
            if (!v.is_string()) invalid_case(std::string(list) + " must be an array of strings");
            values.push_back(v.get<std::string>());
        }
        (std::string(list) == "algorithms" ? x.algorithms : x.trusted_audiences) = std::move(values);
    }
    return x;
}

json op_verify_id_token(const json& c) {
    const std::string token = require_string(c, "token");
    const json& e = require_object(c, "expect");
    const passwordless::id_token_expectations x = read_expectations(e);
    const passwordless::unix_seconds now = require_int(e, "now");
    auto claims = passwordless::verify_id_token(token, x, read_verifier(c), now);
    if (!claims.ok()) return failure(claims.failure());
    return json{{"ok", true}, {"claims", claims->json()}};
}

}  // namespace cli
