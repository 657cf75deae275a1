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

/// Start parameters from a case's params object; an error the library would give for values
/// its typed API cannot hold (an unknown send method, auth_params that are not strings).
std::optional<passwordless::error> read_start_params(const json& params, passwordless::start_params& p);

/// The verifier a case names (accept, reject, fnv-stub; default fnv-stub).
passwordless::signature_verifier read_verifier(const json& c);
/// An "expect" object as ID token expectations ("now" is read separately).
passwordless::id_token_expectations read_expectations(const json& e);

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
};

}  // namespace cli

#endif
