package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/google/cel-go/interpreter"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/version"
	"k8s.io/apiserver/pkg/admission"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/generic"
	"k8s.io/apiserver/pkg/admission/plugin/policy/matching"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/admission/plugin/webhook/matchconditions"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/authentication/user"
	"k8s.io/apiserver/pkg/authorization/authorizer"
	"k8s.io/apiserver/pkg/cel/common"
	"k8s.io/apiserver/pkg/cel/environment"
	"k8s.io/apiserver/pkg/cel/library"
)

// Input is the JSON document the oracle reads on stdin.
type Input struct {
	// KubernetesVersion is the version of the API server to emulate ("1.35", "v1.35.2").
	KubernetesVersion string `json:"kubernetesVersion"`
	// CompatibilityVersion optionally overrides the CEL compatibility version new expressions are
	// checked against. Default: one minor below KubernetesVersion, as the API server does
	// (its effective version's MinCompatibilityVersion, see environment.DefaultCompatibilityVersion).
	CompatibilityVersion string          `json:"compatibilityVersion,omitempty"`
	Policies             []PolicyInput   `json:"policies"`
	Params               json.RawMessage `json:"params,omitempty"`
	// ParamsCRD optionally is the CustomResourceDefinition of the params kind: the params object
	// is then pruned and validated as the API server would store it (see ParamsReport).
	ParamsCRD json.RawMessage   `json:"paramsCRD,omitempty"`
	Objects   []json.RawMessage `json:"objects"`
}

// PolicyInput is one ValidatingAdmissionPolicy with its binding, both as JSON objects.
type PolicyInput struct {
	Policy  json.RawMessage `json:"policy"`
	Binding json.RawMessage `json:"binding"`
}

// Output is the JSON document the oracle writes on stdout.
type Output struct {
	KubernetesVersion    string         `json:"kubernetesVersion"`
	CompatibilityVersion string         `json:"compatibilityVersion"`
	Policies             []PolicyOutput `json:"policies"`
	// Params is what the API server made of the params object (only with paramsCRD).
	Params *ParamsReport `json:"params,omitempty"`
}

// PolicyOutput is the verdict of one policy on every input object.
type PolicyOutput struct {
	Name string `json:"name"`
	// CompileErrors are the errors the API server reports when the policy is created: every
	// expression compiled in the NewExpressions environment of the compatibility version.
	CompileErrors []string `json:"compileErrors"`
	// Warnings: unknown fields in the policy or binding, and type-checking warnings.
	Warnings []string `json:"warnings"`
	// MaxEstimatedCost is always 0: the API server does not estimate VAP costs statically
	// (object, oldObject and params are dyn, so every estimate over them is unbounded); cost limits
	// are enforced at runtime, see Result.Cost and Result.TotalCost.
	MaxEstimatedCost  float64  `json:"maxEstimatedCost"`
	ValidationActions []string `json:"validationActions"`
	Results           []Result `json:"results"`
}

// Result is the verdict of one policy on one object.
type Result struct {
	Matched bool `json:"matched"`
	// Decision is admit, deny, warn, audit or error.
	Decision string `json:"decision"`
	// Message of the first failing validation (messageExpression, message or default).
	Message string `json:"message"`
	// Error is the evaluation or configuration error when Decision is "error".
	Error string `json:"error,omitempty"`
	// IgnoredError is the evaluation error swallowed by failurePolicy Ignore (Decision is admit).
	IgnoredError string `json:"ignoredError,omitempty"`
	// Variables holds the value of every variable that evaluated; VariableErrors those that did not.
	Variables      map[string]any    `json:"variables"`
	VariableErrors map[string]string `json:"variableErrors,omitempty"`
	// Cost is the runtime cost of each expression evaluated on its own (a variable's cost excludes
	// the variables it reads).
	Cost map[string]int64 `json:"cost"`
	// TotalCost is what the evaluation charged against the per-binding runtime budget
	// (celconfig.RuntimeCELCostBudget): validations and messageExpressions including the
	// variables they read (each read evaluates a variable at most once per expression list).
	TotalCost int64 `json:"totalCost"`
	// AuditAnnotations published by the policy (key → value).
	AuditAnnotations map[string]string `json:"auditAnnotations,omitempty"`
}

// badInputError marks input the oracle cannot process (exit code 2).
type badInputError struct{ err error }

func (e badInputError) Error() string { return e.err.Error() }
func (e badInputError) Unwrap() error { return e.err }

