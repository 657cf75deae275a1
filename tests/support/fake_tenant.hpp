// A scripted fake Auth0 tenant for whole-login tests: answers the machine's requests by Auth0's
// rules (newest code only, three attempts, expiry, rate limits) on a test clock.
#ifndef PASSWORDLESS_TESTS_FAKE_TENANT_HPP
#define PASSWORDLESS_TESTS_FAKE_TENANT_HPP

#include <optional>
#include <string>

#include "jwt_helpers.hpp"

namespace test {

class fake_tenant {
public:
    int starts = 0;
    int token_requests = 0;
    std::string last_code;                           // the code most recently "delivered"
    std::optional<pl::unix_seconds> start_limited_until;  // answer 429 to start before this
    std::optional<pl::unix_seconds> token_limited_until;  // answer 429 to token before this
    bool mfa = false;                                // answer mfa_required to a right code
    bool omit_id_token = false;
    std::string signing_kid = "k1";                  // the kid of the ID tokens it signs
    std::string published_kids = "k1";               // the kids of its JWKS, separated by spaces
    int key_fetches = 0;
    bool keys_down = false;                          // answer 503 to the JWKS
    pl::unix_seconds expiry = 180;                   // the tenant's OTP Expiry

    pl::response answer(const pl::request& r, pl::unix_seconds at) {
        if (r.method == "GET") return keys(r);
        const json body = json::parse(r.body, nullptr, false);
        REQUIRE(body.is_object());
        if (r.url.size() >= 19 && r.url.compare(r.url.size() - 19, 19, "/passwordless/start") == 0) return start(body, at);
        REQUIRE(r.url.find("/oauth/token") != std::string::npos);
        return token(body, at);
    }

private:
    pl::response keys(const pl::request& r) {
        REQUIRE(r.url == "https://example.auth0.com/.well-known/jwks.json");
        ++key_fetches;
        if (keys_down) return make_response(503, "<html>busy</html>", {{"content-type", "text/html"}});
        json set{{"keys", json::array()}};
        std::string kids = published_kids;
        for (std::size_t at = 0; at <= kids.size();) {
            std::size_t end = kids.find(' ', at);
            if (end == std::string::npos) end = kids.size();
            set["keys"].push_back(json{{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", kids.substr(at, end - at)},
                                       {"n", "2716qRDfc2SWyag0vR_ouGEMVaMkMNkxWuZxjbtvH5Fx52VbFu9P8w"}, {"e", "AQAB"}});
            at = end + 1;
        }
        return make_response(200, set.dump());
    }

    pl::response start(const json& body, pl::unix_seconds at) {
        ++starts;
        if (start_limited_until && at < *start_limited_until)
            return make_response(429, R"({"error":"too_many_requests","error_description":"Too many requests"})",
                                 {{"content-type", "application/json"}, {"x-ratelimit-limit", "50"}, {"x-ratelimit-remaining", "0"},
                                  {"x-ratelimit-reset", std::to_string(*start_limited_until)}});
        last_code = std::to_string(100000 + starts * 1111);
        issued_at_ = at;
        attempts_ = 0;
        identity_ = body.contains("email") ? body["email"].get<std::string>() : body["phone_number"].get<std::string>();
        json out{{"_id", "5f7c8ec7c33c6c004bbafe8" + std::to_string(starts % 10)}};
        if (body.contains("email")) {
            out["email"] = body["email"];
            out["email_verified"] = false;
        } else {
            out["phone_number"] = body["phone_number"];
            out["phone_verified"] = false;
        }
        return make_response(200, out.dump());
    }

    pl::response token(const json& body, pl::unix_seconds at) {
        ++token_requests;
        if (token_limited_until && at < *token_limited_until)
            return make_response(429, R"({"error":"too_many_requests","error_description":"Too many requests"})",
                                 {{"content-type", "application/json"}, {"retry-after", std::to_string(*token_limited_until - at)}});
        auto grant_error = [](const char* description) {
            return make_response(403, json{{"error", "invalid_grant"}, {"error_description", description}}.dump());
        };
        if (body["username"] != identity_) return grant_error("Wrong email or verification code.");
        if (at - issued_at_ >= expiry) return grant_error("The verification code has expired. Please try to login again.");
        if (attempts_ >= 3) return grant_error("You've reached the maximum number of attempts. Please try to login again.");
        if (body["otp"] != last_code) {
            ++attempts_;
            if (attempts_ >= 3) return grant_error("You've reached the maximum number of attempts. Please try to login again.");
            return grant_error(body["realm"] == "sms" ? "Wrong phone number or verification code." : "Wrong email or verification code.");
        }
        if (mfa)
            return make_response(403, R"({"error":"mfa_required","error_description":"Multifactor authentication required","mfa_token":"mfa-tok"})");
        json claims = good_claims();
        claims["iat"] = at;
        claims["exp"] = at + 36000;
        json out{{"access_token", "at-" + std::to_string(token_requests)}, {"token_type", "Bearer"}, {"expires_in", 86400}};
        json header = good_header();
        header["kid"] = signing_kid;
        if (!omit_id_token) out["id_token"] = make_jwt(header, claims);
        return make_response(200, out.dump());
    }

    pl::unix_seconds issued_at_ = 0;
    int attempts_ = 0;
    std::string identity_;
};

}  // namespace test

#endif
