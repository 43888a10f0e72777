#!/usr/bin/env bun
import { processIo } from "@sofia/cli";
import { runCli } from "./cli/run.ts";

// Entry point of od-sandbox (`npm run -s od-sandbox -- <command>` in the repository).
const code = await runCli(process.argv.slice(2), processIo);
process.exit(code);
