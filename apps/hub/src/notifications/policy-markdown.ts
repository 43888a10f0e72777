import { NOTIFICATION_EVENTS } from "@sofia/protocol";
import { EVENT_RULES, JOIN_RULES } from "./policy-table.ts";
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
  const lines = ["| Room | Name | Who may join (own clinic only) |", "| --- | --- | --- |"];
  for (const kind of ROOM_KINDS) lines.push(`| ${kind} | ${ROOM_PATTERNS[kind]} | ${JOIN_WORDS[JOIN_RULES[kind]]} |`);
  lines.push(
    "",
    "| Event | Published by | Personal rooms of | Role rooms | Whole clinic | Why |",
    "| --- | --- | --- | --- | --- | --- |",
  );
  for (const event of NOTIFICATION_EVENTS) {
    const rule = EVENT_RULES[event];
    const list = (items: readonly string[]) => (items.length > 0 ? items.join(", ") : "none");
    const cells = [list(rule.publishers), list(rule.users), list(rule.roles), rule.clinic ? "yes" : "no"];
    lines.push(`| \`${event}\` | ${cells.join(" | ")} | ${rule.why} |`);
  }
  return `${lines.join("\n")}\n`;
}
