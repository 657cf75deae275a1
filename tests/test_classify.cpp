// The error classifier: every table row, every body shape of PROTOCOL.md 3.1, every code of 3.2,
// rate-limit headers and Retry-After.
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {
pl::error classify(int status, const std::string& body, std::vector<pl::header> headers = {{"content-type", "application/json"}},
                   pl::token_grant grant = pl::token_grant::unspecified) {
    return pl::classify_error_response(make_response(status, body, std::move(headers)), now, {}, grant);
}

std::string oauth_body(std::string_view code, std::string_view description) {
    return json{{"error", code}, {"error_description", description}}.dump();
}

// A description that satisfies a row's pattern.
std::string description_for(const pl::error_rule& rule) {
    return rule.description.empty() ? std::string("something happened") : "x " + std::string(rule.description) + " y";
}

// The first grant a row applies to.
pl::token_grant first_grant(const pl::error_rule& rule) {
    for (pl::token_grant g : pl::all_grants)
        if ((rule.grants & pl::grants(g)) != 0) return g;
    return pl::token_grant::unspecified;
}
}  // namespace

TEST_CASE("every table row is reachable and decides the kind and action") {
    for (const pl::error_rule& rule : pl::error_rules) {
        const int status = rule.status_min != 0 ? rule.status_min : 400;
        const std::string code = rule.code.empty() ? "" : std::string(rule.code);
        CAPTURE(code);
        CAPTURE(rule.description);
        const pl::token_grant grant = first_grant(rule);
        CAPTURE(pl::to_string(grant));
        pl::error e = code.empty() ? classify(status, "<html>nope</html>", {{"content-type", "text/html"}}, grant)
                                   : classify(status, oauth_body(code, description_for(rule)),
                                              {{"content-type", "application/json"}}, grant);
        CHECK(e.kind == rule.kind);
        CHECK(e.action == pl::action_for(rule.kind));
        CHECK(e.status == status);
        if (!code.empty()) {
            CHECK(e.code == code);
            CHECK(e.description == description_for(rule));
        } else {
            CHECK_FALSE(e.code.has_value());
        }
    }
}

