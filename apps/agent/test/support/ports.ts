/**
 * A loopback port nothing listens on: bound by a throwaway server, then released. Used for a hub
 * that will be started on it later, or as an endpoint that refuses connections.
 */
export function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port ?? 0;
  probe.stop(true);
  return port;
}
