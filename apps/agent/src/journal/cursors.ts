import type { Database } from "bun:sqlite";

/** The v2 cursor kept for a credential (its public id): the last seq safely journaled, or 0. */
export function loadCursor(db: Database, credentialId: string): number {
  const row = db.query("SELECT seq FROM cursors WHERE credential_id = ?").get(credentialId);
  return row && typeof row === "object" && "seq" in row && typeof row.seq === "number" ? row.seq : 0;
}

/** Stores the cursor of a credential, replacing the previous one. */
export function saveCursor(db: Database, credentialId: string, seq: number): void {
  db.query("INSERT INTO cursors (credential_id, seq) VALUES (?, ?) ON CONFLICT DO UPDATE SET seq = excluded.seq").run(
    credentialId,
    seq,
  );
}
