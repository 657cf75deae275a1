/* The object-like macros (and min/max) that the Windows SDK's <windows.h> defines, with the
 * SDK's own values, for the Windows checks of .ci/engine and .ci/platforms. Included after
 * mingw-w64's real <windows.h> it adds what mingw-w64 leaves out or defines only in some
 * configurations (mingw-w64 defines `small` for the resource compiler only, `hyper` and
 * `interface` not under WIN32_LEAN_AND_MEAN, `min`/`max` only for C, DOMAIN and friends not in
 * strict mode); alone (on Linux) it stands for the whole set. Every macro is defined regardless
 * of WIN32_LEAN_AND_MEAN, so the check is a little stricter than the SDK; min and max follow
 * NOMINMAX as in the SDK. Typedef names (BOOL, BOOLEAN, BYTE, CHAR, byte, boolean) are not
 * macros in the SDK, cannot collide with a namespaced name, and are not listed.
 *
 * Where each comes from in the SDK: rpcndr.h (small, hyper), combaseapi.h (interface, PURE,
 * THIS), minwindef.h (IN, OUT, OPTIONAL, TRUE, FALSE, near, far, NEAR, FAR, pascal, cdecl, PASCAL,
 * CDECL, CALLBACK, WINAPI, APIENTRY, CONST, min, max), winnt.h (VOID, DELETE), wingdi.h (ERROR,
 * TRANSPARENT, OPAQUE, ABSOLUTE, RELATIVE, ALTERNATE, WINDING), winbase.h (IGNORE, INFINITE),
 * winerror.h (NO_ERROR), winuser.h (MOUSE_MOVED, DOUBLE_CLICK, DIFFERENCE), corecrt_math.h
 * (DOMAIN, SING, OVERFLOW, UNDERFLOW, TLOSS, PLOSS) and the A/W function names of the Win32 API
 * (GetObject, GetMessage, SendMessage, LoadString, CreateFile, DeleteFile, CopyFile, MoveFile).
 */
#ifndef small
#define small char
#endif
#ifndef hyper
#define hyper __int64
#endif
#ifndef __STRUCT__
#define __STRUCT__ struct
#endif
#ifndef interface
#define interface __STRUCT__
#endif
#ifndef PURE
#define PURE = 0
#endif
#ifndef THIS
#define THIS void
#endif
#ifndef IN
#define IN
#endif
#ifndef OUT
#define OUT
#endif
#ifndef OPTIONAL
#define OPTIONAL
#endif
#ifndef TRUE
#define TRUE 1
#endif
#ifndef FALSE
#define FALSE 0
#endif
#ifndef far
#define far
#endif
#ifndef near
#define near
#endif
#ifndef FAR
#define FAR far
#endif
#ifndef NEAR
#define NEAR near
#endif
#ifndef pascal
#define pascal __stdcall
#endif
#ifndef cdecl
#define cdecl
#endif
#ifndef PASCAL
#define PASCAL __stdcall
#endif
#ifndef CDECL
#define CDECL
#endif
#ifndef CALLBACK
#define CALLBACK __stdcall
#endif
#ifndef WINAPI
#define WINAPI __stdcall
#endif
#ifndef APIENTRY
#define APIENTRY WINAPI
#endif
#ifndef CONST
#define CONST const
#endif
#ifndef VOID
#define VOID void
#endif
#ifndef DELETE
#define DELETE (0x00010000L)
#endif
#ifndef ERROR
#define ERROR 0
#endif
#ifndef TRANSPARENT
#define TRANSPARENT 1
#endif
#ifndef OPAQUE
#define OPAQUE 2
#endif
#ifndef ABSOLUTE
#define ABSOLUTE 1
#endif
#ifndef RELATIVE
#define RELATIVE 2
#endif
#ifndef ALTERNATE
#define ALTERNATE 1
#endif
#ifndef WINDING
#define WINDING 2
#endif
#ifndef IGNORE
#define IGNORE 0
#endif
#ifndef INFINITE
#define INFINITE 0xFFFFFFFF
#endif
#ifndef NO_ERROR
#define NO_ERROR 0L
#endif
#ifndef MOUSE_MOVED
#define MOUSE_MOVED 0x0001
#endif
#ifndef DOUBLE_CLICK
#define DOUBLE_CLICK 0x0002
#endif
#ifndef DIFFERENCE
#define DIFFERENCE 11
#endif
#ifndef DOMAIN
#define DOMAIN 1
#endif
#ifndef SING
#define SING 2
#endif
#ifndef OVERFLOW
#define OVERFLOW 3
#endif
#ifndef UNDERFLOW
#define UNDERFLOW 4
#endif
#ifndef TLOSS
#define TLOSS 5
#endif
#ifndef PLOSS
#define PLOSS 6
#endif
#ifndef GetObject
#define GetObject GetObjectW
#endif
#ifndef GetMessage
#define GetMessage GetMessageW
#endif
#ifndef SendMessage
#define SendMessage SendMessageW
#endif
#ifndef LoadString
#define LoadString LoadStringW
#endif
#ifndef CreateFile
#define CreateFile CreateFileW
#endif
#ifndef DeleteFile
#define DeleteFile DeleteFileW
#endif
#ifndef CopyFile
#define CopyFile CopyFileW
#endif
#ifndef MoveFile
#define MoveFile MoveFileW
#endif
#ifndef NOMINMAX
#ifndef max
#define max(a, b) (((a) > (b)) ? (a) : (b))
#endif
#ifndef min
#define min(a, b) (((a) < (b)) ? (a) : (b))
#endif
#endif
