// passwordless-cli: reading driver cases and writing driver results (DRIVER.md), shared by the
// `vector` operations. Not part of the library.
#ifndef PASSWORDLESS_CLI_CASE_IO_HPP
#define PASSWORDLESS_CLI_CASE_IO_HPP

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <passwordless.hpp>

namespace cli {

using json = nlohmann::json;

/// Ends the program with exit status 2 and a one-line reason: the case itself is not valid.
[[noreturn]] void invalid_case(const std::string& reason);

/// A member that must be an object; exits 2 otherwise.
const json& require_object(const json& parent, const char* name);

/// An optional string member; `{"base64": "..."}` stands for exact bytes. Exits 2 on other types.
std::optional<std::string> optional_string(const json& parent, const char* name);

/// A required string member (see optional_string).
std::string require_string(const json& parent, const char* name);

/// A required integer member that fits in int64.
std::int64_t require_int(const json& parent, const char* name);

/// An optional integer member that fits in int64.
std::optional<std::int64_t> optional_int(const json& parent, const char* name);

/// The library client built from a case's "client" object, or the library's error.
passwordless::result<passwordless::client> read_client(const json& client_case);

/// The response described by a case's "response" object.
passwordless::response read_response(const json& response_case);

/// A request as DRIVER.md prints it (header names lower-cased, bodies decoded).
json request_to_json(const passwordless::request& r);

/// An error as DRIVER.md prints it.
json error_to_json(const passwordless::error& e);

/// {"ok": false, "error": ...}
json failure(const passwordless::error& e);
/// A builder's result: {"ok": true, "request": ...} or the failure.
json request_result(const passwordless::result<passwordless::request>& r);

/// The "now" member of a case.
inline passwordless::unix_seconds read_now(const json& c) { return require_int(c, "now"); }

}  // namespace cli

#endif
