import { describe, expect, test } from "bun:test";
import { parseEndpointSpec } from "../../src/opendental/endpoint-spec.ts";

describe("opendental connect --url", () => {
  test("addresses become the cascade, each mode from its address unless named", () => {
    expect(parseEndpointSpec("http://192.168.1.10:30223, remote")).toEqual([
      { mode: "service", url: "http://192.168.1.10:30223/api/v1" },
      { mode: "remote", url: "https://api.opendental.com/api/v1" },
    ]);
    expect(parseEndpointSpec("localhost:30222")).toEqual([{ mode: "local", url: "http://localhost:30222/api/v1" }]);
    expect(parseEndpointSpec("https://api.opendental.com/api/v1")).toEqual([
      { mode: "remote", url: "https://api.opendental.com/api/v1" },
    ]);
    expect(parseEndpointSpec("remote=http://127.0.0.1:40000/api/v1")).toEqual([
      { mode: "remote", url: "http://127.0.0.1:40000/api/v1" },
    ]);
  });

  test.each([
    ["", "one to three"],
    ["a,b,c,d", "one to three"],
    ["http://od.example.com:30223", "use https"],
    ["http://192.168.1.10:30223,http://192.168.1.10:30223/api/v1", "listed twice"],
    ["http://user:pw@192.168.1.10:30223", "plain base URL"],
  ])("%p is refused: %s", (spec, words) => {
    expect(() => parseEndpointSpec(spec)).toThrow(words);
  });
});
