// Fuzz target: client::create and the request builders (build_start_request, and
// build_token_request for the OTP and the refresh grant), fed random configurations and
// parameters through FuzzedDataProvider (each string is either a typical value or raw bytes).
//
// Properties checked (abort on violation):
//  1. Every request built is a POST to the client's base URL plus the endpoint path; the URL and
//     every header name and value hold no CR, LF, NUL or other control character; header names
//     are lower-case tokens, none repeated; content-type is there once and equals content_type.
//  2. Every body re-parses (JSON: with nlohmann and with the library's strict reader, an object
//     of strings with no duplicate names; form: percent-decoding) and round-trips: it holds
//     exactly the members the inputs call for, with exactly the caller's values (client_id,
//     client_secret only when sent in the body, assertion, connection, email or phone number,
//     send, authParams, grant_type, username, otp, realm, audience, scope, refresh_token).
//  3. Headers round-trip too: Authorization Basic decodes to the form-encoded id and secret,
//     Auth0-Client decodes to the telemetry JSON, x-request-language and auth0-forwarded-for
//     carry the caller's values; the secret appears nowhere but the body or Authorization.
//  4. Refusals are invalid_argument naming a field, well-formed, and no secret (client secret,
//     assertion, one-time code, refresh token: all marked "CANARY" here, a marker scrubbed from
//     every other input) appears in any message.
#include <map>

#include <fuzzer/FuzzedDataProvider.h>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

constexpr std::string_view marker = "CANARY";

// Non-secret inputs never contain the marker, so finding it in a message means a secret leaked.
std::string scrub(std::string s) {
    for (std::size_t p = s.find(marker); p != std::string::npos; p = s.find(marker, p)) s[p] = 'c';
    return s;
}

struct input {
    FuzzedDataProvider& fdp;

    // A typical value from `pool`, or raw bytes (scrubbed of the marker).
    std::string text(std::initializer_list<const char*> pool, std::size_t max_len = 300) {
        const std::size_t pick = fdp.ConsumeIntegralInRange<std::size_t>(0, pool.size());
        if (pick < pool.size()) return *(pool.begin() + static_cast<std::ptrdiff_t>(pick));
        return scrub(fdp.ConsumeRandomLengthString(max_len));
    }
    std::optional<std::string> maybe(std::initializer_list<const char*> pool, std::size_t max_len = 300) {
        if (!fdp.ConsumeBool()) return std::nullopt;
        return text(pool, max_len);
    }
    // A secret: marked, so a leak is visible.
    std::string secret(std::initializer_list<const char*> pool, std::size_t max_len = 300) {
        return std::string(marker) + text(pool, max_len);
    }
};

const std::string_view token_chars = "!#$%&'*+-.^_`|~";

bool is_header_name(std::string_view n) {
    if (n.empty()) return false;
    for (char c : n) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || token_chars.find(c) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

void check_request_shape(const pl::request& r, const pl::client& c, std::string_view path) {
    FUZZ_CHECK(r.method == "POST");
    FUZZ_CHECK(r.url == c.endpoint_url(path));
    FUZZ_CHECK(r.url.compare(0, 8, "https://") == 0 || r.url.compare(0, 7, "http://") == 0);
    FUZZ_CHECK(!has_control(r.url) && r.url.find(' ') == std::string::npos);
    int content_types = 0;
    for (std::size_t i = 0; i < r.headers.size(); ++i) {
        const pl::header& h = r.headers[i];
        FUZZ_CHECK(is_header_name(h.name));
        FUZZ_CHECK(!has_control(h.value));
        FUZZ_CHECK(h.value.find('\r') == std::string::npos && h.value.find('\n') == std::string::npos &&
                   h.value.find('\0') == std::string::npos);
        FUZZ_CHECK(h.name != "host" && h.name != "content-length" && h.name != "transfer-encoding");
        for (std::size_t k = 0; k < i; ++k) FUZZ_CHECK(r.headers[k].name != h.name);
        if (h.name == "content-type") {
            ++content_types;
            FUZZ_CHECK(h.value == r.content_type);
        }
    }
    FUZZ_CHECK(content_types == 1);
    FUZZ_CHECK(r.url.find(marker) == std::string::npos);
    for (const pl::header& h : r.headers)
        if (h.name != "authorization") FUZZ_CHECK(h.value.find(marker) == std::string::npos);
}

void check_refusal(const pl::error& e) {
    check_error_shape(e);
    FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument);
    FUZZ_CHECK(all_text(e).find(marker) == std::string::npos);
}