func badInput(format string, args ...any) error {
	return badInputError{fmt.Errorf(format, args...)}
}

// parseVersions returns the emulated Kubernetes version and the CEL compatibility version.
func parseVersions(in *Input) (*version.Version, *version.Version, error) {
	if in.KubernetesVersion == "" {
		return nil, nil, badInput("kubernetesVersion is required")
	}
	v, err := version.ParseGeneric(in.KubernetesVersion)
	if err != nil {
		return nil, nil, badInput("kubernetesVersion %q: %v", in.KubernetesVersion, err)
	}
	kube := version.MajorMinor(v.Major(), v.Minor())
	if in.CompatibilityVersion != "" {
		c, err := version.ParseGeneric(in.CompatibilityVersion)
		if err != nil {
			return nil, nil, badInput("compatibilityVersion %q: %v", in.CompatibilityVersion, err)
		}
		return kube, version.MajorMinor(c.Major(), c.Minor()), nil
	}
	if kube.Minor() == 0 {
		return kube, kube, nil
	}
	return kube, kube.SubtractMinor(1), nil
}

// Run processes one input document.
func Run(ctx context.Context, in *Input) (*Output, error) {
	kube, compat, err := parseVersions(in)
	if err != nil {
		return nil, err
	}
	var params *unstructured.Unstructured
	if len(in.Params) > 0 && string(in.Params) != "null" {
		params, err = decodeUnstructured(in.Params)
		if err != nil {
			return nil, badInput("params: %v", err)
		}
	}
	var paramsReport *ParamsReport
	if len(in.ParamsCRD) > 0 && string(in.ParamsCRD) != "null" {
		if params == nil {
			return nil, badInput("paramsCRD without params")
		}
		if params, paramsReport, err = storeParams(in.ParamsCRD, params); err != nil {
			return nil, err
		}
	}

	// Objects: decoding errors are per object (the API server would refuse that request).
	objects := make([]*reviewObject, len(in.Objects))
	objectErrors := make([]error, len(in.Objects))
	namespaces := map[string]*corev1.Namespace{}
	for i, raw := range in.Objects {
		objects[i], objectErrors[i] = decodeObject(raw)
		if ns, ok := objects[i].namespaceObject(); ok {
			namespaces[ns.Name] = ns
		}
	}
	env := &evalEnv{
		objectInterfaces: admission.NewObjectInterfacesFromScheme(scheme),
		matcher:          generic.NewPolicyMatcher(matching.NewMatcher(&namespaceLister{namespaces: namespaces}, nil)),
		authz:            denyAllAuthorizer{},
	}

	out := &Output{
		KubernetesVersion:    kube.String(),
		CompatibilityVersion: compat.String(),
		Policies:             []PolicyOutput{},
		Params:               paramsReport,
	}
	for i, pin := range in.Policies {
		cp, err := compilePolicy(pin, compat)
		if err != nil {
			return nil, badInput("policies[%d]: %v", i, err)
		}
		po := cp.out
		po.Results = make([]Result, len(objects))
		for j, obj := range objects {
			if objectErrors[j] != nil {
				po.Results[j] = Result{
					Decision:  "error",
					Error:     fmt.Sprintf("objects[%d]: %v", j, objectErrors[j]),
					Variables: map[string]any{},
					Cost:      map[string]int64{},
				}
				continue
			}
			po.Results[j] = cp.evaluate(ctx, env, obj, params)
		}
		out.Policies = append(out.Policies, po)
	}
	return out, nil
}

// namespaceObject returns the object itself when it is a Namespace (used as namespaceObject and
// for namespaceSelector matching of the other objects in that namespace).
func (r *reviewObject) namespaceObject() (*corev1.Namespace, bool) {
	if r == nil {
		return nil, false
	}
	ns, ok := r.object.(*corev1.Namespace)
	return ns, ok && ns.Name != ""
}

// evalEnv is what the admission plugin gets from the API server: object interfaces (scheme),
// a matcher backed by a namespace lister, and an authorizer.
type evalEnv struct {
	objectInterfaces admission.ObjectInterfaces
	matcher          generic.PolicyMatcher
	authz            authorizer.UnconditionalAuthorizer
}

// namespaceLister serves the Namespace objects given as input; any other namespace exists with
// its name only (no labels), so that namespaced objects are admitted as into an existing namespace.
type namespaceLister struct {
	namespaces map[string]*corev1.Namespace
}

