// passwordless-cli: a passwordless login from the command line, over libcurl, with ID tokens
// checked by OpenSSL. Public names of the library only.
//   passwordless-cli login ...       a real passwordless login (run without arguments for help)
//   passwordless-cli refresh ...     the refresh grant
//   passwordless-cli decode TOKEN    shows a JWT without verifying it
//   passwordless-cli state-diagram   prints the login state machine as a Mermaid diagram
#include <cstdio>
#include <cstring>

#include "cli_commands.hpp"

namespace {

void usage() {
    std::fputs("usage: passwordless-cli login|refresh ... (run without arguments for help)\n"
               "       passwordless-cli decode TOKEN\n"
               "       passwordless-cli state-diagram\n"
               "  state-diagram   print the login state machine (Mermaid), drawn from its transition table\n",
               stderr);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "login") == 0) return cli::command_login(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "refresh") == 0) return cli::command_refresh(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "decode") == 0) return cli::command_decode(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "state-diagram") == 0) {
        std::fputs(passwordless::flow_state_diagram().c_str(), stdout);
        return 0;
    }
    usage();
    return 2;
}