TEST_CASE("the passwordless error catalogue") {
    struct row {
        int status;
        const char* code;
        const char* description;
        pl::error_kind kind;
    };
    const row rows[] = {
        {400, "bad.tenant", "error in tenant - tenant validation failed: invalid_tenant", pl::error_kind::invalid_request},
        {400, "bad.client_id", "Missing required property: client_id", pl::error_kind::invalid_request},
        {400, "bad.connection", "Connection is disabled", pl::error_kind::invalid_connection},
        {400, "bad.authParams", "error in authParams - invalid type: string (expected object)", pl::error_kind::invalid_request},
        {400, "bad.request", "the following properties are not allowed: scope", pl::error_kind::invalid_request},
        {400, "bad.phone_number", "String does not match pattern: ^\\+[0-9]{1,15}$", pl::error_kind::invalid_phone_number},
        {400, "bad.email", "Invalid email", pl::error_kind::invalid_email},
        {400, "bad.send", "Invalid send", pl::error_kind::invalid_request},
        {400, "sms_provider_error", "The 'To' number +1 is not a valid phone number. (Code: 21211)", pl::error_kind::invalid_phone_number},
        {400, "sms_provider_error", "Permission to send an SMS has not been enabled (Code: 21408)", pl::error_kind::delivery_failed},
        {403, "invalid_grant", "Wrong email or verification code.", pl::error_kind::wrong_code},
        {403, "invalid_grant", "Wrong phone number or verification code.", pl::error_kind::wrong_code},
        {403, "invalid_grant", "You've reached the maximum number of attempts. Please try to login again.", pl::error_kind::attempts_exhausted},
        {403, "invalid_grant", "The verification code has expired. Please try to login again.", pl::error_kind::code_expired},
        {403, "invalid_grant", "Unknown or invalid refresh token.", pl::error_kind::invalid_refresh_token},
        {403, "invalid_grant", "The refresh_token was generated for a user who doesn't exist anymore.", pl::error_kind::invalid_refresh_token},
        {400, "invalid_grant", "Invalid OTP", pl::error_kind::wrong_code},
        {403, "invalid_grant", "Something else entirely", pl::error_kind::unknown_error},
        {403, "unauthorized_client", "Grant type 'http://auth0.com/oauth/grant-type/passwordless/otp' not allowed for the client.", pl::error_kind::grant_not_allowed},
        {401, "invalid_client", "Client authentication failed", pl::error_kind::invalid_client},
        {400, "invalid_request", "Missing required parameter: otp", pl::error_kind::invalid_request},
        {400, "invalid_scope", "Scope must be an array or a string", pl::error_kind::invalid_request},
        {400, "unsupported_grant_type", "x", pl::error_kind::invalid_request},
        {403, "access_denied", "...", pl::error_kind::access_denied},
        {401, "unauthorized", "user is blocked", pl::error_kind::access_denied},
        {403, "mfa_required", "Multifactor authentication required", pl::error_kind::mfa_required},
        {429, "too_many_attempts", "Your account has been blocked after multiple consecutive login attempts.", pl::error_kind::blocked},
        {429, "too_many_requests", "Too many requests", pl::error_kind::rate_limited},
        {401, "requires_verification", "Suspicious request requires verification", pl::error_kind::verification_required},
        {404, "endpoint_disabled", "x", pl::error_kind::unknown_error},
        {503, "temporarily_unavailable", "x", pl::error_kind::server_error},
        {500, "server_error", "Internal server error", pl::error_kind::server_error},
        {502, "weird_gateway_code", "x", pl::error_kind::server_error},
        {429, "some_new_code", "x", pl::error_kind::rate_limited},
        {400, "error", "description", pl::error_kind::unknown_error},
    };
    for (const row& r : rows) {
        CAPTURE(r.code);
        CAPTURE(r.description);
        pl::error e = classify(r.status, oauth_body(r.code, r.description));
        CHECK(e.kind == r.kind);
        CHECK(e.action == pl::action_for(r.kind));
        CHECK(e.status == r.status);
        CHECK(e.code == std::string(r.code));
        CHECK(e.description == r.description);
    }
}

TEST_CASE("every body shape yields the code and description") {
    // 1. OAuth shape, with extras.
    pl::error e1 = classify(403, R"({"error":"mfa_required","error_description":"MFA","mfa_token":"Fe26.2**tok","mfa_requirements":{"challenge":[{"type":"otp"}]}})");
    CHECK(e1.kind == pl::error_kind::mfa_required);
    CHECK(e1.mfa_token == "Fe26.2**tok");
    CHECK(e1.description.find("Fe26") == std::string::npos);
    // 2. Legacy shape, description as an object is ignored.
    pl::error e2 = classify(400, R"({"name":"BadRequestError","code":"bad.email","description":"Invalid email","statusCode":400})");
    CHECK(e2.kind == pl::error_kind::invalid_email);
    CHECK(e2.description == "Invalid email");
    pl::error e2b = classify(400, R"({"name":"PasswordStrengthError","code":"invalid_password","description":{"rules":[]}})");
    CHECK(e2b.kind == pl::error_kind::unknown_error);
    CHECK(e2b.code == "invalid_password");
    // 3. Management shape: "error" is a reason phrase, errorCode is the code.
    pl::error e3 = classify(429, R"({"statusCode":429,"error":"Too Many Requests","message":"Global limit has been reached","errorCode":"too_many_requests"})");
    CHECK(e3.kind == pl::error_kind::rate_limited);
    CHECK(e3.code == "too_many_requests");
    CHECK(e3.description == "Global limit has been reached");
    // 4. Message only: not an error body; the status decides.
    pl::error e4 = classify(429, R"({"message":"Too many requests. Check the X-RateLimit-Limit headers."})");
    CHECK(e4.kind == pl::error_kind::rate_limited);
    CHECK_FALSE(e4.code.has_value());
    pl::error e4b = classify(400, R"({"message":"nope"})");
    CHECK(e4b.kind == pl::error_kind::unexpected_response);
    // 5. Code plus sentence in "error".
    pl::error e5 = classify(400, R"({"code":"blocked_user","error":"Blocked user.","error_codes":["r1"]})");
    CHECK(e5.kind == pl::error_kind::access_denied);
    CHECK(e5.code == "blocked_user");
    CHECK(e5.description == "Blocked user.");
    pl::error e5b = classify(400, R"({"error":"A sentence, not a code."})");
    CHECK(e5b.kind == pl::error_kind::unexpected_response);
    // 6. error_code variant.
    pl::error e6 = classify(400, R"({"error_code":"bad.connection","error_description":"Connection does not exist"})");
    CHECK(e6.kind == pl::error_kind::invalid_connection);
    // A code without a description still gets a message.
    pl::error e7 = classify(400, R"({"error":"invalid_request"})");
    CHECK(e7.kind == pl::error_kind::invalid_request);
    CHECK_FALSE(e7.description.empty());
}

