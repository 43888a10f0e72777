import { type CliIo, ExitCode, UsageError } from "@sofia/cli";
import { systemClock } from "../clock.ts";
import { describeDb, openStore } from "../store/open.ts";
import { dbOption, parseOptions, required } from "./options.ts";

const KEY = /^[A-Za-z0-9]{1,64}$/;

/**
 * `od-sandbox keys add|disable|enable|list`: the office's API keys and their permission tier,
 * `all` (may write; remote throttle 1 s) or `read` (ReadAll only; 5 s) [S5].
 */
export async function keysCommand(sub: string | undefined, args: string[], io: CliIo): Promise<number> {
  const values = parseOptions(args, {
    developer: { type: "string" },
    customer: { type: "string" },
    permissions: { type: "string" },
    name: { type: "string" },
    db: { type: "string" },
  });
  const db = dbOption(values.db, io);
  if (sub !== "add" && sub !== "disable" && sub !== "enable" && sub !== "list") {
    throw new UsageError(`unknown keys command "${sub ?? ""}" (add, disable, enable, list)`);
  }
  const store = await openStore(db, systemClock());
  try {
    if (sub === "list") {
      for (const k of await store.select("apikey")) {
        io.out(`${k.CustApiKey}\t${k.DevName}\t${k.ApiPermissions}\t${k.IsEnabled ? "enabled" : "disabled"}`);
      }
      return ExitCode.OK;
    }
    const customer = required(values.customer, "customer");
    if (!KEY.test(customer)) throw new UsageError("--customer must be letters and digits");
    const [existing] = await store.select("apikey", { where: [{ column: "CustApiKey", op: "=", value: customer }] });
    if (sub === "add") {
      const developer = required(values.developer, "developer");
      if (!KEY.test(developer)) throw new UsageError("--developer must be letters and digits");
      const permissions = required(values.permissions, "permissions");
      if (permissions !== "all" && permissions !== "read") throw new UsageError("--permissions must be all or read");
      if (existing) {
        io.err(`customer key ${customer} already exists.`);
        return ExitCode.FAILED;
      }
      await store.insert("apikey", {
        CustApiKey: customer,
        DevApiKey: developer,
        DevName: values.name ?? "Sandbox Developer",
        ApiPermissions: permissions,
        IsEnabled: 1,
      });
      io.out(`Added customer key ${customer} (${permissions}) to ${describeDb(db)}.`);
      return ExitCode.OK;
    }
    if (!existing) {
      io.err(`no customer key ${customer} in ${describeDb(db)}.`);
      return ExitCode.FAILED;
    }
    await store.update("apikey", existing.APIKeyNum, { IsEnabled: sub === "enable" ? 1 : 0 });
    io.out(`${sub === "enable" ? "Enabled" : "Disabled"} customer key ${customer}.`);
    return ExitCode.OK;
  } finally {
    await store.close();
  }
}
