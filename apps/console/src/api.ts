import { z } from "zod";

// The console's calls to the hub's own endpoints (`/console/api/…`). The token goes in the
// Authorization header, never in a URL.

const Config = z.object({ demo: z.boolean() });
const DemoUser = z.object({ id: z.string(), role: z.string(), name: z.string() });
export type DemoUser = z.infer<typeof DemoUser>;
const DemoUsers = z.object({ users: z.array(DemoUser) });
const DemoToken = z.object({ token: z.string() });

async function call(path: string, init: RequestInit = {}, token?: string): Promise<unknown> {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  if (init.body) headers.set("content-type", "application/json");
  const response = await fetch(`/console/api/${path}`, { ...init, headers });
  if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
  return response.json();
}

/** Whether this hub runs the demo clinic (its users can be picked instead of pasting a token). */
export async function config(): Promise<z.infer<typeof Config>> {
  return Config.parse(await call("config"));
}

export async function demoUsers(): Promise<DemoUser[]> {
  return DemoUsers.parse(await call("demo/users")).users;
}

/** A demo user's token, as the demo clinic's identity provider would issue it. */
export async function demoToken(userId: string): Promise<string> {
  const body = JSON.stringify({ user_id: userId });
  return DemoToken.parse(await call("demo/token", { method: "POST", body })).token;
}

/** What a demo user does (the demo clinic's backend publishes the notifications). */
export async function act(token: string, action: Record<string, string>): Promise<void> {
  await call("demo/act", { method: "POST", body: JSON.stringify(action) }, token);
}

/** The operator's view of the admin's clinic (parsed by the view). */
export function overview(token: string): Promise<unknown> {
  return call("overview", {}, token);
}