TEST_CASE("non-JSON bodies are classified by status, never parsed") {
    CHECK(classify(404, "Not Found", {{"content-type", "text/plain"}}).kind == pl::error_kind::unexpected_response);
    CHECK(classify(401, "Unauthorized", {{"Content-Type", "text/plain"}}).kind == pl::error_kind::unexpected_response);
    CHECK(classify(400, "", {}).kind == pl::error_kind::unexpected_response);
    CHECK(classify(500, "<html><body>Internal Server Error</body></html>", {{"content-type", "text/html"}}).kind == pl::error_kind::server_error);
    CHECK(classify(502, "", {}).kind == pl::error_kind::server_error);
    CHECK(classify(429, "Too Many Requests", {{"content-type", "text/plain"}}).kind == pl::error_kind::rate_limited);
    // A JSON-looking body labelled text/html is still not an error body.
    pl::error labelled = classify(400, oauth_body("bad.email", "x"), {{"content-type", "text/html"}});
    CHECK(labelled.kind == pl::error_kind::unexpected_response);
    CHECK_FALSE(labelled.code.has_value());
    // No content type at all: try JSON.
    CHECK(classify(400, oauth_body("bad.email", "x"), {}).kind == pl::error_kind::invalid_email);
    CHECK(classify(400, oauth_body("bad.email", "x"), {{"content-type", "application/problem+json"}}).kind == pl::error_kind::invalid_email);
    // Duplicate members make the body untrustworthy.
    pl::error dup = classify(400, R"({"error":"bad.connection","error":"bad.tenant","error_description":"x"})");
    CHECK(dup.kind == pl::error_kind::unexpected_response);
    CHECK(dup.status == 400);
    // Statuses outside 100-599 are never an Auth0 answer.
    for (int s : {600, -200, 0, 99}) {
        CAPTURE(s);
        pl::error bad = classify(s, oauth_body("invalid_grant", "Wrong email or verification code."));
        CHECK(bad.kind == pl::error_kind::unexpected_response);
        CHECK(bad.status == s);
    }
    // 3xx is not followed.
    CHECK(classify(302, "", {{"location", "https://evil.example/"}}).kind == pl::error_kind::unexpected_response);
}

