/**
 * The sandbox as a library, for other workspaces' tests that run a client against it in-process
 * (sharing its clock): start a server on a store, seed the demo office, set the office's version.
 */
export type { ApiMode } from "./api/mode.ts";
export type { GatedParts } from "./api/version-guard.ts";
export type { OfficeClock } from "./clock.ts";
export { seedDemoOffice } from "./demo/demo-office.ts";
export { type RunningSandbox, type SandboxOptions, startSandbox } from "./sandbox.ts";
export { openStore } from "./store/open.ts";
export type { OdStore } from "./store/store.ts";
export { DEFAULT_OD_VERSION, parseVersion, setOfficeVersion } from "./version.ts";
