// passwordless-interop-verify: the interop suite's C++ side. Built against the single header
// (include/single/passwordless.hpp) and the OpenSSL add-on, so both are proven together.
//   passwordless-interop-verify wycheproof DIR   every case of DIR/rsa_signature_*_test.json through
//                                                openssl_verifier: valid verifies, invalid does not
//   passwordless-interop-verify tokens FILE      ID tokens minted by other JOSE libraries (a JSON
//                                                array of cases, see mint_jose.mjs) through
//                                                verify_id_token with openssl_verifier
//   passwordless-interop-verify resource FILE    a DPoP-bound API call (FILE: key_file, method,
//                                                url, access_token, now and optionally the
//                                                server's previous answer): reads that answer's
//                                                DPoP challenge, then prints the request's headers
//                                                (dpop_resource_headers, OpenSSL DPoP signer) as JSON
//   passwordless-interop-verify userinfo FILE    one /userinfo step with a real DPoP key (FILE:
//                                                base_url, client_id, access_token, token_type,
//                                                key_file, now, optionally the server's previous
//                                                answer): reads that answer (parse_userinfo_response,
//                                                find_resource_challenge), then prints the next
//                                                build_userinfo_request (proof with ath, and the
//                                                answer's nonce) as JSON
// Prints one line per disagreement and a summary; exit status 0 only when everything agreed.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <single/passwordless.hpp>
#include <passwordless/addons/openssl_dpop_signer.hpp>
#include <passwordless/addons/openssl_verifier.hpp>

#include <openssl/rand.h>

namespace pl = passwordless;
using json = nlohmann::json;

namespace {

json read_json_file(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
    json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) std::fprintf(stderr, "cannot read %s as JSON\n", p.string().c_str());
    return j;
}

std::string from_hex(const std::string& hex) {
    std::string out;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
    return out;
}

const char* alg_for(const std::string& sha) {
    if (sha == "SHA-256") return "RS256";
    if (sha == "SHA-384") return "RS384";
    if (sha == "SHA-512") return "RS512";
    return nullptr;
}

int wycheproof(const std::filesystem::path& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().filename().string().rfind("rsa_signature_", 0) == 0 && e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    int cases = 0, valid_ok = 0, invalid_refused = 0, acceptable = 0, disagreements = 0;
    for (const auto& file : files) {
        const json doc = read_json_file(file);
        if (!doc.is_object()) return 1;
        for (const json& group : doc["testGroups"]) {
            const char* alg = alg_for(group["sha"].get<std::string>());
            json key = group["keyJwk"];
            key.erase("alg");  // the file's JWK names RS256 for every hash; the key itself serves all
            auto set = pl::parse_jwks(json{{"keys", json::array({key})}}.dump());
            if (alg == nullptr || !set.ok() || set->keys.size() != 1) {
                std::printf("DISAGREE %s: key of group (%s) not usable\n", file.filename().string().c_str(),
                            group["sha"].get<std::string>().c_str());
                ++disagreements;
                continue;
            }
            const std::string kid = set->keys[0].kid;
            const pl::openssl_verifier verifier(std::move(set).value());
            for (const json& t : group["tests"]) {
                ++cases;
                const std::string msg = from_hex(t["msg"].get<std::string>());
                const std::string sig = from_hex(t["sig"].get<std::string>());
                const bool verified = verifier(pl::signature_input{alg, kid, msg, sig});
                const std::string result = t["result"].get<std::string>();
                if (result == "acceptable") {
                    ++acceptable;
                } else if ((result == "valid") == verified) {
                    ++(verified ? valid_ok : invalid_refused);
                } else {
                    ++disagreements;
                    std::printf("DISAGREE %s tcId %d (%s, %s): %s\n", file.filename().string().c_str(), t["tcId"].get<int>(),
                                result.c_str(), t["comment"].get<std::string>().c_str(), verified ? "verified" : "refused");
                }
            }
        }
    }
    std::printf("wycheproof: %d cases in %zu files: %d valid verified, %d invalid refused, %d acceptable, %d disagreements\n",
                cases, files.size(), valid_ok, invalid_refused, acceptable, disagreements);
    return disagreements == 0 && cases > 0 ? 0 : 1;
}

pl::id_token_expectations read_expectations(const json& e) {
    pl::id_token_expectations x;
    x.issuer = e.value("issuer", "");
    x.client_id = e.value("client_id", "");
    x.leeway = e.value("leeway", 60);
    if (e.contains("nonce")) x.nonce = e["nonce"].get<std::string>();
    if (e.contains("max_age")) x.max_age = e["max_age"].get<pl::unix_seconds>();
    if (e.contains("organization")) x.organization = e["organization"].get<std::string>();
    if (e.contains("algorithms")) x.algorithms = e["algorithms"].get<std::vector<std::string>>();
    if (e.contains("trusted_audiences")) x.trusted_audiences = e["trusted_audiences"].get<std::vector<std::string>>();
    return x;
}