func (l *namespaceLister) List(selector labels.Selector) ([]*corev1.Namespace, error) {
	var out []*corev1.Namespace
	for _, ns := range l.namespaces {
		if labeled := withNameLabel(ns); selector.Matches(labels.Set(labeled.Labels)) {
			out = append(out, labeled)
		}
	}
	return out, nil
}

func (l *namespaceLister) Get(name string) (*corev1.Namespace, error) {
	if name == "" {
		return nil, apierrors.NewNotFound(schema.GroupResource{Resource: "namespaces"}, name)
	}
	if ns, ok := l.namespaces[name]; ok {
		return withNameLabel(ns), nil
	}
	return withNameLabel(&corev1.Namespace{
		TypeMeta:   metav1.TypeMeta{APIVersion: "v1", Kind: "Namespace"},
		ObjectMeta: metav1.ObjectMeta{Name: name},
	}), nil
}

// withNameLabel adds the label the API server puts on every namespace (kubernetes.io/metadata.name,
// set by the namespace registry's PrepareForCreate/Update since 1.22), so that namespaceSelectors
// on it behave as in a cluster.
func withNameLabel(ns *corev1.Namespace) *corev1.Namespace {
	labeled := ns.DeepCopy()
	if labeled.Labels == nil {
		labeled.Labels = map[string]string{}
	}
	labeled.Labels[corev1.LabelMetadataName] = labeled.Name
	return labeled
}

// denyAllAuthorizer stands in for the cluster's authorizer: the request's user is empty and has no
// permissions, so authorizer checks in expressions see "no opinion" (not allowed).
type denyAllAuthorizer struct{}

func (denyAllAuthorizer) Authorize(context.Context, authorizer.Attributes) (authorizer.Decision, string, error) {
	return authorizer.DecisionNoOpinion, "rampart cel-oracle: no authorizer", nil
}

// labelled is one compiled expression with the label used in Result.Cost.
type labelled struct {
	label  string
	result plugincel.CompilationResult
	// matchCondition expressions run without namespaceObject, messageExpressions without the
	// authorizer, exactly as the plugin binds them.
	kind exprKind
}

type exprKind int

const (
	kindVariable exprKind = iota
	kindValidation
	kindMessage
	kindAudit
	kindMatchCondition
)

type compiledPolicy struct {
	policy  *admissionregistrationv1.ValidatingAdmissionPolicy
	binding *admissionregistrationv1.ValidatingAdmissionPolicyBinding
	out     PolicyOutput

	// what the admission plugin builds for the policy (validating.compilePolicy)
	validator        validating.Validator
	validationFilter plugincel.ConditionEvaluator
	messageFilter    plugincel.ConditionEvaluator
	conditionMatcher matchconditions.Matcher

	// the same expressions compiled one by one, for per-expression values and costs
	compiler    *plugincel.CompositedCompiler
	variables   []labelled
	expressions []labelled
}

func compilePolicy(pin PolicyInput, compat *version.Version) (*compiledPolicy, error) {
	if len(pin.Policy) == 0 || len(pin.Binding) == 0 {
		return nil, fmt.Errorf("policy and binding are both required")
	}
	policy := &admissionregistrationv1.ValidatingAdmissionPolicy{}
	policyWarnings, err := decodeTyped(pin.Policy, admissionregistrationv1.SchemeGroupVersion.WithKind("ValidatingAdmissionPolicy"), policy)
	if err != nil {
		return nil, fmt.Errorf("policy: %w", err)
	}
	binding := &admissionregistrationv1.ValidatingAdmissionPolicyBinding{}
	bindingWarnings, err := decodeTyped(pin.Binding, admissionregistrationv1.SchemeGroupVersion.WithKind("ValidatingAdmissionPolicyBinding"), binding)
	if err != nil {
		return nil, fmt.Errorf("binding: %w", err)
	}
	if binding.Spec.PolicyName != policy.Name {
		return nil, fmt.Errorf("binding %q is for policy %q, not %q", binding.Name, binding.Spec.PolicyName, policy.Name)
	}
	defaultPolicy(policy)
	defaultBinding(binding)

	cp := &compiledPolicy{policy: policy, binding: binding}
	cp.out = PolicyOutput{
		Name:              policy.Name,
		CompileErrors:     checkNewExpressions(policy, compat),
		Warnings:          []string{},
		ValidationActions: []string{},
		Results:           []Result{},
	}
	for _, w := range policyWarnings {
		cp.out.Warnings = append(cp.out.Warnings, "policy: "+w)
	}
	for _, w := range bindingWarnings {
		cp.out.Warnings = append(cp.out.Warnings, "binding: "+w)
	}
	cp.out.Warnings = append(cp.out.Warnings, typeCheckWarnings(policy)...)
	for _, a := range binding.Spec.ValidationActions {
		cp.out.ValidationActions = append(cp.out.ValidationActions, string(a))
	}
	if err := cp.compileForAdmission(compat); err != nil {
		return nil, err
	}
	return cp, nil
}

