/** How an Open Dental request ended, as a metric label: the status class, or why there was none. */
export type OdOutcome = "2xx" | "3xx" | "4xx" | "5xx" | "network" | "timeout";

const METHODS = new Set(["GET", "POST", "PUT", "DELETE"]);
const CLASSES: Readonly<Record<number, OdOutcome>> = { 2: "2xx", 3: "3xx", 4: "4xx", 5: "5xx" };

/**
 * Wraps `inner` so that every request's duration (to the answer's headers) and outcome go to
 * `observe`. The method is one of four (else `other`); the URL, which carries patient numbers in
 * its query, is never a label.
 */
export function timedFetch(
  inner: typeof fetch,
  observe: (method: string, outcome: OdOutcome, seconds: number) => void,
): typeof fetch {
  const timed = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const given = (init?.method ?? (input instanceof Request ? input.method : "GET")).toUpperCase();
    const method = METHODS.has(given) ? given : "other";
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await inner(input, init);
      observe(method, CLASSES[Math.floor(response.status / 100)] ?? "5xx", seconds());
      return response;
    } catch (error) {
      const aborted = init?.signal?.aborted === true || (error instanceof Error && error.name === "AbortError");
      observe(method, aborted ? "timeout" : "network", seconds());
      throw error;
    }
  };
  return Object.assign(timed, { preconnect: inner.preconnect });
}
