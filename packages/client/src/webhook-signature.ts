/**
 * Verifies a `Sofia-Signature` header (`t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`)
 * with WebCrypto, so it runs in Bun, Node and browsers. Refuses signatures older than
 * `toleranceS` (default 5 min) to stop replays. Compare against the raw body, before parsing it.
 */
export async function verifyWebhookSignature(
  secret: string,
  header: string | null,
  rawBody: string,
  nowMs: number = Date.now(),
  toleranceS = 300,
): Promise<boolean> {
  const match = /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match?.[1] || !match[2]) return false;
  const timestamp = Number(match[1]);
  if (Math.abs(nowMs / 1000 - timestamp) > toleranceS) return false;
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["verify"],
  );
  const signature = new Uint8Array(match[2].match(/../g)?.map((h) => Number.parseInt(h, 16)) ?? []);
  // crypto.subtle.verify compares in constant time.
  return crypto.subtle.verify("HMAC", key, signature, new TextEncoder().encode(`${timestamp}.${rawBody}`));
}
