// passwordless-cli: the operations of `passwordless-cli vector` (DRIVER.md), one function each.
#ifndef PASSWORDLESS_CLI_VECTOR_OPS_HPP
#define PASSWORDLESS_CLI_VECTOR_OPS_HPP

#include "case_io.hpp"

namespace cli {

/// Each takes the whole case and returns the result object to print.
json op_build_start(const json& c);
json op_build_token(const json& c);
json op_parse_start(const json& c);
json op_parse_token(const json& c);
json op_verify_id_token(const json& c);
json op_flow(const json& c);
json op_parse_callback(const json& c);
json op_dpop_proof(const json& c);
json op_jwk_thumbprint(const json& c);
json op_parse_jwks(const json& c);
json op_parse_discovery(const json& c);
json op_build_revoke(const json& c);
json op_parse_revoke(const json& c);
json op_build_userinfo(const json& c);
json op_parse_userinfo(const json& c);
json op_parse_resource_error(const json& c);
json op_build_logout_url(const json& c);
json op_build_mfa_authenticators(const json& c);
json op_parse_mfa_authenticators(const json& c);
json op_build_mfa_challenge(const json& c);
json op_parse_mfa_challenge(const json& c);

/// A token_set as the driver prints it (parse_token results, authenticated events).
json token_set_to_json(const passwordless::token_set& t);

/// An authenticator list entry as DRIVER.md prints it (members the entry had).
json authenticator_to_json(const passwordless::mfa_authenticator& a);

/// Start parameters from a case's params object; an error the library would give for values
/// its typed API cannot hold (an unknown send method, auth_params that are not strings).
std::optional<passwordless::error> read_start_params(const json& params, passwordless::start_params& p);

/// The verifier a case names (accept, reject, fnv-stub; default fnv-stub).
passwordless::signature_verifier read_verifier(const json& c);
/// An "expect" object as ID token expectations ("now" is read separately).
passwordless::id_token_expectations read_expectations(const json& e);

/// The DPoP signer a case names (only fnv-stub, DRIVER.md); exits 2 for any other.
passwordless::dpop_signer read_dpop_signer(const json& c);
/// A flow config's "dpop" member (key, signer, require_binding) into `config`; the library's
/// error for an unusable key.
std::optional<passwordless::error> read_flow_dpop(const json& cfg, passwordless::flow_config& config);

struct vector_op {
    const char* name;
    json (*run)(const json&);
};

/// Every operation the driver knows, by name.
inline constexpr vector_op vector_ops[] = {
    {"build_start", op_build_start},
    {"build_token", op_build_token},
    {"parse_start", op_parse_start},
    {"parse_token", op_parse_token},
    {"verify_id_token", op_verify_id_token},
    {"flow", op_flow},
    {"parse_callback", op_parse_callback},
    {"dpop_proof", op_dpop_proof},
    {"jwk_thumbprint", op_jwk_thumbprint},
    {"parse_jwks", op_parse_jwks},
    {"parse_discovery", op_parse_discovery},
    {"build_revoke", op_build_revoke},
    {"parse_revoke", op_parse_revoke},
    {"build_userinfo", op_build_userinfo},
    {"parse_userinfo", op_parse_userinfo},
    {"parse_resource_error", op_parse_resource_error},
    {"build_logout_url", op_build_logout_url},
    {"build_mfa_authenticators", op_build_mfa_authenticators},
    {"parse_mfa_authenticators", op_parse_mfa_authenticators},
    {"build_mfa_challenge", op_build_mfa_challenge},
    {"parse_mfa_challenge", op_parse_mfa_challenge},
};

}  // namespace cli

#endif
