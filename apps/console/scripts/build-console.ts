import { readFileSync } from "node:fs";
import { join } from "node:path";

/** One built file: its bytes and its `Content-Type` (the hub's `ConsoleAsset`). */
export interface BuiltFile {
  body: Uint8Array;
  type: string;
}

const SRC = join(import.meta.dir, "..", "src");

/**
 * Builds the console in memory with Bun's bundler: `app.js` (Preact and socket.io-client bundled,
 * minified), `app.css` and `index.html`. The hub runs it when it starts, so `npm start` always
 * serves the console of its own sources; nothing is written to disk.
 */
export async function buildConsole(): Promise<Map<string, BuiltFile>> {
  const result = await Bun.build({
    entrypoints: [join(SRC, "main.tsx")],
    target: "browser",
    format: "esm",
    minify: true,
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
  });
  if (!result.success) throw new AggregateError(result.logs, "the console did not build");
  const [js] = result.outputs;
  if (!js) throw new Error("the console's build produced no script");
  const text = (name: string) => new TextEncoder().encode(readFileSync(join(SRC, name), "utf8"));
  return new Map([
    ["app.js", { body: new Uint8Array(await js.arrayBuffer()), type: "text/javascript; charset=utf-8" }],
    ["app.css", { body: text("app.css"), type: "text/css; charset=utf-8" }],
    ["index.html", { body: text("index.html"), type: "text/html; charset=utf-8" }],
  ]);
}
