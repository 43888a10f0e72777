/**
 * Why `port` cannot be used on 127.0.0.1 (another program holds it), or null. Checked before a
 * child starts so the message names the option that moves it, instead of a child's stack trace.
 * Port 0 (any free port) is always fine.
 */
export function portProblem(port: number, what: string, option: string): string | null {
  if (port === 0) return null;
  try {
    const probe = Bun.listen({ hostname: "127.0.0.1", port, socket: { data() {} } });
    probe.stop(true);
    return null;
  } catch {
    return `port ${port} (${what}) is in use: another program is listening on it. Stop it, or choose another port with ${option} N.`;
  }
}

/** A loopback port free now (bound, then released): for settings that cannot say "any port". */
export function freePort(): number {
  const probe = Bun.serve({ port: 0, hostname: "127.0.0.1", fetch: () => new Response() });
  const port = probe.port ?? 0;
  probe.stop(true);
  return port;
}
