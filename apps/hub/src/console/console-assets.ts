/** One file of the console: its bytes and its `Content-Type`. */
export interface ConsoleAsset {
  body: Uint8Array;
  type: string;
}

/**
 * The console's files by name (`index.html`, `app.js`, `app.css`), built in memory from
 * `apps/console` by `buildConsole()` when the hub starts, and served under `/console/`.
 */
export type ConsoleAssets = ReadonlyMap<string, ConsoleAsset>;

/**
 * What the console's pages may do: scripts and styles from the hub only, no inline code, no
 * frames, and connections (fetch, Socket.IO's polling and WebSocket) to the hub only.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");
