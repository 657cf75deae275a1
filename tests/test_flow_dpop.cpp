// DPoP in the login flow (flow.hpp with flow_config::dpop): proofs on the token request only,
// a fresh jti every time, the newest nonce, the one automatic resend on use_dpop_nonce, binding.
#include <set>
#include <string>

#include "support/helpers.hpp"
#include "support/stub_signer.hpp"

using namespace test;

namespace {

struct jti_counter {
    int calls = 0;
    std::string operator()() { return "jti-test-" + std::to_string(++calls) + "-padding"; }
};

pl::flow_config dpop_config(std::shared_ptr<jti_counter> counter, bool require_binding = false) {
    pl::flow_config cfg;
    pl::flow_dpop d;
    d.key = pl::dpop_key{pl::dpop_public_key{stub_jws::dpop_key_x, stub_jws::dpop_key_y}, [](std::string_view in) { return stub_jws::dpop_signature(in); }};
    d.jti = [counter] { return (*counter)(); };
    d.require_binding = require_binding;
    cfg.dpop = std::move(d);
    return cfg;
}

pl::response ok_start(std::vector<pl::header> extra = {}) {
    std::vector<pl::header> h{{"content-type", "application/json"}};
    for (auto& x : extra) h.push_back(x);
    return make_response(200, R"({"_id":"1","email":"user@example.com","email_verified":false})", h);
}

pl::response nonce_please(const std::string& nonce) {
    return make_response(400, R"({"error":"use_dpop_nonce","error_description":"Authorization server requires nonce in DPoP proof"})",
                         {{"content-type", "application/json"}, {"DPoP-Nonce", nonce}});
}

pl::response tokens(const std::string& type) {
    return make_response(200, R"({"access_token":"at-1","token_type":")" + type + R"(","expires_in":86400,"refresh_token":"rt-1"})");
}

struct dpop_harness {
    std::shared_ptr<jti_counter> counter = std::make_shared<jti_counter>();
    pl::login_flow flow;

    explicit dpop_harness(bool require_binding = false)
        : flow(pl::login_flow::create(make_client(), dpop_config(counter, require_binding)).value()) {}

    void to_awaiting_code(std::vector<pl::header> extra = {}) {
        pl::start_params p;
        p.connection = "email";
        p.email = "user@example.com";
        p.send = pl::send_method::code;
        auto s = flow.start(p, now);
        REQUIRE(s.request.has_value());
        CHECK_FALSE(s.request->find_header("dpop").has_value());  // never on /passwordless/start
        s = flow.on_response(ok_start(std::move(extra)), now);
        REQUIRE(s.state == pl::flow_state::awaiting_code);
    }
};

}  // namespace

TEST_CASE("flow dpop: the token request carries a proof, the start request none") {
    dpop_harness h;
    h.to_awaiting_code();
    auto s = h.flow.submit_code("123456", now);
    REQUIRE(s.request.has_value());
    const json p = proof_payload(*s.request);
    CHECK(p["htm"] == "POST");
    CHECK(p["htu"] == "https://example.auth0.com/oauth/token");
    CHECK(p["iat"] == now);
    CHECK_FALSE(p.contains("nonce"));
    CHECK_FALSE(p.contains("ath"));
    CHECK(h.counter->calls == 1);
    s = h.flow.on_response(tokens("DPoP"), now);
    REQUIRE(s.state == pl::flow_state::authenticated);
    CHECK(s.event->tokens->token_type == "DPoP");
}

