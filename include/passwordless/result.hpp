// passwordless: result<T>, a value or an error, without exceptions.
#ifndef PASSWORDLESS_RESULT_HPP
#define PASSWORDLESS_RESULT_HPP

#include <cstdlib>
#include <type_traits>
#include <utility>
#include <variant>

#include "passwordless/error.hpp"
#include "passwordless/version.hpp"

PASSWORDLESS_NAMESPACE_BEGIN

/// Holds either a T or an error. Accessing the side that is not there is a programming error
/// and terminates the program (it never throws); check ok() first.
template <class T>
class [[nodiscard]] result {
    static_assert(!std::is_same_v<std::decay_t<T>, error>, "result<error> is ambiguous");

public:
    result(T value) : storage_(std::in_place_index<0>, std::move(value)) {}           // NOLINT
    result(error failure) : storage_(std::in_place_index<1>, std::move(failure)) {}  // NOLINT

    /// True when a value is held.
    [[nodiscard]] bool ok() const noexcept { return storage_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    /// The value; requires ok().
    [[nodiscard]] T& value() & { return *checked(std::get_if<0>(&storage_)); }
    [[nodiscard]] const T& value() const& { return *checked(std::get_if<0>(&storage_)); }
    [[nodiscard]] T&& value() && { return std::move(*checked(std::get_if<0>(&storage_))); }

    /// The error; requires !ok().
    [[nodiscard]] error& failure() & { return *checked(std::get_if<1>(&storage_)); }
    [[nodiscard]] const error& failure() const& { return *checked(std::get_if<1>(&storage_)); }
    [[nodiscard]] error&& failure() && { return std::move(*checked(std::get_if<1>(&storage_))); }

    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

private:
    template <class P>
    static P* checked(P* p) noexcept {
        if (p == nullptr) std::abort();  // misuse: the other alternative is held
        return p;
    }

    std::variant<T, error> storage_;
};

PASSWORDLESS_NAMESPACE_END

#endif
