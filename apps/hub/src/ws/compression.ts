/**
 * With `compressFrames` (`serve --compress-frames`; off by default), frames at least this long are
 * sent compressed (permessage-deflate) to clients that negotiated it; shorter ones are sent as they
 * are. `bun bench/compression.ts` measured it: below about a kilobyte a frame (a notification, a
 * pong, an ack) saves tens of bytes for a fixed cost of zlib per frame and per connection; a report
 * delivery (several kilobytes of HTML, RTF and text saying the same thing three times) shrinks by
 * more than half. docs/notifications.md quotes the figures; docs/benchmarks.md says why it is off.
 */
export const COMPRESS_ABOVE_BYTES = 1024;
