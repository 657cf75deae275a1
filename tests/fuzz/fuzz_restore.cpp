// Fuzz target: login_flow::restore, which reads a saved login back (untrusted text: an app's
// storage can be edited, truncated or come from another version).
//
// Input: the saved text itself, restored under this file's client and options (their digests are
// in the text: a text saved under others is refused) and also with this file's seal key. The
// seeds (corpus/restore/seed-*) are what save() gives in every state (tests/test_flow.cpp writes
// them when PASSWORDLESS_WRITE_RESTORE_SEEDS names a folder; it and make_seeds.py give them this
// file's digests, and seed-sealed-* this file's seal).
//
// Properties checked (abort on violation):
//  1. restore either succeeds or fails with invalid_argument, field saved_state, a well-formed
//     error that quotes nothing of the text beyond its own words; so does restore with the seal
//     key, and it succeeds only for a text that ends with a seal.
//  2. A restored machine is in a possible state: idle or awaiting_code; awaiting_code only with a
//     code's start parameters the client accepts (resend builds a request once the cooldown is
//     over), attempts within max_attempts, a code requested no later than now; its deadlines are
//     valid times.
//  3. save() of a restored machine restores again to the same text (a fixed point), and holds
//     neither a secret (client secret) nor a code.
//  4. The restored machine follows its table: a code submitted is sent or refused by a guard or
//     the code's format, never invalid_state in awaiting_code; in idle it is misuse.
//  5. The restored machine sealed: restores with the key to the same sealed text, is refused
//     without the key, and with any one character of the seal changed.
//  6. A text saved during MFA ("state":"mfa") restores to failed with mfa_token_invalid; with an
//     mfa_token handed back it restores to listing_authenticators, whose retry() sends the list
//     request with that token and whose save() is a fixed point without it.
#include <string>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

constexpr pl::unix_seconds fuzz_now = 1700000100;
constexpr std::string_view seal_key = "fuzz_restore seal key, 32 bytes";

pl::client make_client() {
    pl::client_config cfg;
    cfg.domain = "example.auth0.com";
    cfg.client_id = "abc123";
    cfg.client_secret = "CANARY-SECRET-restore";
    auto c = pl::client::create(cfg);
    FUZZ_CHECK(c.ok());
    return std::move(c).value();
}

pl::flow_config make_config() {
    pl::flow_config cfg;
    cfg.code_lifetime = 300;
    cfg.max_attempts = 3;
    return cfg;
}

/// A refusal of restore: invalid_argument, field saved_state, the library's own words only.
void check_refusal(const pl::error& e) {
    check_error_shape(e);
    FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument);
    FUZZ_CHECK(e.field == "saved_state");
    FUZZ_CHECK(e.description.rfind("saved_state ", 0) == 0);
    // The longest message names all four option groups (fixed words, nothing of the text).
    FUZZ_CHECK(e.description.size() < 400);
    FUZZ_CHECK(e.description.find(seal_key) == std::string::npos);
}

/// Property 5: `f` sealed comes back only with the key and only unchanged.
void check_sealed(const pl::login_flow& f) {
    auto sealed = f.save(seal_key);
    FUZZ_CHECK(sealed.ok());
    const std::string& text = sealed.value();
    auto back = pl::login_flow::restore(make_client(), make_config(), text, fuzz_now, seal_key);
    FUZZ_CHECK(back.ok());
    FUZZ_CHECK(back->save(seal_key).value() == text);
    auto keyless = pl::login_flow::restore(make_client(), make_config(), text, fuzz_now);
    FUZZ_CHECK(!keyless.ok());
    check_refusal(keyless.failure());
    std::string edited = text;
    char& digit = edited[edited.size() - 3];  // the seal's last hex digit
    digit = digit == '0' ? '1' : '0';
    auto changed = pl::login_flow::restore(make_client(), make_config(), edited, fuzz_now, seal_key);
    FUZZ_CHECK(!changed.ok());
    check_refusal(changed.failure());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    const std::string_view text = as_text(data, size);
    auto with_key = pl::login_flow::restore(make_client(), make_config(), text, fuzz_now, seal_key);
    if (with_key.ok()) {
        FUZZ_CHECK(text.size() > 75 && text.substr(text.size() - 75, 9) == ",\"seal\":\"");
        check_sealed(with_key.value());
    } else {
        check_refusal(with_key.failure());
    }
    auto restored = pl::login_flow::restore(make_client(), make_config(), text, fuzz_now);
    note_result(restored, [](const pl::login_flow& f) { return std::string(pl::to_string(f.state())) + " " + f.save(); });
    if (!restored.ok()) {  // 1
        check_refusal(restored.failure());
        return 0;
    }
    pl::login_flow& f = restored.value();
    if (f.state() == pl::flow_state::failed) {  // 6: saved during MFA, which writes no secret
        FUZZ_CHECK(f.failure() && f.failure()->kind == pl::error_kind::mfa_token_invalid);
        auto resumed = pl::login_flow::restore_with_mfa_token(make_client(), make_config(), text, fuzz_now, "CANARY-MFA-token");
        FUZZ_CHECK(resumed.ok() && resumed->state() == pl::flow_state::listing_authenticators);
        const std::string saved = resumed->save();
        FUZZ_CHECK(saved.find("CANARY") == std::string::npos);
        auto again = pl::login_flow::restore_with_mfa_token(make_client(), make_config(), saved, fuzz_now, "CANARY-MFA-token");
        FUZZ_CHECK(again.ok() && again->save() == saved);
        const pl::flow_step list = resumed->retry(fuzz_now);
        FUZZ_CHECK(list.request && list.request->find_header("authorization") == std::string_view("Bearer CANARY-MFA-token"));
        return 0;
    }
    // 2
    FUZZ_CHECK(f.state() == pl::flow_state::idle || f.state() == pl::flow_state::awaiting_code);
    if (auto d = f.next_deadline()) FUZZ_CHECK(pl::is_valid_time(*d));
    if (auto x = f.code_expires_at()) {
        FUZZ_CHECK(f.state() == pl::flow_state::awaiting_code);
        FUZZ_CHECK(*x <= fuzz_now + 300);
    }
    // 3
    const std::string saved = f.save();
    FUZZ_CHECK(saved.find("CANARY-SECRET") == std::string::npos);
    FUZZ_CHECK(saved.find("\"otp\"") == std::string::npos);
    auto again = pl::login_flow::restore(make_client(), make_config(), saved, fuzz_now);
    FUZZ_CHECK(again.ok());
    FUZZ_CHECK(again->save() == saved);
    FUZZ_CHECK(again->state() == f.state());
    check_sealed(f);  // 5
    // 4
    const pl::flow_step submitted = f.submit_code("123456", fuzz_now);
    if (submitted.error) check_error_shape(*submitted.error);
    if (again->state() == pl::flow_state::idle) {
        FUZZ_CHECK(submitted.error && submitted.error->kind == pl::error_kind::invalid_state);
        return 0;
    }
    FUZZ_CHECK(!submitted.error || submitted.error->kind != pl::error_kind::invalid_state);
    FUZZ_CHECK(submitted.request.has_value() != submitted.error.has_value());
    if (submitted.request) FUZZ_CHECK(submitted.state == pl::flow_state::verifying_code);
    // A new code can always be asked for once any wait is over: the parameters are usable.
    const pl::flow_step resent = again->resend(pl::max_unix_seconds);
    FUZZ_CHECK(resent.request.has_value());
    FUZZ_CHECK(resent.state == pl::flow_state::sending_code);
    note(std::string("submit ") + (submitted.request ? "sent" : describe(*submitted.error)));
    return 0;
}
