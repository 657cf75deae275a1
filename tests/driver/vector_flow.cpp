// passwordless-cli vector: the flow (scripted state machine) and parse_callback operations.
#include <string>
#include <utility>

#include "vector_ops.hpp"

namespace cli {

namespace {

json token_set_to_json(const passwordless::token_set& t) {
    json out{{"access_token", t.access_token}, {"token_type", t.token_type}};
    if (t.expires_in) out["expires_in"] = *t.expires_in;
    if (t.expires_at) out["expires_at"] = *t.expires_at;
    if (t.refresh_token) out["refresh_token"] = *t.refresh_token;
    if (t.id_token) out["id_token"] = *t.id_token;
    if (t.scope) out["scope"] = *t.scope;
    return out;
}

json event_to_json(const passwordless::flow_event& ev) {
    json out{{"type", std::string(passwordless::to_string(ev.kind))}};
    if (ev.kind == passwordless::flow_event::type::authenticated) {
        out["tokens"] = ev.tokens ? token_set_to_json(*ev.tokens) : json(nullptr);
        out["claims"] = ev.claims ? ev.claims->json() : json(nullptr);
    } else {
        out["resend_after"] = ev.resend_after ? json(*ev.resend_after) : json(nullptr);
        out["code_expires_at"] = ev.code_expires_at ? json(*ev.code_expires_at) : json(nullptr);
    }
    return out;
}

json step_to_json(const passwordless::flow_step& s) {
    return json{{"state", std::string(passwordless::to_string(s.state))},
                {"request", s.request ? request_to_json(*s.request) : json(nullptr)},
                {"event", s.event ? event_to_json(*s.event) : json(nullptr)},
                {"error", s.error ? error_to_json(*s.error) : json(nullptr)}};
}

}  // namespace

json op_flow(const json& c) {
    auto client = read_client(require_object(c, "client"));
    if (!client.ok()) return failure(client.failure());
    passwordless::flow_config config;
    auto cfg = c.find("config");
    if (cfg != c.end() && cfg->is_object()) {
        auto expect = cfg->find("id_token");
        if (expect != cfg->end() && expect->is_object()) config.id_token = read_expectations(*expect);
        config.verifier = read_verifier(*cfg);
        if (auto v = optional_int(*cfg, "code_lifetime")) config.code_lifetime = *v;
        if (auto v = optional_int(*cfg, "resend_cooldown")) config.resend_cooldown = *v;
        if (auto v = optional_int(*cfg, "max_attempts")) config.max_attempts = static_cast<int>(std::max<std::int64_t>(-1, std::min<std::int64_t>(*v, 1000)));
        config.audience = optional_string(*cfg, "audience");
        config.scope = optional_string(*cfg, "scope");
    }
    auto flow = passwordless::login_flow::create(std::move(client).value(), std::move(config));
    if (!flow.ok()) return failure(flow.failure());

    auto steps = c.find("steps");
    if (steps == c.end() || !steps->is_array()) invalid_case("\"steps\" must be an array");
    json out = json::array();
    for (const json& step : *steps) {
        if (!step.is_object()) invalid_case("each step must be an object");
        const passwordless::unix_seconds now = require_int(step, "now");
        if (step.contains("start")) {
            const json& p = require_object(step, "start");
            passwordless::start_params params;
            if (auto e = read_start_params(p, params)) {
                out.push_back(json{{"state", std::string(passwordless::to_string(flow->state()))},
                                   {"request", nullptr}, {"event", nullptr}, {"error", error_to_json(*e)}});
                continue;
            }
            out.push_back(step_to_json(flow->start(params, now)));
        } else if (step.contains("response")) {
            out.push_back(step_to_json(flow->on_response(read_response(require_object(step, "response")), now)));
        } else if (step.contains("submit_code")) {
            out.push_back(step_to_json(flow->submit_code(require_string(step, "submit_code"), now)));
        } else if (step.contains("resend")) {
            out.push_back(step_to_json(flow->resend(now)));
        } else if (step.contains("transport_failed")) {
            out.push_back(step_to_json(flow->on_transport_failure(now)));
        } else if (step.contains("cancel")) {
            out.push_back(step_to_json(flow->cancel(now)));
        } else {
            invalid_case("unknown step");
        }
    }
    return json{{"ok", true}, {"steps", std::move(out)}};
}

json op_parse_callback(const json& c) {
    const std::string url = require_string(c, "url");
    const json& expect = require_object(c, "expect");
    const std::string state = optional_string(expect, "state").value_or("");
    auto parsed = passwordless::parse_callback(url, state);
    if (!parsed.ok()) return failure(parsed.failure());
    const passwordless::callback_result& r = parsed.value();
    json result = json::object();
    if (r.code) result["code"] = *r.code;
    if (r.access_token) result["access_token"] = *r.access_token;
    if (r.id_token) result["id_token"] = *r.id_token;
    if (r.token_type) result["token_type"] = *r.token_type;
    if (r.expires_in) result["expires_in"] = *r.expires_in;
    if (r.scope) result["scope"] = *r.scope;
    result["state"] = r.state;
    return json{{"ok", true}, {"result", std::move(result)}};
}

}  // namespace cli
