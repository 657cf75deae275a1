// error.hpp: the error kinds, their actions and names.
#include <set>
#include <string>

#include "support/helpers.hpp"

using namespace test;

TEST_CASE("every kind has the action DRIVER.md gives it, and a unique name") {
    const std::pair<const char*, const char*> expected[] = {
        {"invalid_argument", "fix_input"},      {"invalid_state", "none"},
        {"wrong_code", "retry_code"},           {"code_expired", "restart"},
        {"attempts_exhausted", "restart"},      {"rate_limited", "wait"},
        {"blocked", "give_up"},                 {"mfa_required", "mfa"},
        {"grant_not_allowed", "fix_config"},    {"invalid_client", "fix_config"},
        {"invalid_connection", "fix_config"},   {"invalid_request", "fix_config"},
        {"invalid_email", "fix_input"},         {"invalid_phone_number", "fix_input"},
        {"delivery_failed", "retry"},           {"access_denied", "give_up"},
        {"verification_required", "give_up"},   {"invalid_refresh_token", "restart"},
        {"server_error", "retry"},              {"unknown_error", "give_up"},
        {"unexpected_response", "retry"},       {"malformed_response", "retry"},
        {"invalid_id_token", "give_up"},        {"state_mismatch", "restart"},
        {"transport_failed", "retry"},
        {"invalid_dpop_proof", "fix_config"},   {"dpop_nonce_required", "retry"},
        {"issuer_mismatch", "fix_config"},
        {"authorization_pending", "wait"},
        {"slow_down", "wait"},
        {"mfa_rejected", "give_up"},
        {"mfa_token_invalid", "restart"},
        {"mfa_enrollment_required", "give_up"},
        {"invalid_access_token", "refresh"},
        {"insufficient_scope", "fix_config"},
    };
    std::set<std::string> names;
    int i = 0;
    for (const auto& pair : expected) {
        const char* kind = pair.first;
        const char* action = pair.second;
        const auto k = static_cast<pl::error_kind>(i++);
        CAPTURE(kind);
        CHECK(pl::to_string(k) == kind);
        CHECK(pl::to_string(pl::action_for(k)) == action);
        names.insert(std::string(pl::to_string(k)));
    }
    CHECK(static_cast<int>(pl::last_error_kind) == i - 1);
    CHECK(names.size() == static_cast<std::size_t>(i));
}
