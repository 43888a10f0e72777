import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { needProgram } from "@sofia/testing";

/** `openssl`, to make throwaway certificates: tests skip without it outside CI, and fail in CI. */
export const OPENSSL = needProgram("openssl", ["openssl"], "apt-get install -y openssl");

/** A throwaway self-signed certificate (P-256, one day) for `hostname`, made with `openssl`. */
export async function selfSignedCertificate(openssl: string, hostname: string): Promise<{ cert: string; key: string }> {
  const dir = mkdtempSync(join(tmpdir(), "sofia-cert-"));
  try {
    const proc = Bun.spawn(
      [
        openssl,
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-days",
        "1",
        "-subj",
        `/CN=${hostname}`,
        "-addext",
        `subjectAltName=DNS:${hostname}`,
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ],
      { stdout: "ignore", stderr: "pipe" },
    );
    const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
    if (code !== 0) throw new Error(`openssl exited with ${code}: ${stderr}`);
    return { cert: readFileSync(join(dir, "cert.pem"), "utf8"), key: readFileSync(join(dir, "key.pem"), "utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
