// The authoring surface of Rampart controls. Everything a control module imports comes from here.
export type { CheckContext, Control, ControlAction, ControlMetadata, ControlSpec, NoParams } from "./control.js";
export { control } from "./control.js";
export type { CommandFlag, CommandToken } from "./flags.js";
export { commandFlag, commandFlags, commandTokens, flagName, flagsOf } from "./flags.js";
export type { Framework } from "./framework.js";
export { framework } from "./framework.js";
export type { ImageReference } from "./image.js";
export { parseImage } from "./image.js";
export type { ControlInputs, InputName } from "./inputs.js";
export type {
  ClusterDescribe,
  ClusterDescription,
  GatewayReference,
  GatewayRoute,
  KindMap,
  KindName,
  Workload,
  WorkloadKind,
} from "./kinds.js";
export { isKindName, kindNames, WORKLOAD_KINDS, WORKLOAD_KINDS_WITH_RC } from "./kinds.js";
export type { Param, ParamOptions, Params, ParamType, ParamValue, ParamValues } from "./param.js";
export * as param from "./param.js";
export type { DeclaredPort, PortRef } from "./ports.js";
export { containerPorts } from "./ports.js";
export type { QuantityText } from "./quantity.js";
export { compareQuantities, isQuantity } from "./quantity.js";
export type {
  GrantedRule,
  NonResourceRequest,
  RbacBinding,
  RbacRequest,
  RbacRole,
  ResourceRequest,
  RuleRef,
  SubjectKind,
  SubjectRef,
} from "./rbac.js";
export {
  bindingSubjects,
  boundRole,
  grantedRules,
  ruleAllows,
  rulesAllowing,
  SUBJECT_KINDS,
  subjectKey,
  subjectNamespace,
} from "./rbac.js";
export { regexMatches } from "./regex.js";
export type { InputObject, InputRequirement, RequirementStatus } from "./requirements.js";
export { requirement, requirementStatus } from "./requirements.js";
export type { ApiResource } from "./resources.js";
export { apiResourceOf, isClusterScoped, kindFromName, SCAN_ONLY_KINDS } from "./resources.js";
export { mapSelectorMatches, selectorMatches } from "./selectors.js";
export { lowerAscii } from "./strings.js";
export type { ChoiceFix, Fix, RemoveFix, SetFix, Violation, ViolationDetails } from "./violation.js";
export { fix, fixChoice, fixRemove, isChoiceFix, isRemoveFix, violation } from "./violation.js";
export type { ContainerOptions, ContainerRef, ContainerType } from "./workload.js";
export { containers, namespaceOf, podMetadata, podSpec, podSpecPath } from "./workload.js";
