// Fuzz target: login_flow::restore, which reads a saved login back (untrusted text: an app's
// storage can be edited, truncated or come from another version).
//
// Input: the saved text itself. The seeds (corpus/restore/seed-*) are what save() gives in every
// state (tests/test_flow.cpp writes them when PASSWORDLESS_WRITE_RESTORE_SEEDS names a folder).
//
// Properties checked (abort on violation):
//  1. restore either succeeds or fails with invalid_argument, field saved_state, a well-formed
//     error that quotes nothing of the text beyond its own words.
//  2. A restored machine is in a possible state: idle or awaiting_code; awaiting_code only with a
//     code's start parameters the client accepts (resend builds a request once the cooldown is
//     over), attempts within max_attempts, a code requested no later than now; its deadlines are
//     valid times.
//  3. save() of a restored machine restores again to the same text (a fixed point), and holds
//     neither a secret (client secret) nor a code.
//  4. The restored machine follows its table: a code submitted is sent or refused by a guard or
//     the code's format, never invalid_state in awaiting_code; in idle it is misuse.
#include <string>

#include "fuzz_common.hpp"

namespace {

using namespace fuzz;

constexpr pl::unix_seconds fuzz_now = 1700000100;

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    verdict_scope verdict(data, size);
    const std::string_view text = as_text(data, size);
    auto restored = pl::login_flow::restore(make_client(), make_config(), text, fuzz_now);
    note_result(restored, [](const pl::login_flow& f) { return std::string(pl::to_string(f.state())) + " " + f.save(); });
    if (!restored.ok()) {  // 1
        const pl::error& e = restored.failure();
        check_error_shape(e);
        FUZZ_CHECK(e.kind == pl::error_kind::invalid_argument);
        FUZZ_CHECK(e.field == "saved_state");
        FUZZ_CHECK(e.description.rfind("saved_state ", 0) == 0);
        FUZZ_CHECK(e.description.size() < 120);
        return 0;
    }
    pl::login_flow& f = restored.value();
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
