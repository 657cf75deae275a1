// passwordless C ABI: the exception boundary of every exported function.
//
// The implementation takes only non-throwing paths of the core; what can still throw when
// exceptions are enabled is the standard library itself (std::bad_alloc, std::length_error on an
// allocation) and a caller's callback that breaks its contract. An exception must never cross an
// extern "C" function, so when exceptions are enabled each entry point wraps its body in
// PASSWORDLESS_C_BOUNDARY, which turns them into a status. This is the one file under include/
// that may write try/catch (CI's grep excludes it by name). With -fno-exceptions there is nothing
// to catch (an allocation failure ends the program, as in the C++ core) and the macro is the
// plain body.
#ifndef PASSWORDLESS_C_API_BOUNDARY_HPP
#define PASSWORDLESS_C_API_BOUNDARY_HPP

#include <new>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define PASSWORDLESS_C_BOUNDARY(body, on_failure)   \
    try {                                           \
        body                                        \
    } catch (const std::bad_alloc&) {               \
        on_failure(PASSWORDLESS_E_NO_MEMORY);       \
    } catch (...) {                                 \
        on_failure(PASSWORDLESS_E_INTERNAL);        \
    }
#else
#define PASSWORDLESS_C_BOUNDARY(body, on_failure) body
#endif

#endif
