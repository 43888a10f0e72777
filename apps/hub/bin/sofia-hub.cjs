#!/usr/bin/env node
// `npx sofia-hub` / node_modules/.bin/sofia-hub: runs src/main.ts with the Bun npm installed (see @sofia/cli).
require("@sofia/cli/run-with-bun")(require("node:path").join(__dirname, "..", "src", "main.ts"));