TEST_CASE("flow dpop: use_dpop_nonce is answered once by the flow, with a new jti and the nonce") {
    dpop_harness h;
    h.to_awaiting_code();
    auto first = h.flow.submit_code("123456", now);
    REQUIRE(first.request.has_value());
    auto again = h.flow.on_response(nonce_please("nonce-A"), now + 1);
    CHECK(again.state == pl::flow_state::verifying_code);
    CHECK(again.next == pl::flow_next::send_request);
    CHECK_FALSE(again.error.has_value());
    REQUIRE(again.request.has_value());
    CHECK(again.request->body == first.request->body);
    const json p1 = proof_payload(*first.request);
    const json p2 = proof_payload(*again.request);
    CHECK(p2["nonce"] == "nonce-A");
    CHECK(p2["jti"] != p1["jti"]);
    CHECK(p2["iat"] == now + 1);
    CHECK(h.flow.dpop_nonce() == "nonce-A");
    auto done = h.flow.on_response(tokens("DPoP"), now + 1);
    CHECK(done.state == pl::flow_state::authenticated);
}

TEST_CASE("flow dpop: a second use_dpop_nonce surfaces as dpop_nonce_required; the next submit uses the newest nonce") {
    dpop_harness h;
    h.to_awaiting_code();
    (void)h.flow.submit_code("123456", now);
    auto again = h.flow.on_response(nonce_please("nonce-A"), now);
    REQUIRE(again.request.has_value());
    auto refused = h.flow.on_response(nonce_please("nonce-B"), now);
    CHECK(refused.state == pl::flow_state::awaiting_code);
    CHECK_FALSE(refused.request.has_value());
    REQUIRE(refused.error.has_value());
    CHECK(refused.error->kind == pl::error_kind::dpop_nonce_required);
    CHECK(refused.error->action == pl::error_action::retry);
    CHECK(refused.error->dpop_nonce == "nonce-B");
    CHECK(refused.next == pl::flow_next::ask_for_code);
    // Submitting again: a new proof with the newest nonce, and again one automatic resend allowed.
    auto resubmit = h.flow.submit_code("123456", now + 2);
    REQUIRE(resubmit.request.has_value());
    CHECK(proof_payload(*resubmit.request)["nonce"] == "nonce-B");
    auto third = h.flow.on_response(nonce_please("nonce-C"), now + 2);
    REQUIRE(third.request.has_value());
    CHECK(proof_payload(*third.request)["nonce"] == "nonce-C");
    // Every proof had its own jti.
    CHECK(h.counter->calls == 4);
}

TEST_CASE("flow dpop: a nonce from any earlier answer goes into the first proof; retries get new jtis") {
    dpop_harness h;
    h.to_awaiting_code({{"DPoP-Nonce", "from-start"}});
    CHECK(h.flow.dpop_nonce() == "from-start");
    auto s = h.flow.submit_code("123456", now);
    REQUIRE(s.request.has_value());
    const json p1 = proof_payload(*s.request);
    CHECK(p1["nonce"] == "from-start");
    auto lost = h.flow.on_transport_failure(now);
    CHECK(lost.state == pl::flow_state::awaiting_code);
    auto s2 = h.flow.submit_code("123456", now);
    REQUIRE(s2.request.has_value());
    const json p2 = proof_payload(*s2.request);
    CHECK(p2["jti"] != p1["jti"]);
    // A wrong code's answer with a newer nonce: remembered for the next proof.
    auto wrong = h.flow.on_response(make_response(403, R"({"error":"invalid_grant","error_description":"Wrong email or verification code."})",
                                                  {{"content-type", "application/json"}, {"DPoP-Nonce", "newer"}}),
                                    now);
    CHECK(wrong.error->kind == pl::error_kind::wrong_code);
    auto s3 = h.flow.submit_code("654321", now);
    REQUIRE(s3.request.has_value());
    CHECK(proof_payload(*s3.request)["nonce"] == "newer");
}

