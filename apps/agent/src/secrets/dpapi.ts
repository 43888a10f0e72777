import { dlopen, FFIType, type Pointer, ptr, toArrayBuffer } from "bun:ffi";
import { AgentError, ExitCode } from "../exit-codes.ts";

// CRYPTPROTECT_UI_FORBIDDEN | CRYPTPROTECT_LOCAL_MACHINE: never prompt (a service has no desktop),
// and let any account of this machine decrypt, because `enroll` runs as an administrator while the
// scheduled task runs as SYSTEM. The blob cannot be decrypted on another machine (a copied disk
// image or backup); who may read it on this machine is the directory ACL's job.
const FLAGS = 0x1 | 0x4;

type Api = {
  protect(data: Buffer): Buffer;
  unprotect(data: Buffer): Buffer;
};
let api: Api | null = null;

/** Encrypts with Windows DPAPI (`CryptProtectData`). Windows only. */
export function dpapiProtect(data: Buffer): Buffer {
  return load().protect(data);
}

/** Decrypts a DPAPI blob (`CryptUnprotectData`). Windows only. */
export function dpapiUnprotect(data: Buffer): Buffer {
  return load().unprotect(data);
}

function load(): Api {
  if (api) return api;
  if (process.platform !== "win32") throw new AgentError("DPAPI exists only on Windows", ExitCode.FAILED);
  // Opened lazily: crypt32.dll exists only on Windows, and most runs never touch the credential.
  const crypt32 = dlopen("crypt32.dll", {
    CryptProtectData: {
      args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u32, FFIType.ptr],
      returns: FFIType.i32,
    },
    CryptUnprotectData: {
      args: [FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.ptr, FFIType.u32, FFIType.ptr],
      returns: FFIType.i32,
    },
  });
  const kernel32 = dlopen("kernel32.dll", { LocalFree: { args: [FFIType.ptr], returns: FFIType.ptr } });
  // DATA_BLOB on x64: DWORD cbData, 4 bytes of padding, BYTE* pbData.
  const blobOf = (data: Buffer) => {
    const blob = Buffer.alloc(16);
    blob.writeUInt32LE(data.length, 0);
    blob.writeBigUInt64LE(BigInt(ptr(data)), 8);
    return blob;
  };
  const call = (name: "CryptProtectData" | "CryptUnprotectData", data: Buffer): Buffer => {
    const input = Buffer.from(data); // a buffer of its own, kept alive across the call
    const inBlob = blobOf(input);
    const outBlob = Buffer.alloc(16);
    const ok = crypt32.symbols[name](ptr(inBlob), null, null, null, null, FLAGS, ptr(outBlob));
    if (!ok) throw new AgentError(`${name} failed: the credential cannot be protected on this PC`, ExitCode.FAILED);
    const length = outBlob.readUInt32LE(0);
    // The address DPAPI allocated; bun:ffi types pointers as branded numbers.
    const address = Number(outBlob.readBigUInt64LE(8)) as Pointer;
    const result = Buffer.from(toArrayBuffer(address, 0, length).slice(0));
    kernel32.symbols.LocalFree(address);
    return result;
  };
  api = { protect: (d) => call("CryptProtectData", d), unprotect: (d) => call("CryptUnprotectData", d) };
  return api;
}
