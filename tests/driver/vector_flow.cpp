// passwordless-cli vector: the flow (scripted state machine) and parse_callback operations.
#include <optional>
#include <string>
#include <utility>

#include "vector_ops.hpp"

namespace cli {

namespace {

json event_to_json(const passwordless::flow_event& ev) {
    json out{{"type", std::string(passwordless::to_string(ev.kind))}};
    if (ev.kind == passwordless::flow_event::type::authenticated) {
        out["tokens"] = ev.tokens ? token_set_to_json(*ev.tokens) : json(nullptr);
        out["claims"] = ev.claims ? ev.claims->json() : json(nullptr);
        if (ev.tokens && ev.tokens->recovery_code) out["recovery_code"] = *ev.tokens->recovery_code;
    } else if (ev.kind == passwordless::flow_event::type::mfa_required) {
        json list = json::array();
        for (const passwordless::mfa_authenticator& a : ev.authenticators) list.push_back(authenticator_to_json(a));
        out["authenticators"] = std::move(list);
        out["requirements"] = ev.requirements ? json{{"challenge", ev.requirements->challenge}, {"enroll", ev.requirements->enroll}}
                                              : json(nullptr);
    } else {
        out["resend_after"] = ev.resend_after ? json(*ev.resend_after) : json(nullptr);
        out["code_expires_at"] = ev.code_expires_at ? json(*ev.code_expires_at) : json(nullptr);
    }
    return out;
}

json step_to_json(const passwordless::flow_step& s) {
    json out{{"state", std::string(passwordless::to_string(s.state))},
             {"request", s.request ? request_to_json(*s.request) : json(nullptr)},
             {"event", s.event ? event_to_json(*s.event) : json(nullptr)},
             {"error", s.error ? error_to_json(*s.error) : json(nullptr)}};
    if (s.poll_at) out["poll_at"] = *s.poll_at;
    return out;
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
        if (auto keys = optional_string(*cfg, "keys")) {
            if (*keys != "fetch") invalid_case("config.keys must be \"fetch\" when present");
            // The flow matches the token's kid to a fetched key; the named verifier does the rest.
            config.keys = passwordless::key_source::fetch;
            config.key_verifier = [v = config.verifier](const passwordless::signature_input& in, const passwordless::jwk&) {
                return v(in);
            };
        }
        config.jwks_uri = optional_string(*cfg, "jwks_uri");
        if (auto e = read_flow_dpop(*cfg, config)) return failure(*e);
        if (auto mfa = cfg->find("mfa"); mfa != cfg->end() && mfa->is_boolean()) config.mfa = mfa->get<bool>();
    }
    const passwordless::client kept_client = client.value();
    const passwordless::flow_config kept_config = config;
    auto flow = passwordless::login_flow::create(std::move(client).value(), std::move(config));
    if (!flow.ok()) return failure(flow.failure());
    std::optional<std::string> last_saved;

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
        } else if (step.contains("save")) {
            last_saved = flow->save();
            out.push_back(json{{"state", std::string(passwordless::to_string(flow->state()))},
                               {"request", nullptr}, {"event", nullptr}, {"error", nullptr}, {"saved", *last_saved}});
        } else if (step.contains("restore")) {
            std::string text = require_string(step, "restore");
            if (text == "$last_saved") {
                if (!last_saved) invalid_case("\"$last_saved\" before any save step");
                text = *last_saved;
            }
            const std::optional<std::string> mfa_token = optional_string(step, "mfa_token");
            auto restored = mfa_token ? passwordless::login_flow::restore_with_mfa_token(kept_client, kept_config, text, now, *mfa_token)
                                      : passwordless::login_flow::restore(kept_client, kept_config, text, now);
            if (restored.ok()) *flow = std::move(restored).value();  // else the old machine stays
            json error = nullptr;
            if (!restored.ok()) error = error_to_json(restored.failure());
            else if (flow->state() == passwordless::flow_state::failed && flow->failure()) error = error_to_json(*flow->failure());
            out.push_back(json{{"state", std::string(passwordless::to_string(flow->state()))},
                               {"request", nullptr}, {"event", nullptr}, {"error", std::move(error)}});
        } else if (step.contains("choose_authenticator")) {
            out.push_back(step_to_json(flow->choose_authenticator(require_string(step, "choose_authenticator"), now)));
        } else if (step.contains("submit_mfa_code")) {
            out.push_back(step_to_json(flow->submit_mfa_code(require_string(step, "submit_mfa_code"), now)));
        } else if (step.contains("submit_recovery_code")) {
            out.push_back(step_to_json(flow->submit_recovery_code(require_string(step, "submit_recovery_code"), now)));
        } else if (step.contains("poll")) {
            out.push_back(step_to_json(flow->poll(now)));
        } else if (step.contains("retry")) {
            out.push_back(step_to_json(flow->retry(now)));
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
