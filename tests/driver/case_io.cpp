// passwordless-cli: reading driver cases and writing driver results.
#include "case_io.hpp"

#include <cstdio>
#include <cstdlib>
#include <limits>
#include <utility>

#include <passwordless/detail/base64.hpp>

namespace cli {

void invalid_case(const std::string& reason) {
    std::fprintf(stderr, "passwordless-cli vector: invalid case: %s\n", reason.c_str());
    std::exit(2);
}

const json& require_object(const json& parent, const char* name) {
    auto it = parent.find(name);
    if (it == parent.end() || !it->is_object()) invalid_case(std::string("\"") + name + "\" must be an object");
    return *it;
}

namespace {

// Decodes standard or url-safe base64, padding optional: the library's strict base64url decoder
// after mapping the standard alphabet and dropping the padding.
std::optional<std::string> decode_base64(std::string_view in) {
    while (!in.empty() && in.back() == '=') in.remove_suffix(1);
    std::string url(in);
    for (char& c : url) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return passwordless::detail::base64url_decode_strict(url);
}

std::string lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string form_decode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out.push_back(' ');
        } else if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

json optional_or_null(const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); }
json optional_or_null(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
json text_or_null(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

}  // namespace

std::optional<std::string> optional_string(const json& parent, const char* name) {
    auto it = parent.find(name);
    if (it == parent.end() || it->is_null()) return std::nullopt;
    if (const std::string* s = it->get_ptr<const std::string*>()) return *s;
    if (it->is_object()) {
        auto b = it->find("base64");
        if (b != it->end() && b->is_string() && it->size() == 1) {
            auto bytes = decode_base64(b->get_ref<const std::string&>());
            if (!bytes) invalid_case(std::string("\"") + name + "\" has invalid base64");
            return bytes;
        }
    }
    invalid_case(std::string("\"") + name + "\" must be a string or {\"base64\": ...}");
}

std::string require_string(const json& parent, const char* name) {
    auto v = optional_string(parent, name);
    if (!v) invalid_case(std::string("\"") + name + "\" is required");
    return std::move(*v);
}

std::optional<std::int64_t> optional_int(const json& parent, const char* name) {
    auto it = parent.find(name);
    if (it == parent.end() || it->is_null()) return std::nullopt;
    if (it->is_number_integer()) {
        if (it->is_number_unsigned() &&
            it->get<json::number_unsigned_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
            invalid_case(std::string("\"") + name + "\" is out of range");
        return it->get<std::int64_t>();
    }
    invalid_case(std::string("\"") + name + "\" must be an integer");
}

std::int64_t require_int(const json& parent, const char* name) {
    auto v = optional_int(parent, name);
    if (!v) invalid_case(std::string("\"") + name + "\" is required");
    return *v;
}

passwordless::result<passwordless::client> read_client(const json& c) {
    passwordless::client_config cfg;
    cfg.domain = optional_string(c, "domain").value_or("");
    cfg.base_url = optional_string(c, "base_url").value_or("");
    cfg.client_id = optional_string(c, "client_id").value_or("");
    cfg.client_secret = optional_string(c, "client_secret").value_or("");
    cfg.client_assertion = optional_string(c, "client_assertion").value_or("");
    if (auto auth = optional_string(c, "token_auth")) {
        if (*auth == "basic") {
            cfg.token_auth = passwordless::token_endpoint_auth::client_secret_basic;
        } else if (*auth != "post") {
            return passwordless::error::invalid_argument("token_auth", "must be post or basic");
        }
    }
    if (auto enc = optional_string(c, "token_encoding")) {
        if (*enc == "form") {
            cfg.token_encoding = passwordless::body_encoding::form;
        } else if (*enc != "json") {
            return passwordless::error::invalid_argument("token_encoding", "must be json or form");
        }
    }
    auto t = c.find("telemetry");
    if (t != c.end() && t->is_object()) {
        passwordless::telemetry_info info;
        info.name = optional_string(*t, "name").value_or("");
        info.version = optional_string(*t, "version").value_or("");
        auto env = t->find("env");
        if (env != t->end() && env->is_object())
            for (auto it = env->begin(); it != env->end(); ++it) {
                const std::string* v = it->get_ptr<const std::string*>();
                if (v == nullptr) invalid_case("telemetry env values must be strings");
                info.env.emplace_back(it.key(), *v);
            }
        cfg.telemetry = std::move(info);
    } else if (t != c.end() && !t->is_null() && !(t->is_boolean() && !t->get<bool>())) {
        invalid_case("\"telemetry\" must be false or an object");
    }
    return passwordless::client::create(std::move(cfg));
}

passwordless::response read_response(const json& rc) {
    passwordless::response r;
    auto status = rc.find("status");
    if (status == rc.end() || !status->is_number_integer()) invalid_case("response \"status\" must be an integer");
    const auto s = status->get<std::int64_t>();
    r.status = s < -100000 ? -100000 : s > 100000 ? 100000 : static_cast<int>(s);
    auto headers = rc.find("headers");
    if (headers != rc.end() && headers->is_object()) {
        for (auto it = headers->begin(); it != headers->end(); ++it) {
            auto value = optional_string(*headers, it.key().c_str());
            r.headers.push_back({it.key(), value.value_or("")});
        }
    } else if (headers != rc.end() && !headers->is_null()) {
        invalid_case("response \"headers\" must be an object");
    }
    r.body = optional_string(rc, "body").value_or("");
    return r;
}

json request_to_json(const passwordless::request& r) {
    json headers = json::object();
    for (const auto& h : r.headers) headers[lower(h.name)] = h.value;
    json body;
    if (r.content_type == "application/x-www-form-urlencoded") {
        body = json::object();
        std::string_view rest = r.body;
        while (!rest.empty()) {
            const std::size_t amp = rest.find('&');
            std::string_view pair = rest.substr(0, amp);
            const std::size_t eq = pair.find('=');
            body[form_decode(pair.substr(0, eq))] =
                eq == std::string_view::npos ? std::string() : form_decode(pair.substr(eq + 1));
            rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
        }
    } else {
        body = json::parse(r.body, nullptr, false);
        if (body.is_discarded()) body = r.body;
    }
    return json{{"method", r.method}, {"url", r.url}, {"headers", std::move(headers)},
                {"content_type", r.content_type}, {"body", std::move(body)}};
}

json error_to_json(const passwordless::error& e) {
    json rate_limit = nullptr;
    if (e.rate_limit)
        rate_limit = json{{"limit", optional_or_null(e.rate_limit->limit)},
                          {"remaining", optional_or_null(e.rate_limit->remaining)},
                          {"reset", optional_or_null(e.rate_limit->reset)}};
    return json{{"kind", std::string(passwordless::to_string(e.kind))},
                {"action", std::string(passwordless::to_string(e.action))},
                {"status", e.status ? json(*e.status) : json(nullptr)},
                {"code", optional_or_null(e.code)},
                {"description", e.description},
                {"field", text_or_null(e.field)},
                {"reason", text_or_null(e.reason)},
                {"retry_at", optional_or_null(e.retry_at)},
                {"rate_limit", std::move(rate_limit)},
                {"mfa_token", text_or_null(e.mfa_token)},
                {"mfa_requirements", e.mfa_requirements ? json{{"challenge", e.mfa_requirements->challenge},
                                                               {"enroll", e.mfa_requirements->enroll}}
                                                        : json(nullptr)},
                {"dpop_nonce", text_or_null(e.dpop_nonce)}};
}

json failure(const passwordless::error& e) { return json{{"ok", false}, {"error", error_to_json(e)}}; }

json request_result(const passwordless::result<passwordless::request>& r) {
    if (!r.ok()) return failure(r.failure());
    return json{{"ok", true}, {"request", request_to_json(r.value())}};
}

}  // namespace cli
