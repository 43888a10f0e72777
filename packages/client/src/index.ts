/**
 * @sofia/client: the protocol v2 client for Bun, Node and browsers.
 *
 * @example
 * const client = new SofiaClient({
 *   url: () => "wss://hub.example/v2/ws",
 *   credential: () => deviceToken,
 *   cursor: new MemoryCursorStore(),
 *   onDelivery: async (d) => { await journal.store(d); },
 * });
 * await client.start();
 */
export * from "./backoff.ts";
export * from "./clock.ts";
export * from "./cursor-store.ts";
export * from "./events.ts";
export * from "./options.ts";
export * from "./socket.ts";
export * from "./sofia-client.ts";
export * from "./token-renewal.ts";
export * from "./user-messages.ts";
export * from "./webhook-signature.ts";