// checkNewExpressions compiles every expression as the API server's validation of a created
// ValidatingAdmissionPolicy does (k8s.io/kubernetes/pkg/apis/admissionregistration/validation):
// NewExpressions environment of the compatibility version; variables compiled in order with a
// composited compiler; matchConditions with a stateless compiler (no variables);
// messageExpressions without the authorizer.
func checkNewExpressions(policy *admissionregistrationv1.ValidatingAdmissionPolicy, compat *version.Version) []string {
	errs := []string{}
	envSet := environment.MustBaseEnvSet(compat)
	hasParams := policy.Spec.ParamKind != nil
	opts := plugincel.OptionalVariableDeclarations{HasParams: hasParams, HasAuthorizer: true}
	messageOpts := plugincel.OptionalVariableDeclarations{HasParams: hasParams, HasAuthorizer: false}
	report := func(path string, result plugincel.CompilationResult) {
		if result.Error != nil {
			errs = append(errs, fmt.Sprintf("%s: %s", path, result.Error.Detail))
		}
	}

	var compiler plugincel.Compiler
	if len(policy.Spec.Variables) > 0 {
		composited, err := plugincel.NewCompositedCompiler(envSet)
		if err != nil {
			return append(errs, fmt.Sprintf("spec: internal error building the CEL environment: %v", err))
		}
		for i, v := range policy.Spec.Variables {
			path := fmt.Sprintf("spec.variables[%d].expression", i)
			if strings.TrimSpace(v.Name) == "" {
				errs = append(errs, fmt.Sprintf("spec.variables[%d].name: name is not specified", i))
			}
			if strings.TrimSpace(v.Expression) == "" {
				errs = append(errs, path+": expression is not specified")
				continue
			}
			report(path, composited.CompileAndStoreVariable(&validating.Variable{Name: v.Name, Expression: v.Expression}, opts, environment.NewExpressions))
		}
		compiler = composited
	} else {
		compiler = plugincel.NewCompiler(envSet)
	}
	for i, v := range policy.Spec.Validations {
		report(fmt.Sprintf("spec.validations[%d].expression", i),
			compiler.CompileCELExpression(&validating.ValidationCondition{Expression: v.Expression}, opts, environment.NewExpressions))
		if strings.TrimSpace(v.MessageExpression) != "" {
			report(fmt.Sprintf("spec.validations[%d].messageExpression", i),
				compiler.CompileCELExpression(&validating.MessageExpressionCondition{MessageExpression: v.MessageExpression}, messageOpts, environment.NewExpressions))
		}
	}
	for i, a := range policy.Spec.AuditAnnotations {
		report(fmt.Sprintf("spec.auditAnnotations[%d].valueExpression", i),
			compiler.CompileCELExpression(&validating.AuditAnnotationCondition{Key: a.Key, ValueExpression: a.ValueExpression}, opts, environment.NewExpressions))
	}
	if len(policy.Spec.MatchConditions) > 0 {
		stateless := plugincel.NewCompiler(envSet)
		for i := range policy.Spec.MatchConditions {
			report(fmt.Sprintf("spec.matchConditions[%d].expression", i),
				stateless.CompileCELExpression((*matchconditions.MatchCondition)(&policy.Spec.MatchConditions[i]), opts, environment.NewExpressions))
		}
	}
	if len(policy.Spec.Validations) == 0 && len(policy.Spec.AuditAnnotations) == 0 {
		errs = append(errs, "spec.validations: validations or auditAnnotations must contain at least one item")
	}
	return errs
}