int tokens(const std::filesystem::path& file) {
    const json doc = read_json_file(file);
    if (!doc.is_array()) return 1;
    int accepted = 0, refused = 0, disagreements = 0;
    for (const json& c : doc) {
        const std::string name = c["name"].get<std::string>();
        auto keys = pl::parse_jwks(c["jwks"].dump());
        // A set that publishes private key members is refused whole (RFC 7517 5).
        const bool set_refused = c.value("set_refused", false);
        if (!keys.ok() || set_refused) {
            if (keys.ok() != !set_refused || (!keys.ok() && keys.failure().kind != pl::error_kind::malformed_response)) {
                std::printf("DISAGREE %s: JWKS %s: %s\n", name.c_str(), keys.ok() ? "accepted, expected refused" : "refused",
                            keys.ok() ? "" : keys.failure().description.c_str());
                ++disagreements;
            }
            ++refused;
            continue;
        }
        if (c.contains("skipped") && keys->skipped != c["skipped"].get<std::size_t>()) {
            std::printf("DISAGREE %s: %zu keys skipped, expected %zu\n", name.c_str(), keys->skipped, c["skipped"].get<std::size_t>());
            ++disagreements;
        }
        const pl::signature_verifier verifier = pl::openssl_verifier(std::move(keys).value());
        auto r = pl::verify_id_token(c["token"].get<std::string>(), read_expectations(c["expect"]), verifier,
                                     c["now"].get<pl::unix_seconds>());
        const bool want = c["accept"].get<bool>();
        const std::string want_reason = c.value("reason", "");
        bool agree = r.ok() == want;
        if (agree && !r.ok() && !want_reason.empty()) agree = r.failure().reason == want_reason;
        if (agree && !r.ok()) agree = r.failure().kind == pl::error_kind::invalid_id_token;
        if (!agree) {
            ++disagreements;
            std::printf("DISAGREE %s: expected %s%s, got %s %s\n", name.c_str(), want ? "accepted" : "refused",
                        want_reason.empty() ? "" : (" (" + want_reason + ")").c_str(), r.ok() ? "accepted" : "refused",
                        r.ok() ? "" : (r.failure().reason + ": " + r.failure().description).c_str());
        }
        ++(r.ok() ? accepted : refused);
    }
    std::printf("tokens %s: %zu cases, %d accepted, %d refused, %d disagreements\n", file.filename().string().c_str(), doc.size(),
                accepted, refused, disagreements);
    return disagreements == 0 && !doc.empty() ? 0 : 1;
}

// A response as run.py writes it: {"status", "headers": {name: value}, "body"}.
pl::response read_response(const json& j) {
    pl::response r;
    r.status = j["status"].get<int>();
    for (const auto& h : j["headers"].items()) r.headers.push_back({h.key(), h.value().get<std::string>()});
    r.body = j.value("body", "");
    return r;
}

// One step of a DPoP-bound resource request, the transport left to the caller (run.py): when the
// case has the server's previous answer, the library reads its WWW-Authenticate DPoP challenge
// (find_dpop_challenge) and classifies it (classify_resource_error: use_dpop_nonce gives
// dpop_nonce_required with the answer's DPoP-Nonce); the headers for the (next) request then carry
// a fresh proof with that nonce and the access token's hash. Prints {"challenge", "kind",
// "nonce", "headers"}; exit status 1 when the library refuses to build the headers.
int resource(const std::filesystem::path& file) {
    const json c = read_json_file(file);
    if (!c.is_object()) return 1;
    std::ifstream pem_in(c["key_file"].get<std::string>(), std::ios::binary);
    const std::string pem((std::istreambuf_iterator<char>(pem_in)), std::istreambuf_iterator<char>());
    auto key = pl::openssl_dpop_key::from_pem(pem);
    if (!key.ok()) {
        std::fprintf(stderr, "DPoP key: %s\n", key.failure().description.c_str());
        return 1;
    }
    const pl::unix_seconds now = c["now"].get<pl::unix_seconds>();
    json out = {{"challenge", nullptr}, {"kind", nullptr}, {"nonce", ""}};
    std::string nonce;
    if (c.contains("response")) {
        const pl::response r = read_response(c["response"]);
        if (auto ch = pl::find_dpop_challenge(r)) out["challenge"] = {{"error", ch->error}, {"algs", ch->algs}};
        const pl::error e = pl::classify_resource_error(r, now);
        out["kind"] = std::string(pl::to_string(e.kind));
        nonce = e.dpop_nonce;
        out["nonce"] = nonce;
    }
    std::string jti(16, '\0');
    if (RAND_bytes(reinterpret_cast<unsigned char*>(&jti[0]), static_cast<int>(jti.size())) != 1) return 1;
    const std::string method = c["method"].get<std::string>();
    const std::string url = c["url"].get<std::string>();
    const std::string token = c["access_token"].get<std::string>();
    auto headers = pl::dpop_resource_headers(key->key(), {method, url, token, now, jti, nonce});
    if (!headers.ok()) {
        std::fprintf(stderr, "headers refused: %s\n", headers.failure().description.c_str());
        return 1;
    }
    out["headers"] = json::object();
    for (const pl::header& h : headers.value()) out["headers"][h.name] = h.value;
    std::printf("%s\n", out.dump().c_str());
    return 0;
}