TEST_CASE("rate-limit headers and Retry-After") {
    pl::error e = classify(429, "Too Many Requests",
                           {{"content-type", "text/plain"}, {"X-RateLimit-Limit", "50"}, {"x-ratelimit-remaining", "0"}, {"X-RATELIMIT-RESET", "1700003600"}});
    CHECK(e.kind == pl::error_kind::rate_limited);
    CHECK(e.retry_at == 1700003600);
    REQUIRE(e.rate_limit.has_value());
    CHECK(e.rate_limit->limit == 50);
    CHECK(e.rate_limit->remaining == 0);
    CHECK(e.rate_limit->reset == 1700003600);

    pl::error seconds = classify(429, oauth_body("too_many_requests", "x"), {{"content-type", "application/json"}, {"retry-after", "30"}, {"x-ratelimit-reset", "1700009999"}});
    CHECK(seconds.retry_at == now + 30);  // Retry-After wins over x-ratelimit-reset
    pl::error date = classify(429, "", {{"Retry-After", "Tue, 14 Nov 2023 22:14:20 GMT"}});
    CHECK(date.retry_at == 1700000060);
    pl::error garbage = classify(429, "", {{"retry-after", "soon"}});
    CHECK_FALSE(garbage.retry_at.has_value());
    CHECK_FALSE(garbage.rate_limit.has_value());

    for (const char* bad : {"abc", "1e3", "-5", "99999999999999999999", "", " ", "1 2", "0x10"}) {
        CAPTURE(bad);
        pl::error b = classify(429, "", {{"x-ratelimit-limit", bad}, {"x-ratelimit-remaining", "5"}});
        REQUIRE(b.rate_limit.has_value());
        CHECK_FALSE(b.rate_limit->limit.has_value());
        CHECK(b.rate_limit->remaining == 5);
        CHECK_FALSE(b.retry_at.has_value());
    }

    // Figures appear on other errors too, but retry_at only when waiting helps.
    pl::error grant = classify(403, oauth_body("invalid_grant", "You've reached the maximum number of attempts. Please try to login again."),
                               {{"content-type", "application/json"}, {"x-ratelimit-limit", "30"}, {"x-ratelimit-remaining", "29"}, {"x-ratelimit-reset", "1700000060"}});
    CHECK(grant.kind == pl::error_kind::attempts_exhausted);
    REQUIRE(grant.rate_limit.has_value());
    CHECK(grant.rate_limit->remaining == 29);
    CHECK_FALSE(grant.retry_at.has_value());

    pl::error unavailable = classify(503, oauth_body("temporarily_unavailable", "x"), {{"content-type", "application/json"}, {"retry-after", "120"}});
    CHECK(unavailable.kind == pl::error_kind::server_error);
    CHECK(unavailable.retry_at == now + 120);

    // Saturates instead of overflowing.
    pl::error distant = pl::classify_error_response(make_response(429, "", {{"retry-after", "999999999999999999"}}),
                                                    std::numeric_limits<pl::unix_seconds>::max() - 5);
    CHECK(distant.retry_at == std::numeric_limits<pl::unix_seconds>::max());
}

TEST_CASE("server text is sanitised and capped") {
    pl::error e = classify(400, json{{"error", "bad.email"}, {"error_description", "line1\r\nline2\x1b[31m"}}.dump());
    CHECK(e.description == "line1  line2 [31m");
    pl::error longer = classify(400, json{{"error", "bad.email"}, {"error_description", std::string(5000, 'x')}}.dump());
    CHECK(longer.description.size() <= 1024 + 3);
    pl::error code_too_long = classify(400, json{{"error", std::string(300, 'c')}}.dump());
    CHECK(code_too_long.kind == pl::error_kind::unexpected_response);
}

TEST_CASE("every text row names the grants it refines, and no text moves an answer out of its grant's family") {
    // Every wording a row knows, and wordings other servers use, against every grant: the kind
    // always stays in the family of the grant answered (PROTOCOL.md 9.1).
    std::vector<std::string> texts = {"That code didn't work. Refresh the page and request a new one.",
                                      "grant request is invalid",
                                      "The refresh_token was generated for a user who doesn't exist anymore.",
                                      "Refresh token expired; the verification code is wrong; maximum number of attempts; otp"};
    for (const pl::error_rule& rule : pl::error_rules) {
        if (rule.description.empty()) continue;
        CAPTURE(rule.description);
        CHECK(rule.grants != 0);
        // A text row names its grants; the one every_grant text row gives a kind of no family.
        if (rule.grants == pl::every_grant)
            for (pl::token_grant g : pl::all_grants) CHECK(pl::kind_fits_grant(rule.kind, g));
        texts.push_back(description_for(rule));
    }
    for (const pl::error_rule& rule : pl::error_rules) {
        if (rule.code.empty()) continue;
        for (const std::string& text : texts)
            for (pl::token_grant g : pl::all_grants)
                for (int status : {400, 401, 403}) {
                    CAPTURE(rule.code);
                    CAPTURE(text);
                    CAPTURE(pl::to_string(g));
                    const pl::error_kind kind = pl::classify_error(std::string_view(rule.code), text, status, g);
                    CHECK(pl::kind_fits_grant(kind, g));
                    // Every code a grant can answer with is read: never unknown_error when the grant is known.
                    if (rule.code == "invalid_grant" && g != pl::token_grant::unspecified) CHECK(kind != pl::error_kind::unknown_error);
                }
    }
}

