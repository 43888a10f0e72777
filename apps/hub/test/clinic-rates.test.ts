import { expect, test } from "bun:test";
import { ClinicRates, percentile } from "../src/console/clinic-rates.ts";

test("percentiles by nearest rank", () => {
  const values = Array.from({ length: 100 }, (_, i) => i + 1);
  expect(percentile(values, 0.5)).toBe(50);
  expect(percentile(values, 0.99)).toBe(99);
  expect(percentile([7], 0.99)).toBe(7);
  expect(percentile([], 0.5)).toBeNull();
});

test("each clinic's rates over the last five minutes, never another clinic's", async () => {
  let now = 1_000_000;
  const rates = new ClinicRates({ now: () => now });
  for (let i = 0; i < 10; i++) rates.delivered("clinic-a", i < 9 ? 20 : 400);
  rates.delivered("clinic-a", null); // a report to the agent: a message, not a notification
  rates.resumed("clinic-a");
  rates.delivered("clinic-b", 5);
  expect(await rates.figures("clinic-a")).toEqual({
    latencyP50Ms: 20,
    latencyP99Ms: 400,
    reconnectionsPerMinute: 0.2, // 1 in 5 minutes
    messagesPerMinute: 2.2, // 11 in 5 minutes
  });
  expect((await rates.figures("clinic-b")).latencyP99Ms).toBe(5);
  now += 5 * 60_000 + 1;
  expect(await rates.figures("clinic-a")).toMatchObject({ latencyP50Ms: null, messagesPerMinute: 0 });
});
