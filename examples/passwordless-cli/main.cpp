// passwordless-cli: a passwordless login from the command line, over libcurl, with ID tokens
// checked by OpenSSL. Public names of the library only.
//   passwordless-cli login ...       a real passwordless login (run without arguments for help)
//   passwordless-cli refresh ...     the refresh grant
//   passwordless-cli userinfo ...    the user's claims from /userinfo
//   passwordless-cli logout ...      revokes the refresh token, prints the logout URL
//   passwordless-cli decode TOKEN    shows a JWT without verifying it
//   passwordless-cli state-diagram   prints the login state machine as a Mermaid diagram
#include <cstdio>
#include <cstring>

#include "cli_commands.hpp"

namespace {

void usage(std::FILE* to) {
    std::fputs("usage: passwordless-cli login|refresh ... (run without arguments for help)\n"
               "       passwordless-cli userinfo|logout ... (--help for each)\n"
               "       passwordless-cli decode TOKEN\n"
               "       passwordless-cli state-diagram\n"
               "  state-diagram   print the login state machine (Mermaid), drawn from its transition table\n",
               to);
}

bool is_help(const char* a) { return std::strcmp(a, "--help") == 0 || std::strcmp(a, "-h") == 0; }

}  // namespace

int main(int argc, char** argv) {
    // login, refresh, userinfo, logout and decode answer --help themselves.
    if ((argc == 2 && is_help(argv[1])) || (argc == 3 && std::strcmp(argv[1], "state-diagram") == 0 && is_help(argv[2]))) {
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "login") == 0) return cli::command_login(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "refresh") == 0) return cli::command_refresh(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "userinfo") == 0) return cli::command_userinfo(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "logout") == 0) return cli::command_logout(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "decode") == 0) return cli::command_decode(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "state-diagram") == 0) {
        std::fputs(passwordless::flow_state_diagram().c_str(), stdout);
        return 0;
    }
    usage(stderr);
    return 2;
}
