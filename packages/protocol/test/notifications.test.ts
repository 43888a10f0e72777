import { describe, expect, test } from "bun:test";
import {
  exceedsJsonDepth,
  MAX_NOTIFICATION_JSON_DEPTH,
  MAX_NOTIFICATION_REQUEST_BYTES,
  NOTIFICATION_EVENTS,
  NotificationEvent,
  NotificationLink,
  PRODUCER_NOTIFICATION_EVENTS,
  PrescriptionStatus,
  PublishNotificationRequest,
  UserId,
} from "../src/index.ts";

const at = "2026-11-20T09:30:00.000Z";
const ids = { patient_id: "pat-456", doctor_id: "auth0|doc789" };

/** One valid example per producer event: the reference's three scenarios plus a generic notification. */
const EXAMPLES = {
  new_access_request: { request_id: "req-123", ...ids, doctor_name: "Dr Diallo", requested_at: at },
  access_request_status_changed: { request_id: "req-123", ...ids, status: "approved", changed_at: at },
  prescription_status_changed: { prescription_id: "rx-1", ...ids, status: "validated", changed_at: at },
  medical_record_created: { record_id: "rec-9", ...ids, title: "Check-up", created_at: at },
  medical_record_updated: { record_id: "rec-9", patient_id: "pat-456", updated_by: "doc789", updated_at: at },
  notification: { title: "Welcome", body: "Line one\nline two", link: "/inbox" },
} as const;

const toUser = { type: "user", clinic_id: "clinic-a", user_id: "pat-456" };

describe("the notification catalog", () => {
  test("names every event of the issue, and producers may publish all but the hub's report events", () => {
    expect<string[]>([...NOTIFICATION_EVENTS].sort()).toEqual(
      [...Object.keys(EXAMPLES), "report_ready", "report_status_changed"].sort(),
    );
    expect<string[]>([...PRODUCER_NOTIFICATION_EVENTS].sort()).toEqual(Object.keys(EXAMPLES).sort());
    const publishable = PublishNotificationRequest.options.map((option) => option.shape.event.value);
    expect(publishable).toEqual([...PRODUCER_NOTIFICATION_EVENTS]);
  });

  test.each(Object.entries(EXAMPLES))(
    "%s: a valid example parses as an event and as a publish request",
    (event, data) => {
      expect(NotificationEvent.safeParse({ event, data }).success).toBe(true);
      for (const to of [
        toUser,
        { type: "role", clinic_id: "clinic-a", role: "pharmacist" },
        { type: "clinic", clinic_id: "clinic-a" },
      ]) {
        const parsed = PublishNotificationRequest.safeParse({ to, event, data, dedupe_key: "k-1" });
        expect(parsed.success).toBe(true);
      }
    },
  );

  test("data is validated against the schema of the event it is published as", () => {
    const parsed = PublishNotificationRequest.safeParse({
      to: toUser,
      event: "prescription_status_changed",
      data: EXAMPLES.new_access_request,
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error?.issues.map((issue) => issue.path.join(".")) ?? [];
    expect(paths).toContain("data.prescription_id");
    expect(paths).toContain("data.status");
  });

  test("a producer cannot publish report_ready, nor an unknown event", () => {
    for (const event of ["report_ready", "invented_event"]) {
      expect(PublishNotificationRequest.safeParse({ to: toUser, event, data: {} }).success).toBe(false);
    }
  });

  test("a prescription moves through exactly validated, prepared, ready and delivered", () => {
    expect(PrescriptionStatus.options).toEqual(["validated", "prepared", "ready", "delivered"]);
    const data = { ...EXAMPLES.prescription_status_changed, status: "lost" };
    expect(NotificationEvent.safeParse({ event: "prescription_status_changed", data }).success).toBe(false);
  });

  test("the target names a clinic and one user, one role or the whole clinic", () => {
    const bad = [
      { type: "user", clinic_id: "clinic-a" },
      { type: "role", clinic_id: "clinic-a", role: "janitor" },
      { type: "clinic" },
      { type: "clinic", clinic_id: "a/b" },
      { type: "everyone" },
    ];
    for (const to of bad) {
      expect(
        PublishNotificationRequest.safeParse({ to, event: "notification", data: EXAMPLES.notification }).success,
      ).toBe(false);
    }
  });

  test("unknown fields are stripped, not refused (a producer may be on a newer catalog)", () => {
    const parsed = PublishNotificationRequest.parse({
      to: toUser,
      event: "notification",
      data: { ...EXAMPLES.notification, colour: "red" },
    });
    expect(parsed.data).toEqual(EXAMPLES.notification);
  });
});

describe("ids and texts", () => {
  test.each(["auth0|5f7c8ec7c33c6c004bbafe82", "3f2b6c1e-9d1a-4c7e-8b9a-1d2e3f4a5b6c", "ana@example.org", "ñandú-7"])(
    "%s is a user id",
    (id) => expect(UserId.safeParse(id).success).toBe(true),
  );

  test.each([
    ["empty", ""],
    ["a space", "a b"],
    ["a newline", "a\nb"],
    ["a right-to-left override", "a\u202eb"],
    ["a zero-width space", "a\u200bb"],
    ["256 characters", "x".repeat(256)],
  ])("an id with %s is refused", (_, id) => {
    expect(UserId.safeParse(id).success).toBe(false);
  });

  test("titles are one line; bodies may have newlines but no other control characters", () => {
    const notification = (title: string, body: string) =>
      NotificationEvent.safeParse({ event: "notification", data: { title, body } }).success;
    expect(notification("Hello", "a\n\tb")).toBe(true);
    expect(notification("Hel\nlo", "")).toBe(false);
    expect(notification("Hello", "bell\u0007")).toBe(false);
    expect(notification("", "empty title")).toBe(false);
  });
});

describe("notification links", () => {
  test.each(["https://app.example.org/prescriptions/81?tab=status#top", "/prescriptions/81", "/"])(
    "%s is accepted",
    (link) => {
      expect(NotificationLink.safeParse(link).success).toBe(true);
    },
  );

  test.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://app.example.org/x",
    "//evil.example/x",
    "/\\evil.example/x",
    " /x",
    "/x\n",
    "https://user:pw@app.example.org/",
    "https://",
    "https:///path",
    "https://app.example.org/a b",
    "ftp://app.example.org/",
    "prescriptions/81",
  ])("%p is refused", (link) => {
    expect(NotificationLink.safeParse(link).success).toBe(false);
  });
});

