import { NOTIFICATION_EVENTS, USER_ROLES } from "@sofia/protocol";
import { EVENT_RULES, JOIN_RULES, PRESENCE_RULES } from "./policy-table.ts";
import { ROOM_KINDS } from "./rooms.ts";

const JOIN_WORDS = {
  self: "only the user it is named for",
  same_role: "users holding that role",
  member: "every user of the clinic",
};
const ROOM_PATTERNS = {
  user: "`clinic:<clinic>:user:<user id>`",
  role: "`clinic:<clinic>:role:<role>`",
  clinic: "`clinic:<clinic>`",
};

/**
 * The policy table as the Markdown docs/notifications.md shows it, generated from
 * {@link JOIN_RULES} and {@link EVENT_RULES} so the docs cannot drift from the code (a test
 * compares them).
 */
export function renderPolicyTable(): string {
  const rooms = ROOM_KINDS.map((kind) => [kind, ROOM_PATTERNS[kind], JOIN_WORDS[JOIN_RULES[kind]]]);
  const list = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "none");
  const events = NOTIFICATION_EVENTS.map((event) => {
    const rule = EVENT_RULES[event];
    return [
      `\`${event}\``,
      list(rule.publishers),
      list(rule.users),
      list(rule.roles),
      rule.clinic ? "yes" : "no",
      rule.why,
    ];
  });
  const presence = USER_ROLES.map((role) => [role, list(PRESENCE_RULES[role])]);
  return [
    markdownTable(["Room", "Name", "Who may join (own clinic only)"], rooms),
    markdownTable(["Event", "Published by", "Personal rooms of", "Role rooms", "Whole clinic", "Why"], events),
    markdownTable(["Role", "Sees who is online among (own clinic only)"], presence),
  ].join("\n");
}

/** A Markdown table with padded columns, as the repository's formatter writes them. */
function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(title.length, 3, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => `| ${widths.map((width, i) => (cells[i] ?? "").padEnd(width)).join(" | ")} |`;
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n").concat("\n");
}
