#!/usr/bin/env node
// `npx sofia-agent` / node_modules/.bin/sofia-agent: runs src/main.ts with the Bun npm installed (see @sofia/cli).
require("@sofia/cli/run-with-bun")(require("node:path").join(__dirname, "..", "src", "main.ts"));
