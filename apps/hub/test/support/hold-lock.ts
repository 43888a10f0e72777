/**
 * Holds a SQLite database's write lock from another process, as a `sofia-hub` command or a
 * backup tool would: `bun hold-lock.ts <file> <ms>` prints `locked` once it holds the lock, keeps
 * it for `ms` milliseconds, then commits and exits.
 */
import { Database } from "bun:sqlite";

const [file, ms] = process.argv.slice(2);
if (!file || !ms) throw new Error("usage: hold-lock.ts <file> <ms>");
const db = new Database(file);
db.exec("PRAGMA busy_timeout = 5000");
db.exec("BEGIN IMMEDIATE");
process.stdout.write("locked\n");
await Bun.sleep(Number(ms));
db.exec("COMMIT");
db.close();