test("a link over 2000 characters is refused", () => {
  expect(NotificationLink.safeParse(`/${"x".repeat(1999)}`).success).toBe(true);
  expect(NotificationLink.safeParse(`/${"x".repeat(2000)}`).success).toBe(false);
});

describe("limits", () => {
  test("the largest valid request, every character escaped, fits in MAX_NOTIFICATION_REQUEST_BYTES", () => {
    // U+00E9 is written as the 6-byte escape \u00e9 when a producer escapes non-ASCII text.
    const escapedJson = (value: unknown) => JSON.stringify(value).replace(/é/g, "\\u00e9");
    const longest = {
      to: { type: "user", clinic_id: "c".repeat(64), user_id: "é".repeat(255) },
      event: "notification",
      data: {
        title: "é".repeat(200),
        body: "é".repeat(2000),
        link: `https://a.example/${"é".repeat(1982)}`,
        level: "warning",
      },
      dedupe_key: "é".repeat(200),
    };
    expect(PublishNotificationRequest.safeParse(longest).success).toBe(true);
    const bytes = new TextEncoder().encode(escapedJson(longest)).length;
    expect(bytes).toBeLessThanOrEqual(MAX_NOTIFICATION_REQUEST_BYTES);
  });

  test("a valid request is well within the depth limit", () => {
    const text = JSON.stringify({ to: toUser, event: "notification", data: EXAMPLES.notification });
    expect(exceedsJsonDepth(text, 3)).toBe(false);
    expect(exceedsJsonDepth(text, 1)).toBe(true);
  });

  test("depth counts objects and arrays, and ignores brackets inside strings and escapes", () => {
    const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(exceedsJsonDepth(nested(MAX_NOTIFICATION_JSON_DEPTH), MAX_NOTIFICATION_JSON_DEPTH)).toBe(false);
    expect(exceedsJsonDepth(nested(MAX_NOTIFICATION_JSON_DEPTH + 1), MAX_NOTIFICATION_JSON_DEPTH)).toBe(true);
    expect(exceedsJsonDepth(`{"a":"${"{[".repeat(50)}"}`, 2)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\"{{{{{{"}`, 2)).toBe(false);
    expect(exceedsJsonDepth(`{"a":"\\\\",${"{".repeat(5)}`, 2)).toBe(true);
  });
});
