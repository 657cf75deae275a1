// passwordless-cli: what the library leaves to its caller, once for every subcommand: the HTTP
// transport (libcurl, TLS verification on, no redirects followed), the clock and random bytes.
#ifndef PASSWORDLESS_CLI_PLATFORM_HPP
#define PASSWORDLESS_CLI_PLATFORM_HPP

#include <cstddef>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include <curl/curl.h>
#include <openssl/rand.h>

#include <passwordless.hpp>

namespace cli {
namespace pl = passwordless;

/// A response, or why the request never completed.
struct http_result {
    std::optional<pl::response> response;
    std::string problem;  // why the request never completed
};

inline std::size_t collect_body(char* data, std::size_t size, std::size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
}

inline std::size_t collect_header(char* data, std::size_t size, std::size_t n, void* out) {
    auto* headers = static_cast<std::vector<pl::header>*>(out);
    std::string line(data, size * n);
    while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
    if (line.rfind("HTTP/", 0) == 0) headers->clear();  // a new response (after 100 Continue)
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
        std::string value = line.substr(colon + 1);
        while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
        headers->push_back({line.substr(0, colon), value});
    }
    return size * n;
}

inline http_result send(const std::string& method, const std::string& url, const std::vector<pl::header>& headers,
                 const std::string& body, long timeout_seconds) {
    http_result out;
    CURL* curl = curl_easy_init();
    if (curl == nullptr) {
        out.problem = "libcurl could not start";
        return out;
    }
    pl::response r;
    curl_slist* list = nullptr;
    for (const auto& h : headers) list = curl_slist_append(list, (h.name + ": " + h.value).c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, timeout_seconds);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &r.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, collect_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &r.headers);
    if (method == "POST") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    }
    const CURLcode rc = curl_easy_perform(curl);
    if (rc == CURLE_OK) {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        r.status = static_cast<int>(status);
        out.response = std::move(r);
    } else {
        out.problem = curl_easy_strerror(rc);
    }
    curl_slist_free_all(list);
    curl_easy_cleanup(curl);
    return out;
}

inline http_result send(const pl::request& req, long timeout) { return send(req.method, req.url, req.headers, req.body, timeout); }
inline http_result get(const std::string& url, long timeout) { return send("GET", url, {{"accept", "application/json"}}, "", timeout); }

/// Now, in Unix seconds.
inline pl::unix_seconds clock_now() { return static_cast<pl::unix_seconds>(std::time(nullptr)); }

/// 16 random bytes for a DPoP proof's jti; empty (the library then refuses the proof) on failure.
inline std::string random_jti() {
    unsigned char bytes[16];
    if (RAND_bytes(bytes, sizeof bytes) != 1) return std::string();
    return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

}  // namespace cli

#endif  // PASSWORDLESS_CLI_PLATFORM_HPP
