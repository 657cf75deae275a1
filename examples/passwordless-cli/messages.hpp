// passwordless-cli: how the tool's subcommands show time and errors (an error's kind, message,
// next action with a hint, retry time and HTTP status; never a secret, which errors do not hold).
#ifndef PASSWORDLESS_CLI_MESSAGES_HPP
#define PASSWORDLESS_CLI_MESSAGES_HPP

#include <cstdio>
#include <ctime>
#include <string>

#include <passwordless.hpp>

namespace cli {
namespace pl = passwordless;

inline std::string date(pl::unix_seconds t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

inline const char* hint(pl::error_action a) {
    switch (a) {
        case pl::error_action::fix_input: return "check what was entered and try again";
        case pl::error_action::fix_config: return "the application or tenant settings need fixing (see examples/passwordless-cli/README.md: pointing it at a real tenant)";
        case pl::error_action::retry_code: return "enter the code again";
        case pl::error_action::restart: return "start a new login to get a new code";
        case pl::error_action::wait: return "wait, then try again";
        case pl::error_action::retry: return "try again in a moment";
        case pl::error_action::give_up: return "this login cannot succeed";
        case pl::error_action::mfa: return "multi-factor authentication must follow";
        case pl::error_action::refresh: return "refresh the access token, then try again";
        case pl::error_action::none: return "nothing to do";
    }
    return "";
}

inline int report(const pl::error& e) {
    std::printf("x  failed: %s: %s\n   next: %s (%s)\n", std::string(pl::to_string(e.kind)).c_str(), e.description.c_str(),
                std::string(pl::to_string(e.action)).c_str(), hint(e.action));
    if (e.retry_at) std::printf("   retry after: %s\n", date(*e.retry_at).c_str());
    if (e.status) std::printf("   HTTP status: %d%s%s\n", *e.status, e.code ? ", server code: " : "", e.code ? e.code->c_str() : "");
    return 1;
}

}  // namespace cli

#endif  // PASSWORDLESS_CLI_MESSAGES_HPP