using members = std::map<std::string, json>;

std::optional<std::string> percent_decode(std::string_view s) {
    auto hex = [](char ch) -> int {
        if (ch >= '0' && ch <= '9') return ch - '0';
        if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
        return -1;
    };
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (s.size() - i < 3 || hex(s[i + 1]) < 0 || hex(s[i + 2]) < 0) return std::nullopt;
        out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
        i += 2;
    }
    return out;
}

members body_members(const pl::request& r) {
    members out;
    if (r.content_type == "application/x-www-form-urlencoded") {
        std::string_view rest = r.body;
        while (!rest.empty()) {
            const std::size_t amp = rest.find('&');
            const std::string_view pair = rest.substr(0, amp);
            rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
            const std::size_t eq = pair.find('=');
            FUZZ_CHECK(eq != std::string_view::npos);
            auto name = percent_decode(pair.substr(0, eq));
            auto value = percent_decode(pair.substr(eq + 1));
            FUZZ_CHECK(name && value);
            FUZZ_CHECK(out.find(*name) == out.end());
            out[*name] = *value;
        }
        return out;
    }
    FUZZ_CHECK(r.content_type == "application/json");
    const json loose = json::parse(r.body, nullptr, false);
    FUZZ_CHECK(!loose.is_discarded() && loose.is_object());
    auto strict = library_json(r.body);
    FUZZ_CHECK(strict && *strict == loose);
    for (auto it = loose.begin(); it != loose.end(); ++it) out[it.key()] = it.value();
    return out;
}

void expect_member(members& m, const std::string& name, const std::string& value) {
    auto it = m.find(name);
    FUZZ_CHECK(it != m.end());
    FUZZ_CHECK(it->second.is_string() && it->second.get_ref<const std::string&>() == value);
    m.erase(it);
}

