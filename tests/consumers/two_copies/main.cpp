// Links several copies of passwordless into one program and runs each (tests/consumers/run.sh):
//   copy_current     the library as it is, default configuration   passwordless::v<this version>
//   copy_older       the single header relabelled as version 0.0.0   passwordless::v0_0_0
//   copy_configured  the library with JSON_DIAGNOSTICS=1              passwordless::v<this>_jdiag
// Every copy must report its own namespace through an inline function of the same name, and
// complete a request/response round. Built with TWO_COPIES_CONTROL=1 (current and older only,
// both with PASSWORDLESS_NAMESPACE_NO_VERSION=1) it checks the opposite: without the version in
// the namespace the linker silently merges the copies, which shows the test can fail.
#include <cstdio>
#include <cstring>

#include "report.hpp"

#ifndef TWO_COPIES_CONTROL
#define TWO_COPIES_CONTROL 0
#endif

static int show(const char* label, const copy_report& r) {
    const bool own = std::strcmp(r.expected, r.marker) == 0;
    std::printf("  %-10s compiled as %-34s marker says %-34s flow %s\n", label, r.expected, r.marker,
                r.flow == 0 ? "ok" : "FAILED");
    return (own ? 0 : 1) + (r.flow == 0 ? 0 : 100);
}

int main() {
#if TWO_COPIES_CONTROL
    const int merged = show("current", copy_current()) % 100 + show("older", copy_older()) % 100;
    if (merged == 0) {
        std::puts("control: the copies were NOT merged without versioned namespaces; the test has no teeth");
        return 1;
    }
    std::puts("control: without versioned namespaces the linker merged the copies, as expected");
    return 0;
#else
    const copy_report reports[] = {copy_current(), copy_older(), copy_configured()};
    int bad = show("current", reports[0]) + show("older", reports[1]) + show("configured", reports[2]);
    for (int i = 0; i < 3; ++i)
        for (int j = i + 1; j < 3; ++j)
            if (std::strcmp(reports[i].expected, reports[j].expected) == 0) ++bad;
    std::puts(bad == 0 ? "three copies, three namespaces, all working" : "FAILED");
    return bad == 0 ? 0 : 1;
#endif
}
