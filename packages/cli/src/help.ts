/** Whether `args` ask for help: `--help` or `-h` anywhere before a `--`. */
export function wantsHelp(args: readonly string[]): boolean {
  for (const arg of args) {
    if (arg === "--") return false;
    if (arg === "--help" || arg === "-h") return true;
  }
  return false;
}

/**
 * A program's help, one entry per command, so `PROGRAM COMMAND --help` (and `PROGRAM help
 * COMMAND`) print that command's part and `PROGRAM --help` prints them all.
 */
export interface ProgramHelp {
  /** The first lines of `--help`: what the program is, `Usage: …`. */
  intro: string;
  /** Each command's synopsis and explanation, keyed by the command's first word. */
  commands: Readonly<Record<string, string>>;
  /** The last lines of `--help`: options every command takes, exit codes. */
  outro: string;
}

/** The whole help text. */
export function fullHelp(help: ProgramHelp): string {
  return [help.intro, "", ...Object.values(help.commands), "", help.outro].join("\n");
}

/** The help of `command`, or `null` when the program has no such command. */
export function commandHelp(help: ProgramHelp, command: string): string | null {
  const text = Object.hasOwn(help.commands, command) ? help.commands[command] : undefined;
  return text === undefined ? null : `${text}\n\n${help.outro}`;
}
