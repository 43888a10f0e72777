import { afterAll, beforeAll, describe } from "bun:test";
import { type ContractTarget, contractSuite } from "./contract/suite.ts";
import { KEYS, startTestSandbox, type TestSandbox } from "./support/sandbox.ts";

// The same suite body, against the sandbox always and against a real Open Dental when configured.
describe("contract suite against the sandbox", () => {
  let s: TestSandbox;
  beforeAll(async () => {
    s = await startTestSandbox(":memory:");
  });
  afterAll(() => s.stop());
  contractSuite(
    (): ContractTarget => ({
      api: s.api,
      developerKey: KEYS.developer,
      customerKey: KEYS.all,
      allowWrites: true,
      spacingMs: 0,
      today: "2025-03-14",
    }),
  );
});

const { OD_BASE_URL, OD_DEVELOPER_KEY, OD_CUSTOMER_KEY, OD_ALLOW_WRITES } = process.env;
if (OD_BASE_URL && OD_DEVELOPER_KEY && OD_CUSTOMER_KEY) {
  describe(`contract suite against ${OD_BASE_URL}`, () => {
    contractSuite(() => ({
      api: OD_BASE_URL.replace(/\/$/, ""),
      developerKey: OD_DEVELOPER_KEY,
      customerKey: OD_CUSTOMER_KEY,
      allowWrites: OD_ALLOW_WRITES === "1",
      // Remote keys are throttled (5 s read-only, 1 s otherwise); space requests to stay within it.
      spacingMs: Number(process.env.OD_SPACING_MS ?? 5100),
      today: new Date().toISOString().slice(0, 10),
    }));
  });
} else {
  console.log(
    "od-sandbox: OD_BASE_URL/OD_DEVELOPER_KEY/OD_CUSTOMER_KEY not set; contract tests against a real Open Dental skipped.",
  );
}
