"""The one reader of include/passwordless.h for the checks that compare it with something else
(tests/c_api/check_abi.py: the library's symbols; examples/python/check_bindings.py: the ctypes
bindings). Standard library only: the header is regular enough for regular expressions, and this
reader refuses any declaration it cannot read."""
import pathlib
import re

HEADER = pathlib.Path(__file__).resolve().parents[2] / "include" / "passwordless.h"


def _split_args(args):
    """C parameter types of an argument list, names dropped ("void" is none)."""
    if args.strip() == "void":
        return []
    return [" ".join(re.sub(r"\w+$", "", a.strip()).replace("*", " * ").split()) for a in args.split(",")]


def _type(t):
    return " ".join(t.replace("*", " * ").split())


class Header:
    """passwordless.h as data: functions, enum constants, value structs, callback types, ABI."""

    def __init__(self, path=HEADER):
        self.path = pathlib.Path(path)
        text = self.path.read_text(encoding="utf-8")
        # name -> (return type, [argument types]); types with normalised spaces ("const char *").
        self.functions = {}
        for proto in re.findall(r"^PASSWORDLESS_API ([^;]*?)\s*PASSWORDLESS_NOEXCEPT;", text, re.S | re.M):
            m = re.fullmatch(r"(.*?)\b(passwordless_\w+)\((.*)\)", " ".join(proto.split()))
            if not m:
                raise SystemExit(f"c_header: cannot read the declaration '{proto}'")
            ret, name, args = m.groups()
            self.functions[name] = (_type(ret), _split_args(args))
        if len(self.functions) != text.count("PASSWORDLESS_API ") - text.count("#define PASSWORDLESS_API"):
            raise SystemExit("c_header: a PASSWORDLESS_API declaration was not read (does every one end in PASSWORDLESS_NOEXCEPT;?)")
        # Every enum member: PASSWORDLESS_NAME -> value.
        self.constants = {n: int(v) for n, v in re.findall(r"^\s+(PASSWORDLESS_\w+) = (-?\d+)", text, re.M)}
        # typedef struct name {members} name; -> [(type, member)].
        self.structs = {n: [(_type(t), f) for t, f in re.findall(r"([\w ]+?\s*\**)\s*(\w+);", body)]
                        for n, body in re.findall(r"typedef struct (\w+) \{([^}]*)\} \1;", text)}
        # typedef ret (*name)(args); -> (return type, [argument types]).
        self.callbacks = {n: (_type(r), _split_args(a)) for r, n, a in re.findall(r"typedef (\w+) \(\*(\w+)\)\(([^)]*)\);", text)}
        self.abi_version = int(re.search(r"^#define PASSWORDLESS_ABI_VERSION (\d+)$", text, re.M).group(1))
