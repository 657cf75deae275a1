// bench: the full email-code login on the fixed inputs of shared/bench/flow.json, three ways
// (then twice more through login_flow with keys it fetches, and save + restore of a pending login):
//   library   build start request, parse start response, build token request, parse token
//             response, decode the ID token and check its claims (accepting verifier)
//   baseline  the same steps written by hand with nlohmann/json's DOM
//   floor     nlohmann/json's lexer over the same JSON with a SAX handler that does nothing
//   dpop      the library's login with DPoP: the token request carries a proof (a stub signer
//             stands in for ES256, whose cost is the key store's), both answers' DPoP-Nonce read
// Reports nanoseconds per login (median of several runs) and heap allocations per login.
//   usage: bench [--json] [FLOW_JSON]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <passwordless.hpp>

// ---- allocation counting (this program only) ----------------------------------------------
static std::atomic<unsigned long long> g_allocations{0};

void* operator new(std::size_t n) {
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    std::abort();
}
void* operator new[](std::size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

namespace pl = passwordless;
using json = nlohmann::json;

struct inputs {
    pl::client_config client;
    pl::start_params start;
    pl::response start_response;
    pl::otp_grant_params grant;
    pl::response token_response;
    pl::unix_seconds now = 1700000000;
};

pl::response read_response(const json& j) {
    pl::response r;
    r.status = j["status"].get<int>();
    for (auto it = j["headers"].begin(); it != j["headers"].end(); ++it) r.headers.push_back({it.key(), it->get<std::string>()});
    r.body = j["body"].get<std::string>();
    return r;
}

inputs load(const char* path) {
    std::ifstream f(path);
    std::stringstream text;
    text << f.rdbuf();
    const json j = json::parse(text.str(), nullptr, false);
    if (!j.is_object()) {
        std::fprintf(stderr, "bench: cannot read %s\n", path);
        std::exit(2);
    }
    inputs in;
    in.client.domain = j["client"]["domain"];
    in.client.client_id = j["client"]["client_id"];
    const json& s = j["start_params"];
    in.start.connection = s["connection"];
    in.start.email = s["email"].get<std::string>();
    in.start.send = pl::parse_send_method(s["send"].get<std::string>()).value();
    std::vector<std::pair<std::string, std::string>> auth;
    for (auto it = s["auth_params"].begin(); it != s["auth_params"].end(); ++it) auth.emplace_back(it.key(), it->get<std::string>());
    in.start.auth_params = auth;
    in.start_response = read_response(j["start_response"]);
    const json& t = j["token_params"];
    in.grant.realm = t["realm"];
    in.grant.username = t["username"];
    in.grant.otp = t["otp"];
    in.grant.audience = t["audience"].get<std::string>();
    in.grant.scope = t["scope"].get<std::string>();
    in.token_response = read_response(j["token_response"]);
    return in;
}

// ---- the library ----------------------------------------------------------------------------
struct library_login {
    const inputs& in;
    pl::client client;
    pl::id_token_expectations expect;
    pl::signature_verifier accept = [](const pl::signature_input&) { return true; };
    const pl::dpop_key* dpop = nullptr;  // set: the DPoP variant

    explicit library_login(const inputs& i) : in(i), client(pl::client::create(i.client).value()) {
        expect.issuer = pl::expected_issuer(client);
        expect.client_id = client.client_id();
    }

    std::size_t run() const {
        auto start_req = pl::build_start_request(client, in.start);
        auto started = pl::parse_start_response(in.start_response, in.now, client.limits());
        auto token_req = pl::build_token_request(client, in.grant);
        std::size_t proof = 0;
        if (dpop != nullptr && token_req.ok()) {
            pl::dpop_nonce_store nonces;
            nonces.observe(in.start_response);
            if (pl::add_dpop_proof(token_req.value(), *dpop, in.now, "0123456789abcdef", nonces.current())) std::abort();
            nonces.observe(in.token_response);
            proof = token_req->headers.back().value.size();
        }
        auto tokens = pl::parse_token_response(in.token_response, in.now, client.limits());
        if (!start_req.ok() || !started.ok() || !token_req.ok() || !tokens.ok() || !tokens->id_token) std::abort();
        auto claims = pl::verify_id_token(*tokens->id_token, expect, accept, in.now, client.limits());
        if (!claims.ok()) std::abort();
        return start_req->body.size() + token_req->body.size() + claims->sub().size() + proof;
    }
};

// A stand-in ES256 signer: 64 bytes, no work (the real signature's cost is the key store's).
std::string stub_es256(std::string_view input) { return std::string(64, static_cast<char>(input.size() & 0x7F)); }

// ---- the same login through login_flow, verifying with keys the flow fetches -------------------
// One flow, reused (cancel after each login). `warm`: the caller's shared jwks_cache already holds
// the tenant's keys, as for every login after the first; cold: every login fetches the JWKS.
struct flow_login {
    const inputs& in;
    bool warm;
    mutable pl::jwks_cache cache;
    mutable std::optional<pl::login_flow> flow;
    pl::response keys;

    flow_login(const inputs& i, bool warm_cache) : in(i), warm(warm_cache), cache(warm_cache ? 86400 : 0) {
        const pl::client client = pl::client::create(i.client).value();
        pl::flow_config cfg;
        cfg.id_token = pl::id_token_expectations{};
        cfg.id_token->issuer = pl::expected_issuer(client);
        cfg.id_token->client_id = client.client_id();
        cfg.audience = i.grant.audience;
        cfg.scope = i.grant.scope;
        cfg.keys = pl::key_source::fetch;
        cfg.key_verifier = [](const pl::signature_input&, const pl::jwk&) { return true; };
        cfg.key_cache = &cache;
        flow = pl::login_flow::create(client, cfg).value();
        keys.status = 200;
        keys.headers = {{"content-type", "application/json; charset=utf-8"}};
        keys.body = R"({"keys":[{"alg":"RS256","kty":"RSA","use":"sig","kid":"NkJCQzIyQzRBMEU4NjhGNUU4MzU4RkY0M0ZDQzkwOUQ0Q0VGNUMwQg",)"
                    R"("n":"2716qRDfc2SWyag0vR_ouGEMVaMkMNkxWuZxjbtvH5Fx52VbFu9P8-3HlpXm7Mu4BvRHckw33q8BDN4yETQhpjol3VJnZzDfY84mc3_PVfeao6CyANqdHV3Ew15ZGGFiiKAYiH7OEyBtrE5Ytv4xRdPVUOQDG-QwaHdO_uo_YTjrtI95gfFvZfjpGQoiuWJR84qZ_pSUBdB9SHL9-Dqp0U_Chmc21az1rk4-DAuoTO3oxV6dHz4hAOPXfEG0XGIT83Jdrwn7kujXpRzaJPLRItlsE1a4dU-r147UfLBHZRZHYrB_CtBTQazKMqqR3jFXPKAzNA3MeFexSpB1vtu4sg",)"
                    R"("e":"AQAB"}]})";
        if (warm) cache.replace(pl::parse_jwks(keys.body).value(), in.now);
    }

    std::size_t run() const {
        pl::login_flow& f = *flow;
        if (!warm) cache = pl::jwks_cache(0);  // an empty cache: this login fetches the keys
        pl::flow_step s = f.start(in.start, in.now);
        const std::size_t start_size = s.request ? s.request->body.size() : 0;
        s = f.on_response(in.start_response, in.now);
        s = f.submit_code(in.grant.otp, in.now);
        const std::size_t token_size = s.request ? s.request->body.size() : 0;
        s = f.on_response(in.token_response, in.now);
        if (s.state == pl::flow_state::fetching_keys) s = f.on_response(keys, in.now);
        if (s.state != pl::flow_state::authenticated || !s.event || !s.event->claims) std::abort();
        const std::size_t out = start_size + token_size + s.event->claims->sub().size();
        (void)f.cancel(in.now);
        return out;
    }
};

// ---- saving a pending login and restoring it ------------------------------------------------
struct save_restore {
    const inputs& in;
    pl::client client;
    pl::flow_config cfg;
    std::optional<pl::login_flow> pending;

    explicit save_restore(const inputs& i) : in(i), client(pl::client::create(i.client).value()) {
        pending = pl::login_flow::create(client, cfg).value();
        (void)pending->start(in.start, in.now);
        if (pending->on_response(in.start_response, in.now).state != pl::flow_state::awaiting_code) std::abort();
    }

    std::size_t run() const {
        const std::string text = pending->save();
        auto back = pl::login_flow::restore(client, cfg, text, in.now + 60);
        if (!back.ok() || back->state() != pl::flow_state::awaiting_code) std::abort();
        return text.size();
    }
};

// ---- the hand-written baseline ----------------------------------------------------------------
std::string b64url_decode(const std::string& in) {
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (char c : in) {
        int v = -1;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '-') v = 62;
        else if (c == '_') v = 63;
        else return {};
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    return out;
}

struct baseline_login {
    const inputs& in;

    std::size_t run() const {
        // Start request.
        json start{{"client_id", in.client.client_id}, {"connection", in.start.connection}, {"email", *in.start.email},
                   {"send", "code"}};
        json auth = json::object();
        for (const auto& [k, v] : *in.start.auth_params) auth[k] = v;
        start["authParams"] = auth;
        const std::string start_body = start.dump();
        const std::string start_url = "https://" + in.client.domain + "/passwordless/start";
        // Start response.
        const json started = json::parse(in.start_response.body, nullptr, false);
        if (!started.is_object() || !started.contains("_id")) std::abort();
        const std::string id = started["_id"].get<std::string>();
        // Token request.
        json grant{{"grant_type", "http://auth0.com/oauth/grant-type/passwordless/otp"}, {"client_id", in.client.client_id},
                   {"username", in.grant.username}, {"otp", in.grant.otp}, {"realm", in.grant.realm},
                   {"audience", *in.grant.audience}, {"scope", *in.grant.scope}};
        const std::string token_body = grant.dump();
        // Token response.
        const json tokens = json::parse(in.token_response.body, nullptr, false);
        if (!tokens.is_object()) std::abort();
        const std::string access_token = tokens["access_token"].get<std::string>();
        const std::string id_token = tokens["id_token"].get<std::string>();
        const long long expires_at = in.now + tokens["expires_in"].get<long long>();
        // ID token: split, decode, parse, check.
        const std::size_t d1 = id_token.find('.');
        const std::size_t d2 = id_token.find('.', d1 + 1);
        const json header = json::parse(b64url_decode(id_token.substr(0, d1)), nullptr, false);
        const json claims = json::parse(b64url_decode(id_token.substr(d1 + 1, d2 - d1 - 1)), nullptr, false);
        const std::string signature = b64url_decode(id_token.substr(d2 + 1));
        if (header["alg"] != "RS256" || claims["iss"] != "https://example.auth0.com/" || claims["aud"] != in.client.client_id ||
            claims["exp"].get<long long>() + 60 <= in.now || claims["iat"].get<long long>() > in.now + 60 || signature.empty())
            std::abort();
        const std::string sub = claims["sub"].get<std::string>();
        return start_body.size() + start_url.size() + id.size() + token_body.size() + access_token.size() +
               static_cast<std::size_t>(expires_at & 1) + sub.size();
    }
};

// ---- the floor: nlohmann/json's lexer with a SAX handler that does nothing -------------------
struct null_sax {
    using number_integer_t = json::number_integer_t;
    using number_unsigned_t = json::number_unsigned_t;
    using number_float_t = json::number_float_t;
    using string_t = json::string_t;
    using binary_t = json::binary_t;
    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(number_integer_t) { return true; }
    bool number_unsigned(number_unsigned_t) { return true; }
    bool number_float(number_float_t, const string_t&) { return true; }
    bool string(string_t&) { return true; }
    bool binary(binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(string_t&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

struct floor_login {
    std::vector<std::string> documents;

    explicit floor_login(const inputs& in) {
        documents.push_back(in.start_response.body);
        documents.push_back(in.token_response.body);
        const json tokens = json::parse(in.token_response.body);
        const std::string id_token = tokens["id_token"].get<std::string>();
        const std::size_t d1 = id_token.find('.');
        const std::size_t d2 = id_token.find('.', d1 + 1);
        documents.push_back(b64url_decode(id_token.substr(0, d1)));
        documents.push_back(b64url_decode(id_token.substr(d1 + 1, d2 - d1 - 1)));
    }

    std::size_t run() const {
        std::size_t ok = 0;
        for (const auto& d : documents) {
            null_sax sax;
            ok += json::sax_parse(d.data(), d.data() + d.size(), &sax) ? 1 : 0;
        }
        if (ok != documents.size()) std::abort();
        return ok;
    }
};

struct measurement {
    double ns_per_login = 0;
    double allocs_per_login = 0;
};

template <class Login>
measurement measure(const Login& login, int batches, int per_batch) {
    volatile std::size_t sink = 0;
    for (int i = 0; i < per_batch; ++i) sink = sink + login.run();  // warm up
    std::vector<double> ns;
    const unsigned long long allocs_before = g_allocations.load();
    for (int b = 0; b < batches; ++b) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < per_batch; ++i) sink = sink + login.run();
        const auto t1 = std::chrono::steady_clock::now();
        ns.push_back(std::chrono::duration<double, std::nano>(t1 - t0).count() / per_batch);
    }
    const unsigned long long allocs = g_allocations.load() - allocs_before;
    std::sort(ns.begin(), ns.end());
    measurement m;
    m.ns_per_login = ns[ns.size() / 2];
    m.allocs_per_login = static_cast<double>(allocs) / (static_cast<double>(batches) * per_batch);
    return m;
}

// Two logins timed in alternating batches, so that a busy machine slows both alike: the median
// time of each and their ratio.
template <class A, class B>
double median_ratio(const A& a, const B& b, int batches, int per_batch, measurement& ma, measurement& mb) {
    volatile std::size_t sink = 0;
    std::vector<double> ta, tb, ratio;
    auto batch = [&](const auto& login) {
        const auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < per_batch; ++i) sink = sink + login.run();
        return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count() / per_batch;
    };
    (void)batch(a);
    (void)batch(b);
    for (int i = 0; i < batches; ++i) {
        ta.push_back(batch(a));
        tb.push_back(batch(b));
        ratio.push_back(tb.back() / ta.back());
    }
    std::sort(ta.begin(), ta.end());
    std::sort(tb.begin(), tb.end());
    std::sort(ratio.begin(), ratio.end());
    ma.ns_per_login = ta[ta.size() / 2];
    mb.ns_per_login = tb[tb.size() / 2];
    return ratio[ratio.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
    bool as_json = false;
    const char* path = "../shared/bench/flow.json";
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--json") == 0) as_json = true;
        else path = argv[i];
    }
    const inputs in = load(path);
    const library_login lib(in);
    const baseline_login base{in};
    const floor_login flo(in);
    const int batches = 15;
    const int per_batch = 2000;
    const measurement l = measure(lib, batches, per_batch);
    const measurement b = measure(base, batches, per_batch);
    const measurement f = measure(flo, batches, per_batch);
    const pl::dpop_key key{pl::dpop_public_key{"MKBCTNIcKUSDii11ySs3526iDZ8AiTo7Tu6KPAqv7D4", "4Etl6SRW2YiLUrN5vfvVHuhp7x8PxltmWWlbbM4IFyM"},
                           stub_es256};
    library_login with_dpop(in);
    with_dpop.dpop = &key;
    measurement d = measure(with_dpop, batches, per_batch);  // allocations
    measurement plain_paired;
    measurement dpop_paired;
    const double dpop_ratio = median_ratio(lib, with_dpop, 31, per_batch, plain_paired, dpop_paired);
    d.ns_per_login = dpop_paired.ns_per_login;
    const flow_login through_flow(in, true);
    const flow_login through_flow_cold(in, false);
    const save_restore saved(in);
    const measurement w = measure(through_flow, batches, per_batch);
    const measurement c = measure(through_flow_cold, batches, per_batch);
    const measurement sr = measure(saved, batches, per_batch);
    if (as_json) {
        std::printf("{\"library\":{\"ns_per_login\":%.0f,\"allocs_per_login\":%.1f},"
                    "\"baseline\":{\"ns_per_login\":%.0f,\"allocs_per_login\":%.1f},"
                    "\"floor\":{\"ns_per_login\":%.0f,\"allocs_per_login\":%.1f},"
                    "\"flow_keys_cached\":{\"ns_per_login\":%.0f,\"allocs_per_login\":%.1f},"
                    "\"flow_keys_fetched\":{\"ns_per_login\":%.0f,\"allocs_per_login\":%.1f},"
                    "\"save_restore\":{\"ns\":%.0f,\"allocs\":%.1f},"
                    "\"dpop\":{\"ns_per_login\":%.0f,\"allocs_per_login\":%.1f,\"vs_library\":%.3f}}\n",
                    l.ns_per_login, l.allocs_per_login, b.ns_per_login, b.allocs_per_login, f.ns_per_login, f.allocs_per_login,
                    w.ns_per_login, w.allocs_per_login, c.ns_per_login, c.allocs_per_login, sr.ns_per_login, sr.allocs_per_login,
                    d.ns_per_login, d.allocs_per_login, dpop_ratio);
        return 0;
    }
    std::printf("| full email-code login | ns per login | allocations per login | time vs baseline |\n");
    std::printf("|---|---:|---:|---:|\n");
    std::printf("| passwordless | %.0f | %.1f | %.2f |\n", l.ns_per_login, l.allocs_per_login, l.ns_per_login / b.ns_per_login);
    std::printf("| hand-written nlohmann/json DOM (baseline) | %.0f | %.1f | 1.00 |\n", b.ns_per_login, b.allocs_per_login);
    std::printf("| nlohmann/json lexer, null SAX (floor) | %.0f | %.1f | %.2f |\n", f.ns_per_login, f.allocs_per_login,
                f.ns_per_login / b.ns_per_login);
    std::printf("| passwordless, through login_flow, keys fetched by the flow and cached (shared jwks_cache) | %.0f | %.1f | %.2f |\n",
                w.ns_per_login, w.allocs_per_login, w.ns_per_login / b.ns_per_login);
    std::printf("| passwordless, through login_flow, the JWKS fetched and parsed on every login | %.0f | %.1f | %.2f |\n",
                c.ns_per_login, c.allocs_per_login, c.ns_per_login / b.ns_per_login);
    std::printf("\n| a pending login | ns | allocations |\n|---|---:|---:|\n");
    std::printf("| save() and login_flow::restore() | %.0f | %.1f |\n", sr.ns_per_login, sr.allocs_per_login);
    std::printf("\n| DPoP login (stub signer) | ns per login | allocations per login | time vs passwordless (budget 1.15) |\n");
    std::printf("|---|---:|---:|---:|\n");
    std::printf("| passwordless with DPoP | %.0f | %.1f | %.3f |\n", d.ns_per_login, d.allocs_per_login, dpop_ratio);
    return 0;
}
