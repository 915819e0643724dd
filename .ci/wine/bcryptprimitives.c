/* A stand-in for Windows' bcryptprimitives.dll, for running our tests under Wine only.
 *
 * Rust's standard library on Windows takes its randomness (HashMap keys, temporary
 * file names) from ProcessPrng in bcryptprimitives.dll, which Wine 8.0 does not have:
 * without this file no Rust program starts there. ProcessPrng is asked for random
 * bytes and always succeeds; RtlGenRandom, which Wine has (exported by advapi32 as
 * SystemFunction036), gives the same thing. .ci/wine/setup builds this with mingw and
 * puts it in the Wine prefix's system32; it is never part of what we ship. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    /* RtlGenRandom counts in ULONG (32 bits); ProcessPrng in SIZE_T. */
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}

/* Built without the C runtime (-nostdlib), so the entry point is ours: nothing to do. */
BOOL WINAPI DllMainCRTStartup(HINSTANCE dll, DWORD reason, LPVOID reserved)
{
    (void)dll;
    (void)reason;
    (void)reserved;
    return TRUE;
}
