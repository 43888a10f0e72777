/**
 * Where the client keeps the seq of the last delivery the application made safe. For exactly-once
 * processing, `save` must commit together with the application's own record of the delivery (the
 * agent writes both in one SQLite transaction), or `load` must derive the cursor from that record.
 */
export interface CursorStore {
  load(): number | Promise<number>;
  save(seq: number): void | Promise<void>;
}

/** A cursor kept in memory: enough for a browser tab, lost on reload. */
export class MemoryCursorStore implements CursorStore {
  constructor(private seq = 0) {}
  load(): number {
    return this.seq;
  }
  save(seq: number): void {
    this.seq = seq;
  }
}
