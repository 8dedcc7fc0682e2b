// Positions and failures in control source files.
import path from "node:path";
import type { Node } from "ts-morph";
import { CompileError, type DiagnosticCode, makeDiagnostic } from "../diagnostics.js";
import type { SourcePosition } from "../ir/build.js";

/** `file` relative to `root` (forward slashes) when it lies below it; absolute otherwise. */
export function displayPath(file: string, root = process.cwd()): string {
  const relative = path.relative(root, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative.split(path.sep).join("/");
}

/** Positions carry absolute paths; formatters make them relative for display. */
export function positionOf(node: Node): SourcePosition {
  const sourceFile = node.getSourceFile();
  const { line, column } = sourceFile.getLineAndColumnAtPos(node.getStart());
  return { file: sourceFile.getFilePath(), line, column };
}

export function fail(code: DiagnosticCode, node: Node, ...args: string[]): never {
  throw new CompileError(makeDiagnostic(code, args, positionOf(node), node.getWidth()));
}
