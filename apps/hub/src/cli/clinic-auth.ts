import { parseArgs } from "node:util";
import { UsageError } from "../config.ts";
import { clinicAuthConfigSchema } from "../users/clinic-auth-config.ts";
import { requireId } from "./doctors.ts";
import { type CliIo, ExitCode, withStore } from "./io.ts";

/**
 * `clinics auth --clinic ID --issuer URL --audience AUD (--secret-env VAR | --jwks-url URL)
 * [--algorithms RS256,ES256,EdDSA] [--clock-skew S] [--dev]`, or `--off`, or `--show`: how the
 * clinic's care-team users' JWTs are verified. A shared secret is read from an environment
 * variable, never from the command line (it would stay in the shell's history and `ps`), and is
 * never printed back. `--dev` allows a plain-http JWKS URL on a loopback address.
 */
export async function clinicAuthCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      clinic: { type: "string" },
      issuer: { type: "string" },
      audience: { type: "string" },
      "secret-env": { type: "string" },
      "jwks-url": { type: "string" },
      algorithms: { type: "string" },
      "clock-skew": { type: "string" },
      dev: { type: "boolean", default: false },
      off: { type: "boolean", default: false },
      show: { type: "boolean", default: false },
      json: { type: "boolean", default: false },
      "data-dir": { type: "string" },
    },
  });
  const clinicId = requireId(values.clinic, "--clinic");
  return withStore(values["data-dir"], io, async (store) => {
    const clinic = await store.directory.getClinic(clinicId);
    if (!clinic) {
      io.err(`No clinic "${clinicId}".`);
      return ExitCode.FAILED;
    }
    if (values.show) {
      const auth = clinic.userAuth;
      const shown = auth && {
        issuer: auth.issuer,
        audience: auth.audience,
        clock_skew_seconds: auth.clockSkewSeconds,
        keys: auth.keys.kind === "jwks" ? auth.keys : { kind: "shared_secret", secret: "(set; not shown)" },
      };
      io.out(values.json ? JSON.stringify({ clinic_id: clinicId, user_auth: shown }) : JSON.stringify(shown, null, 2));
      return ExitCode.OK;
    }
    if (values.off) {
      await store.directory.setUserAuth(clinicId, null);
      io.out(`Clinic ${clinicId}: no care-team users; their tokens are refused from now on.`);
      return ExitCode.OK;
    }
    const secretEnv = values["secret-env"];
    const jwksUrl = values["jwks-url"];
    if ((secretEnv === undefined) === (jwksUrl === undefined)) {
      throw new UsageError("give exactly one of --secret-env VAR (HS256) or --jwks-url URL (RS256, ES256, EdDSA)");
    }
    const secret = secretEnv === undefined ? undefined : io.env[secretEnv];
    if (secretEnv !== undefined && !secret)
      throw new UsageError(`the environment variable ${secretEnv} is empty or unset`);
    const parsed = clinicAuthConfigSchema({ allowLoopbackHttp: values.dev }).safeParse({
      clinicId,
      issuer: values.issuer,
      audience: values.audience,
      ...(values["clock-skew"] !== undefined ? { clockSkewSeconds: Number(values["clock-skew"]) } : {}),
      keys:
        jwksUrl !== undefined
          ? { kind: "jwks", url: jwksUrl, ...(values.algorithms ? { algorithms: values.algorithms.split(",") } : {}) }
          : { kind: "shared_secret", secret },
    });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(settings)"}: ${i.message}`);
      throw new UsageError(`invalid settings: ${issues.join("; ")}`);
    }
    const { clinicId: _clinic, ...auth } = parsed.data;
    await store.directory.setUserAuth(clinicId, auth);
    io.out(
      `Clinic ${clinicId}: care-team users sign in with tokens from ${auth.issuer} for ${auth.audience}` +
        ` (${auth.keys.kind === "jwks" ? `keys from ${auth.keys.url}` : "HS256 shared secret"}).`,
    );
    return ExitCode.OK;
  });
}
