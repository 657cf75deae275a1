// scaling: how parse time grows with hostile input size, for the inputs whose checks once were
// quadratic (repeated callback parameters, repeated JWKS kids) and for the endpoint parsers.
// For each input the time at 256 KiB is divided by the time at 32 KiB: about 8 means linear
// growth (n log n gives about 9-10), 64 would mean quadratic. Informational; tests/bench/run.sh
// prints the table and CI only checks that it builds and runs.
//   usage: scaling
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include <passwordless.hpp>

namespace pl = passwordless;

namespace {

// A callback URL of about `bytes` bytes: state, code and thousands of short distinct parameters.
std::string callback_url(std::size_t bytes) {
    std::string url = "https://app.example.com/cb?state=s&code=c";
    for (int i = 0; url.size() + 16 < bytes; ++i) url += "&p" + std::to_string(i);
    return url;
}

// A JWKS document of about `bytes` bytes: thousands of tiny keys with distinct kids.
std::string jwks_document(std::size_t bytes) {
    std::string doc = "{\"keys\":[";
    for (int i = 0; doc.size() + 64 < bytes; ++i) doc += (i ? "," : "") + std::string("{\"kty\":\"a\",\"kid\":\"") + std::to_string(i) + "\"}";
    return doc + "]}";
}

// A token response of about `bytes` bytes: many distinct extra members.
std::string token_body(std::size_t bytes) {
    std::string body = R"({"access_token":"at","token_type":"Bearer")";
    for (int i = 0; body.size() + 32 < bytes; ++i) body += ",\"m" + std::to_string(i) + "\":" + std::to_string(i);
    return body + "}";
}

pl::response json_response(std::string body) {
    pl::response r;
    r.status = 200;
    r.headers = {{"content-type", "application/json"}};
    r.body = std::move(body);
    return r;
}

// Median nanoseconds of one call of f over 9 timed runs.
double median_ns(const std::function<bool()>& f) {
    std::vector<double> runs;
    bool all_ok = true;
    for (int i = 0; i < 9; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        all_ok = f() && all_ok;
        runs.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count());
    }
    if (!all_ok) std::fprintf(stderr, "scaling: an input was refused; the figures are not comparable\n");
    std::sort(runs.begin(), runs.end());
    return runs[runs.size() / 2];
}

}  // namespace

int main() {
    pl::client_limits wide;
    wide.max_body_bytes = 1u << 20;
    const pl::checked_limits roomy = pl::checked_limits::create(wide).value();
    std::printf("| input | 32 KiB (us) | 256 KiB (us) | ratio (8 = linear, 64 = quadratic) |\n");
    std::printf("|---|---:|---:|---:|\n");
    const auto row = [](const char* name, const std::function<double(std::size_t)>& time_at) {
        const double small = time_at(32u << 10);
        const double large = time_at(256u << 10);
        std::printf("| %s | %.1f | %.1f | %.1f |\n", name, small / 1000.0, large / 1000.0, large / small);
    };
    row("parse_callback, distinct parameters", [](std::size_t n) {
        const std::string url = callback_url(n);
        return median_ns([&] { return pl::parse_callback(url, "s").ok(); });
    });
    row("parse_jwks, distinct kids", [&](std::size_t n) {
        const std::string doc = jwks_document(n);
        return median_ns([&] { return pl::parse_jwks(doc, roomy).ok(); });
    });
    row("parse_token_response, distinct members", [&](std::size_t n) {
        const pl::response r = json_response(token_body(n));
        return median_ns([&] { return pl::parse_token_response(r, 1700000000, roomy).ok(); });
    });
    return 0;
}
