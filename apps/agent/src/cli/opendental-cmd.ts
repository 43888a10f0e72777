import { UsageError } from "@sofia/cli";
import type { AgentPaths } from "../paths.ts";
import type { AgentIo } from "./io.ts";
import { connectCommand } from "./opendental-connect.ts";
import { mapCommand } from "./opendental-map.ts";
import { odStatusCommand } from "./opendental-status.ts";

/** `sofia-agent opendental connect | map | status`. */
export async function openDentalCommand(args: string[], io: AgentIo, paths: AgentPaths): Promise<number> {
  const [action, ...rest] = args;
  switch (action) {
    case "connect":
      return connectCommand(rest, io, paths);
    case "map":
      return mapCommand(rest, io, paths);
    case "status":
      return odStatusCommand(rest, io, paths);
    default:
      throw new UsageError('use "opendental connect", "opendental map" or "opendental status"');
  }
}
