import { useEffect, useState } from "preact/hooks";
import type { InboxStore, Snapshot } from "./inbox-store.ts";

/** The store's snapshot, re-rendering the component on every change. */
export function useSnapshot(store: InboxStore): Snapshot {
  const [snap, setSnap] = useState(store.snapshot);
  useEffect(() => store.subscribe(() => setSnap(store.snapshot)), [store]);
  return snap;
}
