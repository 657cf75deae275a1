// passwordless-cli: the command-line face of the library.
//   passwordless-cli vector          reads one conformance case (DRIVER.md) on stdin, prints the result
//   passwordless-cli state-diagram   prints the login state machine as a Mermaid diagram
//   passwordless-cli login ...       a real passwordless login (libcurl, OpenSSL)
//   passwordless-cli refresh ...     the refresh grant
//   passwordless-cli decode TOKEN    shows a JWT without verifying it
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>

#include "vector_ops.hpp"
#ifndef PASSWORDLESS_CLI_WITH_LOGIN
#define PASSWORDLESS_CLI_WITH_LOGIN 0  // the build defines 1 when libcurl and OpenSSL are there
#endif
#if PASSWORDLESS_CLI_WITH_LOGIN
#include "cli_commands.hpp"
#endif

namespace {

int run_vector() {
    std::string input((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    const cli::json c = cli::json::parse(input, nullptr, /*allow_exceptions=*/false);
    if (c.is_discarded() || !c.is_object()) cli::invalid_case("standard input is not one JSON object");
    auto op = c.find("op");
    if (op == c.end() || !op->is_string()) cli::invalid_case("\"op\" must be a string");
    for (const cli::vector_op& known : cli::vector_ops) {
        if (op->get_ref<const std::string&>() == known.name) {
            const cli::json out = known.run(c);
            std::cout << out.dump(-1, ' ', false, cli::json::error_handler_t::replace) << '\n';
            return 0;
        }
    }
    cli::invalid_case("unknown op");
}

void usage(std::FILE* to) {
    std::fputs("usage: passwordless-cli vector < case.json\n"
               "       passwordless-cli state-diagram\n"
               "       passwordless-cli login|refresh ... (run without arguments for help)\n"
               "       passwordless-cli decode TOKEN\n"
               "  vector          run one conformance case (see DRIVER.md) read from standard input\n"
               "  state-diagram   print the login state machine (Mermaid), drawn from its transition table\n",
               to);
}

}  // namespace

int main(int argc, char** argv) {
    const bool wants_help = (argc >= 2 && (std::strcmp(argv[argc - 1], "--help") == 0 || std::strcmp(argv[argc - 1], "-h") == 0));
    const bool login_command = argc >= 2 && (std::strcmp(argv[1], "login") == 0 || std::strcmp(argv[1], "refresh") == 0 ||
                                             std::strcmp(argv[1], "decode") == 0);
    if (wants_help && !(PASSWORDLESS_CLI_WITH_LOGIN && login_command)) {  // login, refresh, decode print their own
        usage(stdout);
        return 0;
    }
    if (argc >= 2 && std::strcmp(argv[1], "vector") == 0) return run_vector();
#if PASSWORDLESS_CLI_WITH_LOGIN
    if (argc >= 2 && std::strcmp(argv[1], "login") == 0) return cli::command_login(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "refresh") == 0) return cli::command_refresh(argc, argv);
    if (argc >= 2 && std::strcmp(argv[1], "decode") == 0) return cli::command_decode(argc, argv);
#endif
    if (argc >= 2 && std::strcmp(argv[1], "state-diagram") == 0) {
        std::fputs(passwordless::flow_state_diagram().c_str(), stdout);
        return 0;
    }
    usage(stderr);
    return 2;
}
