// The error of a policy project whose controls do not compile, apart from runtime/project.ts so
// that the CLI can recognise it without loading the compiler.
import type { CompileResult } from "../compiler/compile.js";

export class ProjectCompileError extends Error {
  override name = "ProjectCompileError";
  constructor(readonly result: CompileResult) {
    super(`the project's controls do not compile (${result.diagnostics.length} problem(s))`);
  }
}
