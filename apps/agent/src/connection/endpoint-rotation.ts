/**
 * Which configured endpoint to try next. Endpoints are tried in order: a connection that fails
 * before it is established moves to the next one; one that ends after being established starts
 * over from the first, the preferred one. The list is read at each attempt, so an edited config
 * applies on the next connection.
 */
export class EndpointRotation {
  private index = 0;
  private established = false;

  constructor(private readonly endpoints: () => readonly string[]) {}

  /** The endpoint for the next attempt. */
  current(): string {
    const list = this.endpoints();
    if (list.length === 0) throw new Error("no endpoint configured");
    if (this.index >= list.length) this.index = 0;
    return list[this.index] ?? "";
  }

  /** The current endpoint answered (welcome, or a v1 pong). */
  connected(): void {
    this.established = true;
  }

  /** The connection ended or failed. */
  closed(): void {
    this.index = this.established ? 0 : this.index + 1;
    if (this.index >= this.endpoints().length) this.index = 0;
    this.established = false;
  }

  /** Start over from the first endpoint (the list changed). */
  reset(): void {
    this.index = 0;
    this.established = false;
  }
}
