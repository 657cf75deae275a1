// The implementation unit of the one-translation-unit mode (README.md, "One-translation-unit
// mode"): the one file of a program that compiles every function of the library. Every unit of
// the program, this one included, is built with PASSWORDLESS_SEPARATE_COMPILATION=1.
// README: begin
#define PASSWORDLESS_IMPLEMENTATION 1
#include <passwordless.hpp>  // or "passwordless.hpp", the single header
// README: end