TEST_CASE("flow dpop: binding required refuses Bearer tokens; otherwise they are delivered as sent") {
    {
        dpop_harness h(true);
        h.to_awaiting_code();
        (void)h.flow.submit_code("123456", now);
        auto s = h.flow.on_response(tokens("Bearer"), now);
        CHECK(s.state == pl::flow_state::failed);
        REQUIRE(s.error.has_value());
        CHECK(s.error->kind == pl::error_kind::invalid_dpop_proof);
        CHECK(s.error->action == pl::error_action::fix_config);
        CHECK_FALSE(s.event.has_value());
        CHECK(s.error->description.find("at-1") == std::string::npos);
    }
    {
        dpop_harness h(true);
        h.to_awaiting_code();
        (void)h.flow.submit_code("123456", now);
        CHECK(h.flow.on_response(tokens("dpop"), now).state == pl::flow_state::authenticated);
    }
    {
        dpop_harness h(false);
        h.to_awaiting_code();
        (void)h.flow.submit_code("123456", now);
        auto s = h.flow.on_response(tokens("Bearer"), now);
        CHECK(s.state == pl::flow_state::authenticated);
        CHECK(s.event->tokens->token_type == "Bearer");
    }
}

TEST_CASE("flow dpop: invalid_dpop_proof ends the login as a configuration problem") {
    dpop_harness h;
    h.to_awaiting_code();
    (void)h.flow.submit_code("123456", now);
    auto s = h.flow.on_response(make_response(400, R"({"error":"invalid_dpop_proof","error_description":"invalid signature"})"), now);
    CHECK(s.state == pl::flow_state::failed);
    CHECK(s.error->kind == pl::error_kind::invalid_dpop_proof);
    CHECK(s.next == pl::flow_next::stop);
}

TEST_CASE("flow dpop: configuration and random-source refusals") {
    auto counter = std::make_shared<jti_counter>();
    pl::flow_config bad_key = dpop_config(counter);
    bad_key.dpop->key.public_key.x = "AQAB";
    CHECK(pl::login_flow::create(make_client(), bad_key).failure().field == "dpop.key");
    pl::flow_config no_signer = dpop_config(counter);
    no_signer.dpop->key.signer = nullptr;
    CHECK(pl::login_flow::create(make_client(), no_signer).failure().field == "dpop.signer");
    pl::flow_config no_jti = dpop_config(counter);
    no_jti.dpop->jti = nullptr;
    CHECK(pl::login_flow::create(make_client(), no_jti).failure().field == "dpop.jti");

    pl::flow_config short_jti = dpop_config(counter);
    short_jti.dpop->jti = [] { return std::string("short"); };
    auto f = pl::login_flow::create(make_client(), short_jti).value();
    pl::start_params p;
    p.connection = "email";
    p.email = "user@example.com";
    p.send = pl::send_method::code;
    (void)f.start(p, now);
    (void)f.on_response(ok_start(), now);
    auto s = f.submit_code("123456", now);
    CHECK(s.state == pl::flow_state::awaiting_code);
    CHECK_FALSE(s.request.has_value());
    REQUIRE(s.error.has_value());
    CHECK(s.error->kind == pl::error_kind::invalid_argument);
    CHECK(s.error->field == "dpop.jti");
}

TEST_CASE("flow dpop: save and restore keep the nonce; a hostile saved nonce is refused") {
    dpop_harness h;
    h.to_awaiting_code({{"DPoP-Nonce", "kept-nonce"}});
    const std::string saved = h.flow.save();
    CHECK(saved.find("\"dpop_nonce\":\"kept-nonce\"") != std::string::npos);
    auto counter = std::make_shared<jti_counter>();
    auto restored = pl::login_flow::restore(make_client(), dpop_config(counter), saved, now + 5);
    REQUIRE(restored.ok());
    CHECK(restored->dpop_nonce() == "kept-nonce");
    auto s = restored->submit_code("123456", now + 5);
    REQUIRE(s.request.has_value());
    CHECK(proof_payload(*s.request)["nonce"] == "kept-nonce");

    std::string hostile = saved;
    hostile.replace(hostile.find("kept-nonce"), 10, "bad nonce!");
    auto refused = pl::login_flow::restore(make_client(), dpop_config(counter), hostile, now + 5);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.failure().field == "saved_state");
}

