import { FileCredentialStore } from "../secrets/credential-store.ts";

/** The two keys Open Dental's API needs: the developer's and the office's. */
export interface OdKeys {
  developerKey: string;
  customerKey: string;
}

/** Open Dental keys are letters and digits (the client refuses anything else). */
const KEY = /^[A-Za-z0-9]{8,128}$/;

/** Why a key is not usable, or null. */
export function keyProblem(name: string, value: string): string | null {
  return KEY.test(value) ? null : `${name} must be 8-128 letters and digits, as the Developer Portal issues them`;
}

/**
 * The keys at rest, protected exactly like the device credential (DPAPI on Windows, mode 0600
 * elsewhere), in their own file: `developer/customer`. Never printed back: status shows only the
 * first four characters of each.
 */
export class OdKeyStore {
  private readonly file: FileCredentialStore;

  constructor(path: string, protect: boolean = process.platform === "win32") {
    this.file = new FileCredentialStore(path, protect);
  }

  read(): OdKeys | null {
    const text = this.file.read();
    const [developerKey, customerKey, extra] = text?.split("/") ?? [];
    if (!developerKey || !customerKey || extra !== undefined) return null;
    if (keyProblem("", developerKey) || keyProblem("", customerKey)) return null;
    return { developerKey, customerKey };
  }

  write(keys: OdKeys): void {
    this.file.write(`${keys.developerKey}/${keys.customerKey}`);
  }

  /** Changes whenever the stored keys change (cheap), so the running agent notices. */
  version(): string {
    return this.file.version();
  }
}

/** `NFF6…`: enough to tell keys apart on a status page, not enough to use them. */
export function maskKey(key: string): string {
  return `${key.slice(0, 4)}…`;
}
