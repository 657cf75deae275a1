// passwordless: the definitions of passwordless/flow_tables.hpp's functions. passwordless/flow_tables.hpp includes this file at its end
// when PASSWORDLESS_DEFINE_FUNCTIONS is 1 (header-only mode, or the one translation unit
// that defines PASSWORDLESS_IMPLEMENTATION; see version.hpp); do not include it yourself.
#ifndef PASSWORDLESS_IMPL_FLOW_TABLES_HPP
#define PASSWORDLESS_IMPL_FLOW_TABLES_HPP

#include "passwordless/flow_tables.hpp"

#if PASSWORDLESS_DEFINE_FUNCTIONS

PASSWORDLESS_NAMESPACE_BEGIN

PASSWORDLESS_FUNC std::string flow_state_diagram() {
    std::string out = "stateDiagram-v2\n    [*] --> idle\n";
    for (const flow_transition& t : flow_transitions) {
        if (t.outcome == flow_outcome::refused) continue;
        out.append("    ").append(to_string(t.from)).append(" --> ").append(to_string(t.to)).append(" : ");
        out.append(to_string(t.input)).append(" / ").append(to_string(t.outcome)).append("\n");
    }
    return out;
}

PASSWORDLESS_FUNC std::optional<error> check_flow_guards(flow_input input, const flow_guard_facts& f, unix_seconds now) {
    for (const flow_guard_rule& rule : flow_guards) {
        if (rule.input != input) continue;
        std::optional<unix_seconds> until;
        std::string_view why;
        switch (rule.guard) {
            case flow_guard::attempts_used_up:
                if (f.attempts < f.max_attempts) continue;
                why = "this code was entered wrongly too often; request a new code";
                break;
            case flow_guard::code_dead:
                if (!f.code_expired && !(f.code_expires_at && now >= *f.code_expires_at)) continue;
                why = "the code has expired; request a new code";
                break;
            case flow_guard::rate_limit_wait: {
                const std::optional<unix_seconds>& at = input == flow_input::submit_code ? f.token_retry_at : f.start_retry_at;
                if (!at || now >= *at) continue;
                until = at;
                why = "rate limited: wait until retry_at before trying again";
                break;
            }
            case flow_guard::resend_cooldown:
                if (!f.code_outstanding || !f.code_sent_at || now - *f.code_sent_at >= f.resend_cooldown) continue;
                until = *f.code_sent_at + f.resend_cooldown;
                why = "a new code can be requested only after the resend cooldown";
                break;
        }
        error e = error::make(rule.kind, std::string(why));
        e.retry_at = until;
        return e;
    }
    return std::nullopt;
}

PASSWORDLESS_NAMESPACE_END

#endif

#endif