// compileForAdmission builds what the ValidatingAdmissionPolicy plugin builds for a stored policy
// (validating.compilePolicy in k8s.io/apiserver): one composited compiler over the base
// environment, StoredExpressions, variables then matchConditions, validations, auditAnnotations and
// messageExpressions, handed to validating.NewValidator.
func (cp *compiledPolicy) compileForAdmission(compat *version.Version) error {
	policy := cp.policy
	hasParams := policy.Spec.ParamKind != nil
	optionalVars := plugincel.OptionalVariableDeclarations{HasParams: hasParams, HasAuthorizer: true}
	expressionOptionalVars := plugincel.OptionalVariableDeclarations{HasParams: hasParams, HasAuthorizer: false}
	// The StoredExpressions environment holds every library of every version: it is the same
	// whatever the compatibility version of the EnvSet.
	filterCompiler, err := plugincel.NewCompositedCompiler(environment.MustBaseEnvSet(compat))
	if err != nil {
		return fmt.Errorf("building the CEL environment: %w", err)
	}
	cp.compiler = filterCompiler
	for _, v := range policy.Spec.Variables {
		result := filterCompiler.CompileAndStoreVariable(&validating.Variable{Name: v.Name, Expression: v.Expression}, optionalVars, environment.StoredExpressions)
		cp.variables = append(cp.variables, labelled{label: "variables." + v.Name, result: result, kind: kindVariable})
	}

	var validations, messages, audits, conditions []plugincel.ExpressionAccessor
	for i, v := range policy.Spec.Validations {
		validation := &validating.ValidationCondition{Expression: v.Expression, Message: v.Message, Reason: v.Reason}
		validations = append(validations, validation)
		cp.expressions = append(cp.expressions, labelled{
			label:  fmt.Sprintf("validations[%d].expression", i),
			result: filterCompiler.CompileCELExpression(validation, optionalVars, environment.StoredExpressions),
			kind:   kindValidation,
		})
		if v.MessageExpression != "" {
			message := &validating.MessageExpressionCondition{MessageExpression: v.MessageExpression}
			messages = append(messages, message)
			cp.expressions = append(cp.expressions, labelled{
				label:  fmt.Sprintf("validations[%d].messageExpression", i),
				result: filterCompiler.CompileCELExpression(message, expressionOptionalVars, environment.StoredExpressions),
				kind:   kindMessage,
			})
		} else {
			messages = append(messages, nil)
		}
	}
	for i, a := range policy.Spec.AuditAnnotations {
		audit := &validating.AuditAnnotationCondition{Key: a.Key, ValueExpression: a.ValueExpression}
		audits = append(audits, audit)
		cp.expressions = append(cp.expressions, labelled{
			label:  fmt.Sprintf("auditAnnotations[%d].valueExpression", i),
			result: filterCompiler.CompileCELExpression(audit, optionalVars, environment.StoredExpressions),
			kind:   kindAudit,
		})
	}
	for i := range policy.Spec.MatchConditions {
		condition := (*matchconditions.MatchCondition)(&policy.Spec.MatchConditions[i])
		conditions = append(conditions, condition)
		cp.expressions = append(cp.expressions, labelled{
			label:  fmt.Sprintf("matchConditions[%d].expression", i),
			result: filterCompiler.CompileCELExpression(condition, optionalVars, environment.StoredExpressions),
			kind:   kindMatchCondition,
		})
	}

	if len(conditions) > 0 {
		cp.conditionMatcher = matchconditions.NewMatcher(
			filterCompiler.CompileCondition(conditions, optionalVars, environment.StoredExpressions),
			policy.Spec.FailurePolicy, "policy", "validate", policy.Name)
	}
	cp.validationFilter = filterCompiler.CompileCondition(validations, optionalVars, environment.StoredExpressions)
	cp.messageFilter = filterCompiler.CompileCondition(messages, expressionOptionalVars, environment.StoredExpressions)
	cp.validator = validating.NewValidator(
		cp.validationFilter,
		cp.conditionMatcher,
		filterCompiler.CompileCondition(audits, optionalVars, environment.StoredExpressions),
		cp.messageFilter,
		policy.Spec.FailurePolicy,
		nil,
	)
	return nil
}

func newResult() Result {
	return Result{Decision: "admit", Variables: map[string]any{}, Cost: map[string]int64{}}
}

// configError mirrors the dispatcher's handling of configuration errors (policy or binding that
// cannot be applied): failurePolicy Ignore admits, Fail denies with the error.
func (cp *compiledPolicy) configError(r Result, err error, binding bool) Result {
	r.Matched = true
	what := "policy"
	if binding {
		what = "binding"
	}
	text := fmt.Sprintf("failed to configure %s: %v", what, err)
	if *cp.policy.Spec.FailurePolicy == admissionregistrationv1.Ignore {
		r.Decision = "admit"
		r.IgnoredError = text
		return r
	}
	r.Decision = "error"
	r.Error = text
	return r
}