TEST_CASE("flow dpop: a login saved with DPoP is refused without it, with another key or other binding") {
    dpop_harness h(true);
    h.to_awaiting_code();
    const std::string saved = h.flow.save();
    auto counter = std::make_shared<jti_counter>();
    pl::flow_config off;  // the same options, DPoP off
    pl::flow_config other_key = dpop_config(counter, true);
    other_key.dpop->key.public_key = pl::dpop_public_key{stub_jws::dpop_key_y, stub_jws::dpop_key_x};
    const pl::flow_config changed[] = {off, dpop_config(counter, false), other_key};
    for (const pl::flow_config& cfg : changed) {
        auto r = pl::login_flow::restore(make_client(), cfg, saved, now + 5);
        REQUIRE_FALSE(r.ok());
        CHECK(r.failure().kind == pl::error_kind::invalid_argument);
        CHECK(r.failure().field == "saved_state");
        CAPTURE(r.failure().description);
        CHECK(r.failure().description.find("other DPoP settings") != std::string::npos);
        CHECK(r.failure().description.find("other ID-token checks") == std::string::npos);
        CHECK(r.failure().description.find("other login rules") == std::string::npos);
    }
    // The reverse: saved without DPoP, restored with it.
    auto plain = pl::login_flow::create(make_client(), off);
    REQUIRE(plain.ok());
    auto with = pl::login_flow::restore(make_client(), dpop_config(counter, true), plain->save(), now);
    REQUIRE_FALSE(with.ok());
    CHECK(with.failure().description.find("other DPoP settings") != std::string::npos);
    // Another jti source or signer function is no difference (neither can be compared).
    CHECK(pl::login_flow::restore(make_client(), dpop_config(counter, true), saved, now + 5).ok());
}

TEST_CASE("flow dpop: MFA grants carry proofs (and the nonce resend), /mfa/ requests never") {
    auto counter = std::make_shared<jti_counter>();
    pl::flow_config cfg = dpop_config(counter);
    cfg.mfa = true;
    pl::login_flow flow = pl::login_flow::create(make_client(), std::move(cfg)).value();
    pl::start_params p;
    p.connection = "email";
    p.email = "user@example.com";
    p.send = pl::send_method::code;
    REQUIRE(flow.start(p, now).request);
    REQUIRE(flow.on_response(ok_start(), now).state == pl::flow_state::awaiting_code);
    REQUIRE(flow.submit_code("123456", now).request);
    auto listing = flow.on_response(
        make_response(403, R"({"error":"mfa_required","mfa_token":"Fe26.2**t"})"), now);
    REQUIRE(listing.request);
    CHECK_FALSE(listing.request->find_header("dpop").has_value());
    REQUIRE(flow.on_response(make_response(200, R"([{"id":"sms|1","authenticator_type":"oob"}])"), now).state ==
            pl::flow_state::choosing_authenticator);
    auto challenge = flow.choose_authenticator("sms|1", now);
    REQUIRE(challenge.request);
    CHECK_FALSE(challenge.request->find_header("dpop").has_value());
    REQUIRE(flow.on_response(make_response(200, R"({"challenge_type":"oob","oob_code":"Fe26.oob","binding_method":"prompt"})"), now).state ==
            pl::flow_state::awaiting_mfa_code);
    auto grant = flow.submit_mfa_code("1234", now);
    REQUIRE(grant.request);
    const json first = proof_payload(*grant.request);
    CHECK(first["htu"] == "https://example.auth0.com/oauth/token");
    auto resend = flow.on_response(nonce_please("nonce-mfa-1"), now);
    CHECK(resend.state == pl::flow_state::verifying_mfa);
    REQUIRE(resend.request);
    const json second = proof_payload(*resend.request);
    CHECK(second["nonce"] == "nonce-mfa-1");
    CHECK(second["jti"] != first["jti"]);
    CHECK(body_of(*resend.request)["binding_code"] == "1234");
    CHECK(flow.on_response(tokens("DPoP"), now).state == pl::flow_state::authenticated);
}
