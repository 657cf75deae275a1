// The rule tables of the login state machine: the answer table (one row per error kind, each
// outcome a transition the machine has), the guards (each row exercised), flow_next, and the
// copies of the diagram and the outcome table in flow_tables.hpp's opening comment.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "support/helpers.hpp"

using namespace test;

namespace {

// The state a request is answered in.
pl::flow_state answered_in(pl::flow_request r) {
    switch (r) {
        case pl::flow_request::first_start:
        case pl::flow_request::new_code: return pl::flow_state::sending_code;
        case pl::flow_request::token: return pl::flow_state::verifying_code;
        case pl::flow_request::keys: return pl::flow_state::fetching_keys;
        case pl::flow_request::mfa_list: return pl::flow_state::listing_authenticators;
        case pl::flow_request::mfa_challenge: return pl::flow_state::challenging;
        case pl::flow_request::mfa_grant: return pl::flow_state::verifying_mfa;
    }
    return pl::flow_state::failed;
}

const pl::flow_request all_requests[] = {pl::flow_request::first_start, pl::flow_request::new_code, pl::flow_request::token,
                                         pl::flow_request::keys,        pl::flow_request::mfa_list, pl::flow_request::mfa_challenge,
                                         pl::flow_request::mfa_grant};

#ifdef PASSWORDLESS_TEST_SOURCE_DIR
// The outcome table as flow_tables.hpp's comment must show it: drawn from flow_answer_rules.
std::string outcome_table_markdown() {
    std::string out =
        "| error kind | first start | new code | token | keys | mfa list | mfa challenge | mfa grant | effect |\n"
        "|---|---|---|---|---|---|---|---|---|\n";
    for (const pl::flow_answer_rule& r : pl::flow_answer_rules) {
        out.append("| `").append(pl::to_string(r.kind)).append("` |");
        for (pl::flow_request req : all_requests) out.append(" ").append(pl::to_string(r.outcome(req))).append(" |");
        out.append(" ").append(pl::to_string(r.effect)).append(" |\n");
    }
    out.append("\n| call | guard, in order | refused with |\n|---|---|---|\n");
    for (const pl::flow_guard_rule& g : pl::flow_guards) {
        out.append("| `").append(pl::to_string(g.input)).append("` | ").append(pl::to_string(g.guard));
        out.append(" | `").append(pl::to_string(g.kind)).append("` |\n");
    }
    return out;
}

// The opening comment of flow_tables.hpp, without its "// " prefixes: the file's first lines that
// start with "//".
std::string header_comment() {
    std::ifstream in(PASSWORDLESS_TEST_SOURCE_DIR "/include/passwordless/flow_tables.hpp");
    std::string text, line;
    while (std::getline(in, line) && line.rfind("//", 0) == 0)
        text.append(line.compare(0, 3, "// ") == 0 ? line.substr(3) : line.substr(2)).append("\n");
    return text;
}

// The text between `open` and the next `close` in `text`.
std::string section(const std::string& text, const std::string& open, const std::string& close) {
    const std::size_t begin = text.find(open);
    if (begin == std::string::npos) return "(missing: " + open + ")";
    const std::size_t end = text.find(close, begin + open.size());
    if (end == std::string::npos) return "(unterminated: " + open + ")";
    return text.substr(begin + open.size(), end - begin - open.size());
}
#endif

}  // namespace

TEST_CASE("the answer table has one row per error kind, in order, and every outcome is a transition") {
    const auto rows = sizeof(pl::flow_answer_rules) / sizeof(pl::flow_answer_rules[0]);
    REQUIRE(rows == static_cast<std::size_t>(pl::last_error_kind) + 1);
    for (std::size_t i = 0; i < rows; ++i) {
        const pl::flow_answer_rule& r = pl::flow_answer_rules[i];
        CAPTURE(pl::to_string(r.kind));
        CHECK(static_cast<std::size_t>(r.kind) == i);
        CHECK(&pl::flow_answer_rule_for(r.kind) == &r);
        for (pl::flow_request req : all_requests) {
            const pl::flow_outcome o = r.outcome(req);
            CAPTURE(pl::to_string(o));
            const pl::flow_input input =
                r.kind == pl::error_kind::transport_failed ? pl::flow_input::transport_failed : pl::flow_input::response;
            CHECK(pl::find_transition(answered_in(req), input, o) != nullptr);
            // An answer never ends in success, and what the user can fix never ends the login.
            CHECK(o != pl::flow_outcome::authenticated);
            if (pl::action_for(r.kind) == pl::error_action::fix_input && req != pl::flow_request::token)
                CHECK(o != pl::flow_outcome::fatal);
            if (pl::action_for(r.kind) == pl::error_action::retry) CHECK(o != pl::flow_outcome::fatal);
        }
        // The outcome per request kind keeps to its own vocabulary.
        CHECK((r.first_start == pl::flow_outcome::no_code_yet || r.first_start == pl::flow_outcome::fatal));
        CHECK((r.new_code == pl::flow_outcome::previous_code_stands || r.new_code == pl::flow_outcome::fatal));
        CHECK((r.keys == pl::flow_outcome::keys_unavailable || r.keys == pl::flow_outcome::fatal));
        CHECK((r.token != pl::flow_outcome::approval_pending && r.token != pl::flow_outcome::authenticators_listed));
        CHECK((r.mfa_list == pl::flow_outcome::no_verdict || r.mfa_list == pl::flow_outcome::fatal));
        CHECK((r.mfa_challenge == pl::flow_outcome::no_verdict || r.mfa_challenge == pl::flow_outcome::fatal));
        CHECK((r.mfa_grant == pl::flow_outcome::no_verdict || r.mfa_grant == pl::flow_outcome::fatal ||
               r.mfa_grant == pl::flow_outcome::code_refused || r.mfa_grant == pl::flow_outcome::approval_pending ||
               r.mfa_grant == pl::flow_outcome::mfa_needed));
        // Only mfa_required continues with MFA, and only the MFA grant's polling kinds wait for a poll.
        CHECK(((r.token == pl::flow_outcome::mfa_needed) == (r.kind == pl::error_kind::mfa_required)));
        CHECK(((r.mfa_grant == pl::flow_outcome::mfa_needed) == (r.kind == pl::error_kind::mfa_required)));
        CHECK(((r.mfa_grant == pl::flow_outcome::approval_pending) ==
               (r.kind == pl::error_kind::authorization_pending || r.kind == pl::error_kind::slow_down)));
        // A first start and a new code share one policy: what fails one fails the other.
        CHECK((r.first_start == pl::flow_outcome::fatal) == (r.new_code == pl::flow_outcome::fatal));
    }
}