TEST_CASE("kind_fits_grant: the grant families") {
    CHECK(pl::kind_fits_grant(pl::error_kind::wrong_code, pl::token_grant::otp));
    CHECK_FALSE(pl::kind_fits_grant(pl::error_kind::wrong_code, pl::token_grant::refresh));
    CHECK_FALSE(pl::kind_fits_grant(pl::error_kind::invalid_refresh_token, pl::token_grant::otp));
    CHECK_FALSE(pl::kind_fits_grant(pl::error_kind::invalid_refresh_token, pl::token_grant::authorization_code));
    CHECK(pl::kind_fits_grant(pl::error_kind::code_expired, pl::token_grant::authorization_code));
    CHECK(pl::kind_fits_grant(pl::error_kind::rate_limited, pl::token_grant::refresh));
    for (const pl::grant_kind& f : pl::grant_families) CHECK(pl::kind_fits_grant(f.kind, pl::token_grant::unspecified));
}

TEST_CASE("invalid_grant is read by the grant it answers; the text only refines (PROTOCOL.md 9.1)") {
    struct row {
        pl::token_grant grant;
        const char* description;
        pl::error_kind kind;
    };
    const row rows[] = {
        {pl::token_grant::otp, "grant request is invalid", pl::error_kind::wrong_code},
        {pl::token_grant::otp, "", pl::error_kind::wrong_code},
        {pl::token_grant::otp, "That code didn't work. Refresh the page and request a new one.", pl::error_kind::wrong_code},
        {pl::token_grant::otp, "Unknown or invalid refresh token.", pl::error_kind::wrong_code},
        {pl::token_grant::authorization_code, "Unknown or invalid refresh token.", pl::error_kind::code_expired},
        {pl::token_grant::authorization_code, "Wrong email or verification code.", pl::error_kind::code_expired},
        {pl::token_grant::refresh, "Wrong email or verification code.", pl::error_kind::invalid_refresh_token},
        {pl::token_grant::otp, "Wrong email or verification code.", pl::error_kind::wrong_code},
        {pl::token_grant::otp, "The verification code has expired. Please try to login again.", pl::error_kind::code_expired},
        {pl::token_grant::otp, "You've reached the maximum number of attempts. Please try to login again.",
         pl::error_kind::attempts_exhausted},
        {pl::token_grant::refresh, "grant request is invalid", pl::error_kind::invalid_refresh_token},
        {pl::token_grant::refresh, "Unknown or invalid refresh token.", pl::error_kind::invalid_refresh_token},
        {pl::token_grant::refresh, "The refresh token has expired", pl::error_kind::invalid_refresh_token},
        {pl::token_grant::authorization_code, "grant request is invalid", pl::error_kind::code_expired},
        {pl::token_grant::unspecified, "grant request is invalid", pl::error_kind::unknown_error},
        {pl::token_grant::unspecified, "Wrong email or verification code.", pl::error_kind::wrong_code},
    };
    for (const row& r : rows) {
        CAPTURE(pl::to_string(r.grant));
        CAPTURE(r.description);
        const pl::error e = classify(400, oauth_body("invalid_grant", r.description), {{"content-type", "application/json"}}, r.grant);
        CHECK(e.kind == r.kind);
        CHECK(e.code == "invalid_grant");
        auto t = pl::parse_token_response(make_response(400, oauth_body("invalid_grant", r.description)), r.grant, now);
        REQUIRE_FALSE(t.ok());
        CHECK(t.failure().kind == r.kind);
    }
}

