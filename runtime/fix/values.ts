// A fix's value is written as text (as Kubescape writes fix values: "false", "1000", "500m");
// the patch needs the JSON value the field takes. The field's API type decides where it is known
// (a label value "true" stays a string, runAsUser "1000" becomes a number); elsewhere the text is
// read as a YAML scalar would be (true/false, integers), else kept as a string.
import { parsePath } from "../input/positions.js";
import { fieldShape } from "../input/shape.js";

export function typedFixValue(kind: string, path: string, text: string): unknown {
  const shape = fieldShape(
    kind,
    parsePath(path).map((segment) => segment.key),
  );
  switch (shape) {
    case "boolean":
      return text === "true" ? true : text === "false" ? false : text;
    case "integer":
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case "string":
    case "quantity":
      return text;
    case "object":
    case undefined:
      if (text === "true" || text === "false") return text === "true";
      if (/^-?(0|[1-9]\d{0,14})$/.test(text)) return Number(text);
      return text;
  }
}
