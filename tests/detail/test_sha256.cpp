// SHA-256 (detail/sha256.hpp) against the FIPS 180-4 / NIST CAVP examples and the padding edges.
#include <string>

#include <doctest/doctest.h>

#include <passwordless/detail/sha256.hpp>

namespace {

std::string hex(const std::string& bytes) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (char c : bytes) {
        const auto b = static_cast<unsigned char>(c);
        out.push_back(digits[b >> 4]);
        out.push_back(digits[b & 15]);
    }
    return out;
}

}  // namespace

TEST_CASE("sha256: FIPS 180-4 example messages") {
    using passwordless::detail::sha256;
    CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(hex(sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")) ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    CHECK(hex(sha256(std::string(1000000, 'a'))) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: lengths around the 55/56/64-byte padding boundaries") {
    using passwordless::detail::sha256;
    struct row {
        std::size_t n;
        const char* digest;
    };
    const row rows[] = {
        {55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"},
        {64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"},
        {119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"},
        {120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"},
    };
    for (const row& r : rows) {
        CAPTURE(r.n);
        CHECK(hex(sha256(std::string(r.n, 'a'))) == r.digest);
    }
}

TEST_CASE("sha256: feeding in pieces gives the same digest") {
    const std::string msg = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    for (std::size_t cut = 0; cut <= msg.size(); ++cut) {
        passwordless::detail::sha256_state s;
        s.update(std::string_view(msg).substr(0, cut));
        s.update(std::string_view(msg).substr(cut));
        CHECK(hex(s.digest()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
}

TEST_CASE("hmac_sha256: RFC 4231 test cases, and keys at the block-size edge") {
    using passwordless::detail::hmac_sha256;
    struct row {
        std::string key;
        std::string data;
        const char* mac;
    };
    std::string key4;
    for (char c = 1; c <= 25; ++c) key4.push_back(c);
    const row rows[] = {
        {std::string(20, '\x0b'), "Hi There", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        {"Jefe", "what do ya want for nothing?", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        {std::string(20, '\xaa'), std::string(50, '\xdd'), "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        {key4, std::string(50, '\xcd'), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        {std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        {std::string(131, '\xaa'),
         "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be "
         "hashed before being used by the HMAC algorithm.",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"},
        // Not in RFC 4231 (Python's hmac module): a key of exactly one block, one byte over, none.
        {std::string(64, 'k'), "x", "f91c4c403625fb06910ef93999265bbd2d62baeaec6ff36455498cc124fe3e66"},
        {std::string(65, 'k'), "x", "75092ca3ee2b307470c227697b42b3e65376aa3bae98fb5a1f7b7536daa9588a"},
        {"", "", "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"},
    };
    for (const row& r : rows) {
        CAPTURE(r.mac);
        CHECK(hex(hmac_sha256(r.key, r.data)) == r.mac);
        CHECK(passwordless::detail::hex_lower(hmac_sha256(r.key, r.data)) == r.mac);
    }
    // Test case 5 is truncated to 128 bits.
    CHECK(hex(hmac_sha256(std::string(20, '\x0c'), "Test With Truncation")).substr(0, 32) == "a3b6167473100ee06e0c796c2955552b");
}