TEST_CASE("mfa_required carries mfa_requirements in both shapes, types as sent") {
    const std::string base = R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"Fe26.2**t")";
    pl::error both = classify(403, base + R"(,"mfa_requirements":{"challenge":[{"type":"otp"},{"type":"push-notification"}],"enroll":[{"type":"phone"}]}})");
    CHECK(both.kind == pl::error_kind::mfa_required);
    CHECK(both.mfa_token == "Fe26.2**t");
    REQUIRE(both.mfa_requirements.has_value());
    CHECK(both.mfa_requirements->challenge == std::vector<std::string>{"otp", "push-notification"});
    CHECK(both.mfa_requirements->enroll == std::vector<std::string>{"phone"});

    pl::error types = classify(401, base + R"(,"mfa_requirements":{"challenge_types":["otp","oob"]}})");
    REQUIRE(types.mfa_requirements.has_value());
    CHECK(types.mfa_requirements->challenge == std::vector<std::string>{"otp", "oob"});
    CHECK(types.mfa_requirements->enroll.empty());

    pl::error none = classify(403, base + "}");
    CHECK(none.kind == pl::error_kind::mfa_required);
    CHECK_FALSE(none.mfa_requirements.has_value());

    // Hostile shapes: entries of other types are skipped; a non-object is no requirements; lists are capped.
    pl::error odd = classify(403, base + R"(,"mfa_requirements":{"challenge":[1,{"type":2},{"kind":"otp"},"email",{"type":"otp"}]}})");
    REQUIRE(odd.mfa_requirements.has_value());
    CHECK(odd.mfa_requirements->challenge == std::vector<std::string>{"email", "otp"});
    CHECK_FALSE(classify(403, base + R"(,"mfa_requirements":[]})").mfa_requirements.has_value());
    CHECK_FALSE(classify(403, base + R"(,"mfa_requirements":{"other":1}})").mfa_requirements.has_value());
    json many = json::array();
    for (int i = 0; i < 1000; ++i) many.push_back(json{{"type", "t" + std::to_string(i)}});
    pl::error capped = classify(403, base + R"(,"mfa_requirements":{"challenge":)" + many.dump() + "}}");
    REQUIRE(capped.mfa_requirements.has_value());
    CHECK(capped.mfa_requirements->challenge.size() == pl::max_mfa_requirement_types);

    // Only mfa_required carries them.
    pl::error other = classify(400, R"({"error":"invalid_request","mfa_token":"x","mfa_requirements":{"challenge":[{"type":"otp"}]}})");
    CHECK(other.mfa_token.empty());
    CHECK_FALSE(other.mfa_requirements.has_value());
}

TEST_CASE("poll_waits: every polling kind waits at least its row, longer when Retry-After says so") {
    for (const pl::poll_wait& w : pl::poll_waits) {
        const std::string code(pl::to_string(w.kind));
        CAPTURE(code);
        pl::error plain = classify(400, oauth_body(code, ""), {{"content-type", "application/json"}}, pl::token_grant::mfa_oob);
        CHECK(plain.kind == w.kind);
        CHECK(plain.retry_at == now + w.least);
        pl::error later = classify(400, oauth_body(code, ""), {{"content-type", "application/json"}, {"retry-after", "120"}},
                                   pl::token_grant::mfa_oob);
        CHECK(later.retry_at == now + 120);
        pl::error sooner = classify(400, oauth_body(code, ""), {{"content-type", "application/json"}, {"retry-after", "0"}},
                                    pl::token_grant::mfa_oob);
        CHECK(sooner.retry_at == now + w.least);
    }
}

TEST_CASE("the MFA API's own errors") {
    CHECK(classify(400, oauth_body("association_required", "User is not enrolled.")).kind == pl::error_kind::mfa_enrollment_required);
    CHECK(classify(400, oauth_body("unsupported_challenge_type", "x")).kind == pl::error_kind::mfa_enrollment_required);
    CHECK(classify(401, oauth_body("expired_token", "mfa_token is expired")).kind == pl::error_kind::mfa_token_invalid);
    CHECK(classify(401, oauth_body("invalid_grant", "Malformed mfa_token")).kind == pl::error_kind::mfa_token_invalid);
    CHECK(pl::action_for(pl::error_kind::mfa_enrollment_required) == pl::error_action::give_up);
    CHECK(pl::action_for(pl::error_kind::mfa_token_invalid) == pl::error_action::restart);
}
