#!/usr/bin/env node
// `npx od-sandbox` / node_modules/.bin/od-sandbox: runs src/main.ts with the Bun npm installed (see @sofia/cli).
require("@sofia/cli/run-with-bun")(require("node:path").join(__dirname, "..", "src", "main.ts"));
