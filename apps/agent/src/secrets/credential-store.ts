import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { AgentError, ExitCode } from "../exit-codes.ts";
import { dpapiProtect, dpapiUnprotect } from "./dpapi.ts";

/** A device token (`sdt_…`) or, for v1 endpoints, a doctor key: printable ASCII without spaces. */
export const Credential = z
  .string()
  .min(8, "a credential has at least 8 characters")
  .max(4096)
  .regex(/^[\x21-\x7e]+$/, "a credential is printable text without spaces");

/** Where the credential lives at rest. */
export interface CredentialStore {
  /** The credential, or `null` when none is stored. */
  read(): string | null;
  write(credential: string): void;
  clear(): void;
  /** Changes whenever the stored credential changes (cheap: no decryption), for reload polling. */
  version(): string;
}

/**
 * The credential in a file. Elsewhere than Windows the file is mode 0600, readable only by its
 * owner (root, which the service runs as). On Windows its content is a DPAPI blob (machine scope,
 * so the SYSTEM service can read what an administrator's `enroll` wrote) and the directory's ACL
 * does the rest (docs/agent.md).
 */
export class FileCredentialStore implements CredentialStore {
  constructor(
    private readonly file: string,
    private readonly protect: boolean = process.platform === "win32",
  ) {}

  read(): string | null {
    if (!existsSync(this.file)) return null;
    const bytes = readFileSync(this.file);
    if (bytes.length > 64 * 1024) throw new AgentError(`${this.file} is too large to be a credential`, ExitCode.FAILED);
    const text = (this.protect ? dpapiUnprotect(bytes) : bytes).toString("utf8").trim();
    const parsed = Credential.safeParse(text);
    if (!parsed.success) {
      throw new AgentError(`${this.file} does not hold a valid credential; enroll again`, ExitCode.NOT_CONFIGURED);
    }
    return parsed.data;
  }

  write(credential: string): void {
    const valid = Credential.parse(credential);
    mkdirSync(dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.tmp`;
    const bytes = this.protect ? dpapiProtect(Buffer.from(valid, "utf8")) : Buffer.from(`${valid}\n`, "utf8");
    writeFileSync(temp, bytes, { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.file);
  }

  clear(): void {
    rmSync(this.file, { force: true });
  }

  version(): string {
    if (!existsSync(this.file)) return "none";
    const stat = statSync(this.file);
    return `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
  }
}

/** `sdt_3f9a…_…` → `sdt_3f9a0c1b2d4e5f60` (the public id part), or a masked prefix for other shapes. */
export function credentialLabel(credential: string): string {
  const id = /^(s[a-z]{2}_[0-9a-f]{16})_/.exec(credential)?.[1];
  return id ?? `${credential.slice(0, 4)}…`;
}
