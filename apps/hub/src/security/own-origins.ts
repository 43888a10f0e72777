/**
 * The origins of the hub's own pages (the console it serves at `/console`): its public URL's and
 * the URL it listens on, and, when it listens on every interface or on loopback, both loopback
 * names with its port (`npm start` prints 127.0.0.1; a browser may be pointed at localhost).
 * Pages from these origins are the hub's own code, so they need not be in a clinic's list.
 */
export function hubOrigins(publicUrl: string, listenUrl: string, hostname: string | undefined): string[] {
  const origins = new Set<string>();
  for (const text of [publicUrl, listenUrl]) if (URL.canParse(text)) origins.add(new URL(text).origin);
  const local = hostname === undefined || ["0.0.0.0", "::", "127.0.0.1", "localhost", "::1"].includes(hostname);
  if (local && URL.canParse(listenUrl)) {
    const { port, protocol } = new URL(listenUrl);
    for (const host of ["127.0.0.1", "localhost"]) origins.add(`${protocol}//${host}${port ? `:${port}` : ""}`);
  }
  return [...origins];
}
