/*
 * A stand-in for Windows' bcryptprimitives.dll, which Debian's Wine 8 lacks. Bun's runtime
 * imports ProcessPrng from it at startup; this forwards to RtlGenRandom (advapi32's
 * SystemFunction036), which Wine implements. Test tooling only: never shipped to clinics.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk;
    length -= chunk;
  }
  return TRUE;
}