void expect_credentials(members& m, const pl::client_config& cfg, bool secret_in_body) {
    if (!cfg.client_secret.empty() && secret_in_body) expect_member(m, "client_secret", cfg.client_secret);
    if (!cfg.client_assertion.empty()) {
        expect_member(m, "client_assertion", cfg.client_assertion);
        expect_member(m, "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    }
}

std::optional<std::string> base64_decode_standard(std::string_view s) {
    std::string out;
    std::uint32_t acc = 0;
    int bits = 0;
    std::size_t pad = 0;
    for (char c : s) {
        if (c == '=') {
            ++pad;
            continue;
        }
        if (pad) return std::nullopt;
        const int v = pl::detail::base64_value(c, pl::detail::base64_alphabet::standard);
        if (v < 0) return std::nullopt;
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    if (s.size() % 4 != 0 || pad > 2) return std::nullopt;
    return out;
}

void check_optional_header(const pl::request& r, const char* name, const std::optional<std::string>& want) {
    auto v = r.find_header(name);
    FUZZ_CHECK(v.has_value() == want.has_value());
    if (want) FUZZ_CHECK(*v == *want);
}

void check_telemetry(const pl::request& r, const pl::client& c) {
    const auto& t = c.config().telemetry;
    auto v = r.find_header("auth0-client");
    FUZZ_CHECK(v.has_value() == t.has_value());
    if (!t) return;
    FUZZ_CHECK(*v == c.telemetry_header());
    auto bytes = pl::detail::base64url_decode_strict(*v);
    FUZZ_CHECK(bytes);
    auto j = library_json(*bytes);
    FUZZ_CHECK(j && j->is_object() && j->size() == 3);
    FUZZ_CHECK((*j)["name"] == t->name && (*j)["version"] == t->version);
    const json& env = (*j)["env"];
    FUZZ_CHECK(env.is_object() && env.size() == t->env.size());
    for (const auto& [k, val] : t->env) FUZZ_CHECK(env.contains(k) && env[k] == val);
}

pl::client_config make_config(input& in) {
    pl::client_config cfg;
    cfg.domain = in.text({"example.auth0.com", "tenant.eu.auth0.com:8443", "[::1]:3000", "localhost", ""}, 80);
    if (in.fdp.ConsumeIntegralInRange(0, 3) == 0)
        cfg.base_url = in.text({"http://127.0.0.1:8080", "https://login.example.com/", "http://localhost", "http://example.com"}, 80);
    cfg.client_id = in.text({"abc123", "AaBbCc-_.~09"}, 80);
    switch (in.fdp.ConsumeIntegralInRange(0, 3)) {
        case 0: cfg.client_secret = in.secret({"-secret-value", "-s3cr3t with spaces &=%+:/"}); break;
        case 1: cfg.client_assertion = in.secret({"hdr.payload.sig", "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.c2ln"}); break;
        default: break;
    }
    cfg.token_auth = in.fdp.ConsumeBool() ? pl::token_endpoint_auth::client_secret_basic : pl::token_endpoint_auth::client_secret_post;
    cfg.token_encoding = in.fdp.ConsumeBool() ? pl::body_encoding::form : pl::body_encoding::json;
    if (in.fdp.ConsumeBool()) {
        pl::telemetry_info t;
        t.name = in.text({"auth0-cpp", "na\"me\\"}, 60);
        t.version = in.text({"1.2.3", "\xc3\xa9t\xc3\xa9"}, 60);
        const int n = in.fdp.ConsumeIntegralInRange(0, 3);
        for (int i = 0; i < n; ++i) {
            // One statement per draw: argument order is unspecified, and the corpus must mean the
            // same to every compiler.
            std::string key = in.text({"engine", "os"}, 30);
            std::string value = in.text({"godot", "linux"}, 30);
            t.env.emplace_back(std::move(key), std::move(value));
        }
        cfg.telemetry = std::move(t);
    }
    if (in.fdp.ConsumeIntegralInRange(0, 7) == 0) {
        cfg.limits.max_body_bytes = in.fdp.ConsumeIntegralInRange<std::size_t>(0, std::size_t{1} << 31);
        cfg.limits.max_json_depth = in.fdp.ConsumeIntegralInRange<std::size_t>(0, 1000);
        cfg.limits.max_token_bytes = in.fdp.ConsumeIntegralInRange<std::size_t>(0, std::size_t{1} << 25);
        cfg.limits.max_input_bytes = in.fdp.ConsumeIntegralInRange<std::size_t>(0, std::size_t{1} << 21);
    }
    return cfg;
}

void fuzz_start(input& in, const pl::client& c) {
    pl::start_params p;
    p.connection = in.text({"email", "sms", "my-connection.1", "Bad Conn"}, 140);
    switch (in.fdp.ConsumeIntegralInRange(0, 3)) {
        case 0: p.email = in.text({"user@example.com", "\xc3\xbcser@ex\xc3\xa4mple.de", "a@b", "no-at-sign"}, 300); break;
        case 1: p.phone_number = in.text({"+14155552671", "+441234567", "0123"}, 40); break;
        case 2:
            p.email = in.text({"user@example.com"}, 300);
            p.phone_number = in.text({"+14155552671"}, 40);
            break;
        default: break;
    }
    if (in.fdp.ConsumeBool())
        p.send = in.fdp.PickValueInArray({pl::send_method::code, pl::send_method::link, pl::send_method::link_ios,
                                          pl::send_method::link_android});
    if (in.fdp.ConsumeBool()) {
        p.auth_params.emplace();
        const int n = in.fdp.ConsumeIntegralInRange(0, 70);
        for (int i = 0; i < n; ++i) {
            std::string name = in.text({"scope", "state", "redirect_uri", "response_type"}, 140);
            std::string value = in.text({"openid email", "xyz", "https://app.example.com/cb?a=1&b=2", ""}, 200);
            p.auth_params->emplace_back(std::move(name), std::move(value));
        }
    }
    p.language = in.maybe({"en", "pt-BR", "fr;q=0.9", "x\r\ninjected: 1"}, 300);
    p.forwarded_for = in.maybe({"203.0.113.7", "2001:db8::1", "::ffff:192.0.2.1", "1.2.3.4.5", "203.0.113.7\r\nx: y"}, 60);

    auto r = pl::build_start_request(c, p);
    note_result(r, describe_request);
    if (!r.ok()) {
        check_refusal(r.failure());
        return;
    }
    check_request_shape(r.value(), c, "/passwordless/start");
    FUZZ_CHECK(r->content_type == "application/json");
    members m = body_members(r.value());
    const pl::client_config& cfg = c.config();
    expect_member(m, "client_id", cfg.client_id);
    expect_credentials(m, cfg, true);
    expect_member(m, "connection", p.connection);
    FUZZ_CHECK(p.email.has_value() != p.phone_number.has_value());
    if (p.email) expect_member(m, "email", *p.email);
    if (p.phone_number) {
        expect_member(m, "phone_number", *p.phone_number);
        FUZZ_CHECK(pl::detail::is_e164(*p.phone_number));
    }
    if (p.send) expect_member(m, "send", std::string(pl::to_string(*p.send)));
    if (p.auth_params) {
        auto it = m.find("authParams");
        FUZZ_CHECK(it != m.end() && it->second.is_object());
        FUZZ_CHECK(it->second.size() == p.auth_params->size());
        for (const auto& [name, value] : *p.auth_params) FUZZ_CHECK(it->second.contains(name) && it->second[name] == value);
        m.erase(it);
    }
    FUZZ_CHECK(m.empty());  // nothing else in the body
    check_optional_header(r.value(), "x-request-language", p.language);
    check_optional_header(r.value(), "auth0-forwarded-for", p.forwarded_for);
    check_optional_header(r.value(), "authorization", std::nullopt);  // start never uses Basic
    check_telemetry(r.value(), c);
    FUZZ_CHECK(r->headers.size() == 1 + (cfg.telemetry ? 1u : 0u) + (p.language ? 1u : 0u) + (p.forwarded_for ? 1u : 0u));
}

void check_token_request(const pl::request& r, const pl::client& c, members& m, const std::optional<std::string>& forwarded_for) {
    const pl::client_config& cfg = c.config();
    const bool basic = cfg.token_auth == pl::token_endpoint_auth::client_secret_basic;
    check_request_shape(r, c, "/oauth/token");
    FUZZ_CHECK(r.content_type == (cfg.token_encoding == pl::body_encoding::form ? "application/x-www-form-urlencoded"
                                                                                 : "application/json"));
    expect_member(m, "client_id", cfg.client_id);
    expect_credentials(m, cfg, !basic);
    FUZZ_CHECK(m.empty());
    auto auth = r.find_header("authorization");
    FUZZ_CHECK(auth.has_value() == basic);
    if (basic) {
        FUZZ_CHECK(auth->substr(0, 6) == "Basic ");
        auto decoded = base64_decode_standard(auth->substr(6));
        FUZZ_CHECK(decoded);
        const std::size_t colon = decoded->find(':');
        FUZZ_CHECK(colon != std::string::npos);
        FUZZ_CHECK(percent_decode(decoded->substr(0, colon)) == cfg.client_id);
        FUZZ_CHECK(percent_decode(decoded->substr(colon + 1)) == cfg.client_secret);
    }
    check_optional_header(r, "auth0-forwarded-for", forwarded_for);
    check_telemetry(r, c);
    FUZZ_CHECK(r.headers.size() == 1 + (cfg.telemetry ? 1u : 0u) + (basic ? 1u : 0u) + (forwarded_for ? 1u : 0u));
}

void fuzz_otp(input& in, const pl::client& c) {
    pl::otp_grant_params p;
    p.realm = in.text({"email", "sms", "custom"}, 140);
    p.username = in.text({"user@example.com", "+14155552671", "user"}, 300);
    switch (in.fdp.ConsumeIntegralInRange(0, 2)) {
        case 0: p.otp = in.text({"123456", "0000", "0123456789012345", "12345678901234567", "12 34"}, 40); break;
        default: p.otp = in.secret({"123456", "\r\n", ""}, 40); break;
    }
    p.audience = in.maybe({"https://api.example.com/", "urn:my-api", "bad aud"}, 300);
    p.scope = in.maybe({"openid profile email offline_access", "openid", "two  spaces", " lead"}, 300);
    p.forwarded_for = in.maybe({"203.0.113.7", "2001:db8::1"}, 60);

    auto r = pl::build_token_request(c, p);
    note_result(r, describe_request);
    if (!r.ok()) {
        check_refusal(r.failure());
        return;
    }
    members m = body_members(r.value());
    expect_member(m, "grant_type", std::string(pl::otp_grant_type));
    expect_member(m, "username", p.username);
    expect_member(m, "otp", p.otp);
    expect_member(m, "realm", p.realm);
    if (p.audience) expect_member(m, "audience", *p.audience);
    if (p.scope) expect_member(m, "scope", *p.scope);
    FUZZ_CHECK(p.otp.size() >= 4 && p.otp.size() <= 16);
    for (char ch : p.otp) FUZZ_CHECK(ch >= '0' && ch <= '9');
    check_token_request(r.value(), c, m, p.forwarded_for);
}

void fuzz_refresh(input& in, const pl::client& c) {
    pl::refresh_grant_params p;
    p.refresh_token = in.secret({"-v1.MjQ2N2Y4", "\n", " "}, 300);
    p.scope = in.maybe({"openid offline_access", "a\"b"}, 300);
    p.audience = in.maybe({"https://api.example.com/"}, 300);
    auto r = pl::build_token_request(c, p);
    note_result(r, describe_request);
    if (!r.ok()) {
        check_refusal(r.failure());
        return;
    }
    members m = body_members(r.value());
    expect_member(m, "grant_type", "refresh_token");
    expect_member(m, "refresh_token", p.refresh_token);
    if (p.scope) expect_member(m, "scope", *p.scope);
    if (p.audience) expect_member(m, "audience", *p.audience);
    check_token_request(r.value(), c, m, std::nullopt);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    FuzzedDataProvider fdp(data, size);
    input in{fdp};
    pl::client_config cfg = make_config(in);
    auto created = pl::client::create(cfg);
    note_result(created, [](const pl::client&) { return std::string("client"); });
    if (!created.ok()) {
        check_refusal(created.failure());
        static const char* const fields[] = {"domain", "base_url", "client_id", "client_secret", "client_assertion",
                                             "token_auth", "telemetry", "limits"};
        bool known = false;
        for (const char* f : fields) known = known || created.failure().field == f;
        FUZZ_CHECK(known);
        pl::client_config fallback;
        fallback.domain = "example.auth0.com";
        fallback.client_id = "abc123";
        fallback.client_secret = "CANARY-fallback-secret";
        fallback.token_auth = cfg.token_auth;
        fallback.token_encoding = cfg.token_encoding;
        created = pl::client::create(fallback);
        FUZZ_CHECK(created.ok());
    }
    const pl::client& c = created.value();
    while (fdp.remaining_bytes() > 0) {
        switch (fdp.ConsumeIntegralInRange(0, 2)) {
            case 0: fuzz_start(in, c); break;
            case 1: fuzz_otp(in, c); break;
            default: fuzz_refresh(in, c); break;
        }
    }
    return 0;
}
