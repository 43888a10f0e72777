/** The version of the acknowledged, resumable protocol served on `/v2/ws`. */
export const PROTOCOL_VERSION = 2;

/** How often the hub pings a v2 socket. Clients learn it from `welcome.heartbeat_ms`. */
export const HEARTBEAT_INTERVAL_MS = 25_000;

/**
 * How long after a ping the hub waits for its pong before dropping the socket; clients should
 * likewise give up on a hub silent for `heartbeat_ms + HEARTBEAT_TIMEOUT_MS`.
 */
export const HEARTBEAT_TIMEOUT_MS = 20_000;

/** Deliveries the hub sends ahead of the client's acknowledgements before it waits. */
export const DELIVERY_WINDOW = 100;

/** Largest frame a v2 client may send (1009 above). */
export const MAX_V2_FRAME_BYTES = 64 * 1024;

/** How long an unacknowledged delivery is kept before it is reported as expired. */
export const DEFAULT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** The v2 auth message must arrive within this many milliseconds. */
export const V2_AUTH_TIMEOUT_MS = 10_000;

/** Invalid frames tolerated from one authenticated v2 socket before it is closed with 4200. */
export const MAX_V2_INVALID_FRAMES = 20;
