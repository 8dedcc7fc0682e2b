// The fixes of one manifest file, edited into its text: which files may be edited at all (not
// standard input, not Helm output, not a template or a generated file), each object's patch
// written in place (yaml-edit.ts), and the new text written atomically, only if the file has not
// changed since it was read.
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import type { ObjectFix } from "./plan.js";
import { editObject } from "./yaml-edit.js";

/** An object whose fixes could not be written into its file, and why. */
export interface SkippedEdit {
  readonly fix: ObjectFix;
  readonly reason: string;
}

export interface FileEdit {
  readonly file: string;
  readonly before: string;
  readonly after: string;
  /** The objects whose patches are in `after`. */
  readonly applied: readonly ObjectFix[];
  readonly skipped: readonly SkippedEdit[];
}

/** Why a file must not be edited in place; undefined when it may be. */
export function uneditableReason(
  file: string,
  text: string | undefined,
  fixes: readonly ObjectFix[],
): string | undefined {
  if (file === "<stdin>") return "read from standard input: there is no file to edit (use --kubectl or --dry-run)";
  const template = fixes.find((fix) => fix.object.source.template !== undefined)?.object.source.template;
  if (template !== undefined) return `Helm output: fix the chart's template ${template} instead`;
  if (text === undefined) return "cannot be read again";
  if (/\{\{[^}]*\}\}/.test(text)) return "a template ({{ … }}): fix its source instead";
  if (/^.{0,200}(DO NOT EDIT|Code generated)/im.test(text.split("\n").slice(0, 5).join("\n")))
    return "a generated file (it says DO NOT EDIT): fix what generates it";
  return undefined;
}

/** Every object's patch written into the file's text, object by object. */
export function editFile(file: string, text: string, fixes: readonly ObjectFix[]): FileEdit {
  const json = path.extname(file).toLowerCase() === ".json";
  let after = text;
  const applied: ObjectFix[] = [];
  const skipped: SkippedEdit[] = [];
  for (const fix of fixes) {
    if (fix.patch.length === 0) continue;
    const { documentIndex, itemIndex } = fix.object.source;
    const result = editObject(
      after,
      { documentIndex, ...(itemIndex === undefined ? {} : { itemIndex }) },
      fix.patch,
      json,
    );
    if ("error" in result) skipped.push({ fix, reason: `cannot be edited in place: ${result.error}` });
    else {
      after = result.text;
      applied.push(fix);
    }
  }
  return { file, before: text, after, applied, skipped };
}

/** A unified diff of the edit, as `diff -u` prints it. */
export function unifiedDiff(edit: FileEdit): string {
  // git's a/ and b/ prefixes for a relative path; an absolute path is named as it is.
  const [before, after] = path.isAbsolute(edit.file) ? [edit.file, edit.file] : [`a/${edit.file}`, `b/${edit.file}`];
  return createTwoFilesPatch(before, after, edit.before, edit.after, "", "", { context: 3 })
    .split("\n")
    .slice(1)
    .join("\n");
}

/** The file changed on disk since it was read (another editor, another run). */
export class FileChangedError extends Error {}

/**
 * Writes the edit in full or not at all: a temporary file beside it (same mode), synced, then
 * renamed over it — unless the file no longer holds the text the fixes were computed from.
 */
export function writeEdit(edit: FileEdit): void {
  if (readFileSync(edit.file, "utf8") !== edit.before)
    throw new FileChangedError(`${edit.file} changed since it was read; not overwritten (run rampart fix again)`);
  const temporary = path.join(path.dirname(edit.file), `.${path.basename(edit.file)}.rampart-${process.pid}.tmp`);
  const descriptor = openSync(temporary, "w", statSync(edit.file).mode);
  try {
    writeSync(descriptor, edit.after);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
  try {
    renameSync(temporary, edit.file);
  } catch (error) {
    unlinkSync(temporary);
    throw error;
  }
}