// evaluate runs the policy on one object as the plugin's dispatcher does for one binding: match the
// definition and the binding, collect params, convert to the matched kind, resolve the namespace,
// then validating.Validator.Validate with the per-binding runtime budget.
func (cp *compiledPolicy) evaluate(ctx context.Context, env *evalEnv, obj *reviewObject, params *unstructured.Unstructured) Result {
	r := newResult()
	attr := admission.NewAttributesRecord(obj.object, nil, obj.gvk, obj.namespace, obj.name, obj.gvr, "",
		admission.Create, &metav1.CreateOptions{}, false, &user.DefaultInfo{})

	matches, matchResource, matchKind, err := env.matcher.DefinitionMatches(attr, env.objectInterfaces, validating.NewValidatingAdmissionPolicyAccessor(cp.policy))
	if err != nil {
		return cp.configError(r, err, false)
	}
	if !matches {
		return r
	}
	matches, err = env.matcher.BindingMatches(attr, env.objectInterfaces, validating.NewValidatingAdmissionPolicyBindingAccessor(cp.binding))
	if err != nil {
		return cp.configError(r, err, true)
	}
	if !matches {
		return r
	}
	paramObjects, err := collectParams(cp.policy.Spec.ParamKind, cp.binding.Spec.ParamRef, attr.GetNamespace(), params)
	if err != nil {
		return cp.configError(r, err, true)
	}
	if len(paramObjects) == 0 {
		// parameterNotFoundAction Allow: nothing to validate against.
		r.Matched = true
		return r
	}
	versionedAttr, err := admission.NewVersionedAttributes(attr, matchKind, env.objectInterfaces)
	if err != nil {
		return cp.configError(r, fmt.Errorf("failed to convert object version: %w", err), true)
	}
	namespaceName := attr.GetNamespace()
	if gvk := attr.GetKind(); gvk.Kind == "Namespace" && gvk.Version == "v1" && gvk.Group == "" {
		namespaceName = ""
	}
	var namespace *corev1.Namespace
	if namespaceName != "" {
		namespace, err = env.matcher.GetNamespace(ctx, namespaceName)
		if err != nil {
			r.Matched = true
			r.Decision = "error"
			r.Error = err.Error()
			return r
		}
	}
	// One input params object at most, so one evaluation.
	param := paramObjects[0]

	if cp.conditionMatcher != nil {
		match := cp.conditionMatcher.Match(ctx, versionedAttr, param, env.authz)
		if match.Error == nil && !match.Matches {
			return r // matchConditions excluded the object (or failed under failurePolicy Ignore)
		}
	}
	r.Matched = true

	result := cp.validator.Validate(ctx, matchResource, versionedAttr, param, namespace, celconfig.RuntimeCELCostBudget, env.authz)
	cp.decide(&r, result)
	cp.diagnose(ctx, &r, versionedAttr, matchResource, param, namespace, env.authz)
	return r
}

// decide turns the validator's decisions into the result, as the dispatcher applies the binding's
// validationActions: the first denying decision wins; an evaluation error under failurePolicy Fail
// is reported as "error" (the dispatcher routes it through validationActions too: with a Warn or
// Audit-only binding the cluster would warn or audit instead of rejecting).
func (cp *compiledPolicy) decide(r *Result, result validating.ValidateResult) {
	for _, d := range result.Decisions {
		switch d.Action {
		case validating.ActionAdmit:
			if d.Evaluation == validating.EvalError && r.IgnoredError == "" {
				r.IgnoredError = d.Message
			}
		case validating.ActionDeny:
			if r.Decision != "admit" {
				continue // an earlier decision already decided
			}
			if d.Evaluation == validating.EvalError {
				r.Decision = "error"
				r.Error = d.Message
				continue
			}
			r.Message = d.Message
			actions := cp.binding.Spec.ValidationActions
			switch {
			case slices.Contains(actions, admissionregistrationv1.Deny):
				r.Decision = "deny"
			case slices.Contains(actions, admissionregistrationv1.Warn):
				r.Decision = "warn"
			case slices.Contains(actions, admissionregistrationv1.Audit):
				r.Decision = "audit"
			default:
				r.Decision = "admit" // no validation actions: nothing happens
			}
		}
	}
	for _, a := range result.AuditAnnotations {
		switch a.Action {
		case validating.AuditAnnotationActionPublish:
			if r.AuditAnnotations == nil {
				r.AuditAnnotations = map[string]string{}
			}
			r.AuditAnnotations[cp.policy.Name+"/"+a.Key] = a.Value
		case validating.AuditAnnotationActionError:
			if r.Decision == "admit" {
				r.Decision = "error"
				r.Error = a.Error
			}
		}
	}
}

