// passwordless-driver: the conformance driver (../shared/conformance/DRIVER.md). Test
// infrastructure, not an example: the login tool for people is examples/passwordless-cli.
//   passwordless-driver vector       reads one conformance case on stdin, prints the result
#include <cstdio>
#include <cstring>
#include <iostream>
#include <iterator>
#include <string>

#include "vector_ops.hpp"

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

void usage() {
    std::fputs("usage: passwordless-driver vector < case.json\n"
               "  vector          run one conformance case (see DRIVER.md) read from standard input\n",
               stderr);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "vector") == 0) return run_vector();
    usage();
    return 2;
}
