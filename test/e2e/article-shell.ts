// Runs a command line as a guide prints it — `rampart scan … | jq '…'`, `helm template … |
// rampart scan -`, `… | head -50`, with quotes, `\` line continuations and shell globs — in a
// folder, with rampart in-process and jq for real. Only what the guide uses is understood; any
// other program is an error, never silently skipped.
import { spawnSync } from "node:child_process";
import { globSync } from "tinyglobby";
import { rampart } from "./run-cli.js";

export interface ShellOptions {
  /** The folder the command runs in. */
  readonly cwd: string;
  /** What `helm template <release> <chart>` prints, by "<release> <chart>". */
  readonly helm?: Readonly<Record<string, string>>;
  /** Appended to rampart's arguments: what stands in for the cluster the guide scans. */
  readonly cluster?: string;
}

export interface StageRun {
  readonly program: string;
  readonly args: readonly string[];
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface ShellRun {
  /** The exit code of the last stage, as a shell without pipefail reports it. */
  readonly code: number;
  /** What the last stage printed. */
  readonly stdout: string;
  readonly stages: readonly StageRun[];
  /** The rampart stage (the guide's commands have one). */
  readonly rampart: StageRun;
}

interface Word {
  readonly text: string;
  /** Written without quotes: a shell would expand its globs. */
  readonly glob: boolean;
}

/** Words and `|`, as a POSIX shell splits them (single and double quotes, backslash escapes). */
function tokenize(line: string): Array<Word | "|"> {
  const tokens: Array<Word | "|"> = [];
  let text: string | undefined;
  let glob = false;
  const end = () => {
    if (text !== undefined) tokens.push({ text, glob });
    text = undefined;
    glob = false;
  };
  for (let index = 0; index < line.length; index++) {
    const char = line[index] as string;
    if (char === "\\" && line[index + 1] === "\n") {
      index += 1;
      end();
    } else if (/\s/.test(char)) {
      end();
    } else if (char === "|") {
      end();
      tokens.push("|");
    } else if (char === "'") {
      const close = line.indexOf("'", index + 1);
      if (close === -1) throw new Error(`unterminated ' in: ${line}`);
      text = (text ?? "") + line.slice(index + 1, close);
      index = close;
    } else if (char === '"') {
      let value = "";
      for (index += 1; index < line.length && line[index] !== '"'; index++) {
        if (line[index] === "\\" && /["\\$`]/.test(line[index + 1] ?? "")) index += 1;
        value += line[index];
      }
      if (index >= line.length) throw new Error(`unterminated " in: ${line}`);
      text = (text ?? "") + value;
    } else if (char === "\\") {
      text = (text ?? "") + (line[index + 1] ?? "");
      index += 1;
    } else {
      if (char === "*" || char === "?") glob = true;
      text = (text ?? "") + char;
    }
  }
  end();
  return tokens;
}

/** An unquoted glob becomes the files it matches (sorted), or stays as written when none does. */
function expand(word: Word, cwd: string): string[] {
  if (!word.glob) return [word.text];
  const matches = globSync(word.text, { cwd, onlyFiles: false, expandDirectories: false }).sort();
  return matches.length === 0 ? [word.text] : matches;
}

async function runStage(program: string, args: string[], stdin: string, options: ShellOptions): Promise<StageRun> {
  switch (program) {
    case "rampart": {
      const full = options.cluster === undefined ? args : [...args, options.cluster];
      const before = process.cwd();
      process.chdir(options.cwd);
      try {
        const run = await rampart(full, stdin);
        return { program, args: full, ...run };
      } finally {
        process.chdir(before);
      }
    }
    case "jq": {
      const run = spawnSync("jq", args, { cwd: options.cwd, input: stdin, encoding: "utf8" });
      if (run.error !== undefined) throw run.error;
      return { program, args, code: run.status ?? 1, stdout: run.stdout, stderr: run.stderr };
    }
    case "head": {
      const count = /^-(\d+)$/.exec(args[0] ?? "")?.[1];
      if (count === undefined || args.length !== 1) throw new Error(`head ${args.join(" ")}: only head -N is emulated`);
      const lines = stdin.split("\n");
      const kept = lines.slice(0, Number(count)).join("\n");
      return { program, args, code: 0, stdout: lines.length > Number(count) ? `${kept}\n` : kept, stderr: "" };
    }
    case "helm": {
      const [command, release, chart] = args;
      const output = options.helm?.[`${release} ${chart}`];
      if (command !== "template" || output === undefined) throw new Error(`helm ${args.join(" ")} is not emulated`);
      return { program, args, code: 0, stdout: output, stderr: "" };
    }
    default:
      throw new Error(`${program} is not emulated (in: ${[program, ...args].join(" ")})`);
  }
}

/** Runs one command line (a pipeline) as the guide prints it. */
export async function sh(line: string, options: ShellOptions): Promise<ShellRun> {
  const stages: Word[][] = [[]];
  for (const token of tokenize(line)) {
    if (token === "|") stages.push([]);
    else stages[stages.length - 1]?.push(token);
  }
  const runs: StageRun[] = [];
  let stdin = "";
  for (const words of stages) {
    const [program, ...args] = words.flatMap((word) => expand(word, options.cwd));
    if (program === undefined) throw new Error(`empty stage in: ${line}`);
    const run = await runStage(program, args, stdin, options);
    runs.push(run);
    stdin = run.stdout;
  }
  const last = runs[runs.length - 1] as StageRun;
  const rampartRun = runs.find((run) => run.program === "rampart");
  if (rampartRun === undefined) throw new Error(`no rampart in: ${line}`);
  return { code: last.code, stdout: last.stdout, stages: runs, rampart: rampartRun };
}