// diagnose evaluates the policy's expressions one by one with the same compiled programs and the
// same bindings as the plugin, to report variable values and per-expression runtime costs, and
// replays the plugin's budget accounting (validations, then messageExpressions on what remains) to
// report the total cost charged.
func (cp *compiledPolicy) diagnose(ctx context.Context, r *Result, versionedAttr *admission.VersionedAttributes, matchResource schema.GroupVersionResource, param runtime.Object, namespace *corev1.Namespace, authz authorizer.UnconditionalAuthorizer) {
	request := plugincel.CreateAdmissionRequest(versionedAttr.Attributes, metav1.GroupVersionResource(matchResource), metav1.GroupVersionKind(versionedAttr.VersionedKind))
	namespaceObject := plugincel.CreateNamespaceObject(namespace)

	// Total cost, as validating.validator.Validate charges it.
	budget := int64(celconfig.RuntimeCELCostBudget)
	_, remaining, err := cp.validationFilter.ForInput(ctx, versionedAttr, request,
		plugincel.OptionalVariableBindings{VersionedParams: param, Authorizer: authz}, namespaceObject, budget)
	if err == nil {
		_, remaining, err = cp.messageFilter.ForInput(ctx, versionedAttr, request,
			plugincel.OptionalVariableBindings{VersionedParams: param}, namespaceObject, remaining)
	}
	if err != nil {
		r.TotalCost = budget // budget exhausted (the decision reports the error)
	} else {
		r.TotalCost = budget - remaining
	}

	// Per-expression values and costs.
	compositionCtx := cp.compiler.CreateContext(ctx)
	base, err := newActivation(versionedAttr, request, param, namespaceObject, authz)
	if err != nil {
		return
	}
	base.variables = compositionCtx.Variables(base)
	eval := func(l labelled, a *activation) {
		if l.result.Error != nil || l.result.Program == nil {
			if l.kind == kindVariable {
				if r.VariableErrors == nil {
					r.VariableErrors = map[string]string{}
				}
				r.VariableErrors[strings.TrimPrefix(l.label, "variables.")] = fmt.Sprintf("compilation error: %v", l.result.Error)
			}
			return
		}
		value, details, err := l.result.Program.ContextEval(compositionCtx, a)
		compositionCtx.GetAndResetCost() // lazily evaluated variables are reported on their own
		if details != nil && details.ActualCost() != nil {
			cost := *details.ActualCost()
			if cost > math.MaxInt64 {
				cost = math.MaxInt64
			}
			r.Cost[l.label] = int64(cost)
		}
		if l.kind != kindVariable {
			return
		}
		name := strings.TrimPrefix(l.label, "variables.")
		if err == nil {
			var converted any
			if converted, err = celToJSON(value); err == nil {
				r.Variables[name] = converted
				return
			}
		}
		if r.VariableErrors == nil {
			r.VariableErrors = map[string]string{}
		}
		r.VariableErrors[name] = err.Error()
	}
	for _, l := range cp.variables {
		eval(l, base)
	}
	withoutAuthorizer := *base
	withoutAuthorizer.authorizer, withoutAuthorizer.requestResourceAuthorizer = nil, nil
	withoutNamespace := *base
	withoutNamespace.namespace = nil
	for _, l := range cp.expressions {
		switch l.kind {
		case kindMessage:
			eval(l, &withoutAuthorizer)
		case kindMatchCondition:
			eval(l, &withoutNamespace)
		default:
			eval(l, base)
		}
	}
}

// activation binds the admission variables exactly as k8s.io/apiserver/pkg/admission/plugin/cel
// (newActivation / evaluationActivation) does.
type activation struct {
	object, oldObject, params, request, namespace, authorizer, requestResourceAuthorizer, variables any
}

