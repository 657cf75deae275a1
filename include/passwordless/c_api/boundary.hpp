// passwordless C ABI: the exception boundary of every exported function.
//
// The implementation takes only non-throwing paths of the core; what can still throw when
// exceptions are enabled is the standard library itself (std::bad_alloc, std::length_error on an
// allocation) and a caller's callback that breaks its contract. An exception must never cross an
// extern "C" function, so each one that returns a status or nothing is written
//
//     PASSWORDLESS_API int32_t passwordless_x(...) PASSWORDLESS_NOEXCEPT {
//         PASSWORDLESS_C_TRY {
//             ...the body...
//         }
//         PASSWORDLESS_C_CATCH(PASSWORDLESS_C_RETURN)   // void functions: PASSWORDLESS_C_IGNORE
//     }
//
// which turns std::bad_alloc into PASSWORDLESS_E_NO_MEMORY and anything else into
// PASSWORDLESS_E_INTERNAL. (The functions that return a static string or a version number touch
// only constants and need none.) This is the one file under include/ that may write try/catch
// (CI's grep excludes it by name). With -fno-exceptions there is nothing to catch (an allocation
// failure ends the program, as in the C++ core): the body is a plain block.
#ifndef PASSWORDLESS_C_API_BOUNDARY_HPP
#define PASSWORDLESS_C_API_BOUNDARY_HPP

#include <new>

#include "passwordless.h"

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define PASSWORDLESS_C_TRY try
#define PASSWORDLESS_C_CATCH(on_failure)          \
    catch (const std::bad_alloc&) {               \
        on_failure(PASSWORDLESS_E_NO_MEMORY)      \
    } catch (...) {                               \
        on_failure(PASSWORDLESS_E_INTERNAL)       \
    }
#else
#define PASSWORDLESS_C_TRY
#define PASSWORDLESS_C_CATCH(on_failure)
#endif

/// What a caught exception becomes: the status (functions returning int32_t), or nothing (void).
#define PASSWORDLESS_C_RETURN(status) return status;
#define PASSWORDLESS_C_IGNORE(status)

#endif
