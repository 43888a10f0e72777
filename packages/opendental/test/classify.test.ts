import { describe, expect, test } from "bun:test";
import { classifyStatus, neverConnected, retryAfterMs } from "../src/classify.ts";
import { isLocalNetwork, OdErrorCode, OpenDentalError, resolveEndpoints } from "../src/index.ts";

describe("classifying Open Dental's answers by what to do", () => {
  test.each([
    [400, "PatNum is required", false, "bad_request", false],
    [400, "The eConnector at this office is not running or could not be reached.", true, "office_unreachable", false],
    [400, "The request to the dental office timed out.", true, "office_unreachable", true],
    [400, "The request to the dental office timed out.", false, "office_unreachable", false],
    [
      400,
      "The version of Open Dental at this office (24.1.5.0) is not high enough for ProcNotes GET, which needs version 24.2.29 or later.",
      false,
      "version_too_old",
      false,
    ],
    [401, "Invalid developer key or customer key.", true, "unauthorized", false],
    [401, "This API key does not have permission for this method.", true, "permission_denied", false],
    [404, "Patient not found", true, "not_found", false],
    [410, "", false, "gone", false],
    [429, "", true, "throttled", false],
    [500, "", true, "server_error", true],
    [503, "", false, "server_error", false],
    [504, "Gateway Time-out", true, "gateway_timeout", true],
  ])("%i %j (write: %p) is %s, outcome unknown: %p", (status, explanation, isWrite, code, unknown) => {
    expect(classifyStatus(status, explanation, isWrite)).toEqual({
      code: code as OdErrorCode,
      outcomeUnknown: unknown,
    });
  });

  test("each code maps to one action", () => {
    const action = (code: OdErrorCode) => new OpenDentalError({ code, request: "GET /x" }).action;
    expect([OdErrorCode.NETWORK, OdErrorCode.TIMEOUT, OdErrorCode.GATEWAY_TIMEOUT].map(action)).toEqual([
      "retry",
      "retry",
      "retry",
    ]);
    expect([OdErrorCode.UNAUTHORIZED, OdErrorCode.PERMISSION_DENIED, OdErrorCode.VERSION_TOO_OLD].map(action)).toEqual([
      "fix_setup",
      "fix_setup",
      "fix_setup",
    ]);
    expect([OdErrorCode.BAD_REQUEST, OdErrorCode.NOT_FOUND].map(action)).toEqual(["give_up", "give_up"]);
  });

  test("a refused connection proves nothing was sent; a reset does not", () => {
    expect(neverConnected(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }))).toBe(
      true,
    );
    expect(neverConnected(Object.assign(new Error("x"), { code: "ConnectionRefused" }))).toBe(true);
    expect(neverConnected(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBe(false);
    expect(neverConnected(new Error("socket hang up"))).toBe(false);
  });

  test("Retry-After in seconds or as a date, capped", () => {
    expect(retryAfterMs("2", 0)).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4000)).toBe(6000);
    expect(retryAfterMs("9999", 0)).toBe(60_000);
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});

describe("configured endpoints", () => {
  test("defaults are Open Dental's documented URLs", () => {
    expect(resolveEndpoints([{ mode: "local" }, { mode: "service" }, { mode: "remote" }]).map((e) => e.url)).toEqual([
      "http://localhost:30222/api/v1",
      "http://localhost:30223/api/v1",
      "https://api.opendental.com/api/v1",
    ]);
  });

  test("the keys never travel in clear text beyond the office network", () => {
    expect(resolveEndpoints([{ mode: "service", url: "http://192.168.1.20:30223/api/v1/" }])[0]?.url).toBe(
      "http://192.168.1.20:30223/api/v1",
    );
    expect(() => resolveEndpoints([{ mode: "remote", url: "http://api.opendental.com/api/v1" }])).toThrow(/https/);
    expect(() => resolveEndpoints([{ mode: "service", url: "http://8.8.8.8:30223/api/v1" }])).toThrow(/https/);
    expect(() => resolveEndpoints([{ mode: "remote", url: "https://u:p@api.opendental.com/api/v1" }])).toThrow();
    expect(() => resolveEndpoints([])).toThrow();
    for (const host of ["localhost", "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.0.9", "[::1]", "OFFICE-SERVER"]) {
      expect(isLocalNetwork(host)).toBe(true);
    }
    for (const host of ["172.32.0.1", "8.8.8.8", "api.opendental.com"]) expect(isLocalNetwork(host)).toBe(false);
  });
});
