// passwordless-cli: the commands that talk to a tenant (login, refresh, userinfo, logout) or show a
// token (decode).
#ifndef PASSWORDLESS_CLI_COMMANDS_HPP
#define PASSWORDLESS_CLI_COMMANDS_HPP

#include <nlohmann/json.hpp>

#include <passwordless.hpp>

namespace cli {

using json = nlohmann::json;

/// passwordless-cli login ...: a complete passwordless login over libcurl.
int command_login(int argc, char** argv);
/// passwordless-cli refresh ...: the refresh grant.
int command_refresh(int argc, char** argv);
/// passwordless-cli userinfo ...: GET /userinfo with the saved access token (session.cpp).
int command_userinfo(int argc, char** argv);
/// passwordless-cli logout ...: revokes the refresh token, prints the logout URL (session.cpp).
int command_logout(int argc, char** argv);
/// passwordless-cli decode TOKEN: header and claims of a JWT, without verifying anything.
int command_decode(int argc, char** argv);

}  // namespace cli

#endif
