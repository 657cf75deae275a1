// What each copy's translation unit reports to main.cpp. Plain C++, no library types: the
// copies never exchange library objects, only this.
#ifndef TWO_COPIES_REPORT_HPP
#define TWO_COPIES_REPORT_HPP

struct copy_report {
    const char* expected;  // "<namespace> <version>" as this translation unit was compiled
    const char* marker;    // the same, as returned by an inline function inside the namespace
    int flow;              // 0 when a request/response round through the library worked
};

copy_report copy_current();     // current version, default configuration (copy_current.cpp)
copy_report copy_older();       // a copy relabelled as another version (copy_older.cpp)
copy_report copy_configured();  // current version, JSON_DIAGNOSTICS=1 (copy_configured.cpp)

#endif
