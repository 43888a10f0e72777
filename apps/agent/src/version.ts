import pkg from "../package.json";

// Replaced at build time by `bun build --define SOFIA_AGENT_COMMIT='"<sha>"'` (scripts/build.ts);
// running from source, the identifier is undeclared and `typeof` says so without throwing.
declare const SOFIA_AGENT_COMMIT: string | undefined;

/** The agent's version, from its package.json. */
export const VERSION: string = pkg.version;

/** The git commit the executable was built from, or `dev` when running from source. */
export const COMMIT: string = typeof SOFIA_AGENT_COMMIT === "string" ? SOFIA_AGENT_COMMIT : "dev";

/** `sofia-agent 0.1.0 (commit 1a2b3c4)`, as `--version` prints it. */
export const VERSION_LINE = `sofia-agent ${VERSION} (commit ${COMMIT})`;
