// The authoring surface of Rampart controls. Everything a control module imports comes from here.
export type { CheckContext, Control, ControlMetadata, ControlSpec } from "./control.js";
export { control } from "./control.js";
export type { Framework } from "./framework.js";
export { framework } from "./framework.js";
export type { ImageReference } from "./image.js";
export { parseImage } from "./image.js";
export type { ControlInputs, InputName } from "./inputs.js";
export type { KindMap, KindName, Workload, WorkloadKind } from "./kinds.js";
export { isKindName, WORKLOAD_KINDS } from "./kinds.js";
export type { QuantityText } from "./quantity.js";
export { compareQuantities, isQuantity } from "./quantity.js";
export { regexMatches } from "./regex.js";
export { selectorMatches } from "./selectors.js";
export { lowerAscii } from "./strings.js";
export type { Fix, Violation, ViolationDetails } from "./violation.js";
export { fix, violation } from "./violation.js";
export type { ContainerOptions, ContainerRef, ContainerType } from "./workload.js";
export { containers, namespaceOf, podMetadata, podSpec, podSpecPath } from "./workload.js";