json error_json(const pl::error& e) {
    json out = {{"kind", std::string(pl::to_string(e.kind))}, {"action", std::string(pl::to_string(e.action))},
                {"status", e.status ? json(*e.status) : json(nullptr)}, {"code", e.code ? json(*e.code) : json(nullptr)},
                {"dpop_nonce", e.dpop_nonce}, {"description", e.description}};
    return out;
}

// One step of a /userinfo call with a real DPoP key, the transport left to run.py: the previous
// answer (when given) read by parse_userinfo_response, its Bearer or DPoP challenge by
// find_resource_challenge; then the request build_userinfo_request makes for the next try, its
// proof signed by the OpenSSL add-on and carrying the nonce that answer asked for. Prints
// {"result", "challenge", "request"}; exit status 1 when the library refuses to build it.
int userinfo(const std::filesystem::path& file) {
    const json c = read_json_file(file);
    if (!c.is_object()) return 1;
    pl::client_config cfg;
    cfg.base_url = c["base_url"].get<std::string>();
    cfg.client_id = c["client_id"].get<std::string>();
    auto client = pl::client::create(cfg);
    if (!client.ok()) {
        std::fprintf(stderr, "client: %s\n", client.failure().description.c_str());
        return 1;
    }
    const pl::unix_seconds now = c["now"].get<pl::unix_seconds>();
    json out = {{"result", nullptr}, {"challenge", nullptr}, {"request", nullptr}};
    std::string nonce = c.value("nonce", "");
    if (c.contains("response")) {
        const pl::response r = read_response(c["response"]);
        auto claims = pl::parse_userinfo_response(r, now);
        if (claims.ok()) {
            out["result"] = {{"ok", true}, {"claims", claims->json()}};
        } else {
            out["result"] = error_json(claims.failure());
            out["result"]["ok"] = false;
            if (claims.failure().kind == pl::error_kind::dpop_nonce_required) nonce = claims.failure().dpop_nonce;
        }
        if (auto ch = pl::find_resource_challenge(r))
            out["challenge"] = {{"scheme", ch->scheme}, {"error", ch->error}, {"scope", ch->scope}};
    }
    std::optional<pl::userinfo_proof> proof;
    std::optional<pl::openssl_dpop_key> key;
    if (c.contains("key_file")) {
        std::ifstream pem_in(c["key_file"].get<std::string>(), std::ios::binary);
        const std::string pem((std::istreambuf_iterator<char>(pem_in)), std::istreambuf_iterator<char>());
        auto k = pl::openssl_dpop_key::from_pem(pem);
        if (!k.ok()) {
            std::fprintf(stderr, "DPoP key: %s\n", k.failure().description.c_str());
            return 1;
        }
        key = std::move(k).value();
        std::string jti(16, '\0');
        if (RAND_bytes(reinterpret_cast<unsigned char*>(&jti[0]), static_cast<int>(jti.size())) != 1) return 1;
        proof = pl::userinfo_proof{key->key(), now, jti, nonce};
    }
    auto req = pl::build_userinfo_request(client.value(), {c["access_token"].get<std::string>(), c.value("token_type", "Bearer")}, proof);
    if (!req.ok()) {
        std::fprintf(stderr, "request refused: %s\n", req.failure().description.c_str());
        return 1;
    }
    out["request"] = {{"method", req->method}, {"url", req->url}, {"headers", json::object()}};
    for (const pl::header& h : req->headers) out["request"]["headers"][h.name] = h.value;
    std::printf("%s\n", out.dump().c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc == 3 ? argv[1] : "";
    if (mode == "wycheproof") return wycheproof(argv[2]);
    if (mode == "tokens") return tokens(argv[2]);
    if (mode == "resource") return resource(argv[2]);
    if (mode == "userinfo") return userinfo(argv[2]);
    std::fputs("usage: passwordless-interop-verify wycheproof DIR | tokens FILE | resource FILE | userinfo FILE\n", stderr);
    return 2;
}
