import type { Snapshot } from "../live/inbox-store.ts";
import type { Claims } from "../session/token-store.ts";

/** What every role's dashboard gets: the inbox, who is signed in, and how to act (demo clinic). */
export interface ViewProps {
  snap: Snapshot;
  claims: Claims;
  token: string;
  /** Runs a demo action; absent outside the demo clinic (the customer's own app acts there). */
  act: ((action: Record<string, string>) => void) | null;
}
