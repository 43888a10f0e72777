/** Test tools shared by the workspace's test suites. */
export * from "./fake-clock.ts";
export * from "./fake-socket.ts";
export * from "./need.ts";
export * from "./read-until.ts";
export * from "./test-socket.ts";
export * from "./until.ts";
