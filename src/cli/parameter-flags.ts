import { Option, type Command } from "commander";
import { optionName, parameterFlags, type ParameterList } from "../analysis/parameters.js";

/** Adds a flag for each parameter of an analysis, from its one definition (src/analysis/parameters.ts). */
export function addParameterFlags(command: Command, list: ParameterList): Command {
  for (const p of parameterFlags(list)) {
    const flag = p.isSwitch ? optionName(p.key) : `${optionName(p.key)} <${p.placeholder ?? "value"}>`;
    const option = new Option(flag, p.isList ? `${p.description} (repeatable)` : p.description);
    if (p.fallback !== undefined) option.default(p.fallback);
    if (p.isList)
      option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    command.addOption(option);
  }
  return command;
}

/** The analysis's parameters among a command's options (which also hold --db, --json, --plot). */
export function givenParameters(list: ParameterList, options: object): Record<string, unknown> {
  const given = options as Record<string, unknown>;
  return Object.fromEntries(
    Object.keys(list.entries)
      .filter((key) => given[key] !== undefined)
      .map((key) => [key, given[key]]),
  );
}