func newActivation(versionedAttr *admission.VersionedAttributes, request any, param runtime.Object, namespace *corev1.Namespace, authz authorizer.UnconditionalAuthorizer) (*activation, error) {
	//nolint:staticcheck // the plugin sets the same (deprecated, temporary) switch
	versionedAttr.VersionedObject.UseSchemalessTypeRef = true
	//nolint:staticcheck
	versionedAttr.VersionedOldObject.UseSchemalessTypeRef = true
	oldObject, err := versionedAttr.VersionedOldObject.CELValue()
	if err != nil {
		return nil, err
	}
	object, err := versionedAttr.VersionedObject.CELValue()
	if err != nil {
		return nil, err
	}
	a := &activation{
		request:   common.SchemalessTypedToVal(request),
		namespace: common.SchemalessTypedToVal(namespace),
	}
	if object != nil {
		a.object = object
	}
	if oldObject != nil {
		a.oldObject = oldObject
	}
	if param != nil {
		a.params = common.SchemalessTypedToVal(param)
	}
	if authz != nil {
		a.authorizer = library.NewAuthorizerVal(versionedAttr.GetUserInfo(), authz)
		a.requestResourceAuthorizer = library.NewResourceAuthorizerVal(versionedAttr.GetUserInfo(), authz, versionedAttr)
	}
	return a, nil
}

func (a *activation) ResolveName(name string) (any, bool) {
	switch name {
	case plugincel.ObjectVarName:
		return a.object, true
	case plugincel.OldObjectVarName:
		return a.oldObject, true
	case plugincel.ParamsVarName:
		return a.params, true
	case plugincel.RequestVarName:
		return a.request, true
	case plugincel.NamespaceVarName:
		return a.namespace, true
	case plugincel.AuthorizerVarName:
		return a.authorizer, a.authorizer != nil
	case plugincel.RequestResourceAuthorizerVarName:
		return a.requestResourceAuthorizer, a.requestResourceAuthorizer != nil
	case plugincel.VariableVarName:
		return a.variables, true
	default:
		return nil, false
	}
}

func (a *activation) Parent() interpreter.Activation { return nil }

// collectParams mirrors generic.CollectParams (k8s.io/apiserver) for the single params object of
// the input: the object is the only instance of the policy's paramKind in the "cluster". Its scope
// is inferred: a params object with metadata.namespace is namespaced, otherwise cluster-scoped.
func collectParams(paramKind *admissionregistrationv1.ParamKind, paramRef *admissionregistrationv1.ParamRef, requestNamespace string, params *unstructured.Unstructured) ([]runtime.Object, error) {
	if paramKind == nil || paramRef == nil {
		return []runtime.Object{nil}, nil
	}
	var candidates []*unstructured.Unstructured
	if params != nil && params.GetAPIVersion() == paramKind.APIVersion && params.GetKind() == paramKind.Kind {
		candidates = append(candidates, params)
	}
	namespaced := params != nil && params.GetNamespace() != ""
	if namespaced {
		paramsNamespace := requestNamespace
		if paramRef.Namespace != "" {
			paramsNamespace = paramRef.Namespace
		} else if paramsNamespace == "" {
			return nil, errors.New("cannot use namespaced paramRef in policy binding that matches cluster-scoped resources")
		}
		candidates = slices.DeleteFunc(candidates, func(u *unstructured.Unstructured) bool { return u.GetNamespace() != paramsNamespace })
	} else if paramRef.Namespace != "" {
		return nil, errors.New("paramRef.namespace must not be provided for a cluster-scoped `paramKind`")
	}

	var found []runtime.Object
	switch {
	case paramRef.Name != "":
		if paramRef.Selector != nil {
			return nil, errors.New("paramRef.name and paramRef.selector are mutually exclusive")
		}
		for _, c := range candidates {
			if c.GetName() == paramRef.Name {
				found = append(found, c)
			}
		}
	case paramRef.Selector != nil:
		selector, err := metav1.LabelSelectorAsSelector(paramRef.Selector)
		if err != nil {
			return nil, err
		}
		for _, c := range candidates {
			if selector.Matches(labels.Set(c.GetLabels())) {
				found = append(found, c)
			}
		}
	default:
		return nil, errors.New("one of name or selector must be provided")
	}
	if len(found) == 0 && paramRef.ParameterNotFoundAction != nil && *paramRef.ParameterNotFoundAction == admissionregistrationv1.DenyAction {
		return nil, errors.New("no params found for policy binding with `Deny` parameterNotFoundAction")
	}
	return found, nil
}