TEST_CASE("every guard row refuses its call with its kind, and lets it pass when its fact is absent") {
    for (const pl::flow_guard_rule& g : pl::flow_guards) {
        CAPTURE(pl::to_string(g.input));
        CAPTURE(pl::to_string(g.guard));
        pl::flow_guard_facts f;
        f.code_outstanding = true;
        f.code_sent_at = now - 1000;
        CHECK_FALSE(pl::check_flow_guards(g.input, f, now).has_value());
        switch (g.guard) {
            case pl::flow_guard::attempts_used_up: f.attempts = f.max_attempts; break;
            case pl::flow_guard::code_dead: f.code_expires_at = now; break;
            case pl::flow_guard::rate_limit_wait:
                f.start_retry_at = now + 5;
                f.token_retry_at = now + 5;
                break;
            case pl::flow_guard::resend_cooldown: f.code_sent_at = now - 1; break;
        }
        auto e = pl::check_flow_guards(g.input, f, now);
        REQUIRE(e.has_value());
        CHECK(e->kind == g.kind);
        CHECK(e->action == pl::action_for(g.kind));
        if (g.kind == pl::error_kind::rate_limited) {
            CHECK(e->retry_at.has_value());
            CHECK(*e->retry_at > now);
        }
        CHECK(pl::input_allowed(pl::flow_state::awaiting_code, g.input));
    }
    // Only a wait the same endpoint asked for holds a call.
    pl::flow_guard_facts f;
    f.token_retry_at = now + 5;
    CHECK_FALSE(pl::check_flow_guards(pl::flow_input::start, f, now).has_value());
    CHECK(pl::check_flow_guards(pl::flow_input::submit_code, f, now)->kind == pl::error_kind::rate_limited);
    // The server's expiry verdict counts without a configured lifetime.
    pl::flow_guard_facts dead;
    dead.code_expired = true;
    CHECK(pl::check_flow_guards(pl::flow_input::submit_code, dead, now)->kind == pl::error_kind::code_expired);
}

TEST_CASE("flow_next: every value has a name, and the mapping from error_action holds") {
    std::set<std::string_view> names;
    for (int i = 0; i <= static_cast<int>(pl::flow_next::none); ++i) names.insert(pl::to_string(static_cast<pl::flow_next>(i)));
    CHECK(names.size() == static_cast<std::size_t>(pl::flow_next::none) + 1);
    auto next = [](pl::flow_state s, pl::error_kind k, bool dead = false) {
        pl::error e = pl::error::make(k, "x");
        if (k == pl::error_kind::rate_limited) e.retry_at = now;
        return pl::flow_next_for(s, false, &e, dead);
    };
    CHECK(pl::flow_next_for(pl::flow_state::sending_code, true, nullptr, false) == pl::flow_next::send_request);
    CHECK(next(pl::flow_state::failed, pl::error_kind::server_error) == pl::flow_next::stop);
    CHECK(next(pl::flow_state::awaiting_code, pl::error_kind::invalid_state) == pl::flow_next::none);
    CHECK(next(pl::flow_state::awaiting_code, pl::error_kind::rate_limited) == pl::flow_next::wait_until);
    CHECK(next(pl::flow_state::fetching_keys, pl::error_kind::server_error) == pl::flow_next::retry);
    CHECK(next(pl::flow_state::awaiting_code, pl::error_kind::code_expired, true) == pl::flow_next::request_new_code);
    CHECK(next(pl::flow_state::awaiting_code, pl::error_kind::wrong_code) == pl::flow_next::ask_for_code);
    CHECK(next(pl::flow_state::idle, pl::error_kind::invalid_email) == pl::flow_next::start_over);
    CHECK(pl::flow_next_for(pl::flow_state::authenticated, false, nullptr, false) == pl::flow_next::done);
}

#ifdef PASSWORDLESS_TEST_SOURCE_DIR
TEST_CASE("flow_tables.hpp's comment shows the state diagram and outcome table drawn from the tables") {
    const std::string comment = header_comment();
    REQUIRE_FALSE(comment.empty());
    CHECK(section(comment, "```mermaid\n", "```") == pl::flow_state_diagram());
    CHECK(section(comment, "<!-- outcome table: drawn from flow_answer_rules and flow_guards; a test compares -->\n",
                  "<!-- end of outcome table -->") == outcome_table_markdown());
}
#endif
