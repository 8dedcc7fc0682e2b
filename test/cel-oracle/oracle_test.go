package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"k8s.io/apimachinery/pkg/util/version"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/cel/environment"
	"sigs.k8s.io/yaml"
)

const generatedDir = "../../generated/vap"

// --- helpers ---------------------------------------------------------------------------------

type obj = map[string]any

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// inlinePolicy builds a policy matching Deployments and Pods on CREATE, and its binding.
func inlinePolicy(t *testing.T, name string, spec obj, actions ...string) PolicyInput {
	t.Helper()
	if len(actions) == 0 {
		actions = []string{"Deny"}
	}
	full := obj{
		"failurePolicy": "Fail",
		"matchConstraints": obj{"resourceRules": []any{
			obj{"apiGroups": []any{"apps"}, "apiVersions": []any{"v1"}, "operations": []any{"CREATE", "UPDATE"}, "resources": []any{"deployments"}},
			obj{"apiGroups": []any{""}, "apiVersions": []any{"v1"}, "operations": []any{"CREATE", "UPDATE"}, "resources": []any{"pods"}},
		}},
	}
	for k, v := range spec {
		full[k] = v
	}
	return PolicyInput{
		Policy: mustJSON(t, obj{
			"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicy",
			"metadata": obj{"name": name}, "spec": full,
		}),
		Binding: mustJSON(t, obj{
			"apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingAdmissionPolicyBinding",
			"metadata": obj{"name": name}, "spec": obj{"policyName": name, "validationActions": actions},
		}),
	}
}

func deployment(name string, securityContext obj) obj {
	container := obj{"name": "app", "image": "nginx:1.27"}
	if securityContext != nil {
		container["securityContext"] = securityContext
	}
	return obj{
		"apiVersion": "apps/v1", "kind": "Deployment",
		"metadata": obj{"name": name, "namespace": "shop"},
		"spec": obj{
			"replicas": 2,
			"selector": obj{"matchLabels": obj{"app": name}},
			"template": obj{
				"metadata": obj{"labels": obj{"app": name}},
				"spec":     obj{"containers": []any{container}},
			},
		},
	}
}

func run1(t *testing.T, in *Input) *Output {
	t.Helper()
	out, err := Run(context.Background(), in)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return out
}

func input(t *testing.T, kubeVersion string, policies []PolicyInput, objects ...obj) *Input {
	t.Helper()
	in := &Input{KubernetesVersion: kubeVersion, Policies: policies}
	for _, o := range objects {
		in.Objects = append(in.Objects, mustJSON(t, o))
	}
	return in
}

// loadGenerated reads a generated policy file (policy document, then binding document).
func loadGenerated(t *testing.T, path string) PolicyInput {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	docs := splitYAML(string(data))
	if len(docs) != 2 {
		t.Fatalf("%s: expected 2 YAML documents (policy, binding), got %d", path, len(docs))
	}
	var pin PolicyInput
	if pin.Policy, err = yaml.YAMLToJSON([]byte(docs[0])); err != nil {
		t.Fatalf("%s: policy: %v", path, err)
	}
	if pin.Binding, err = yaml.YAMLToJSON([]byte(docs[1])); err != nil {
		t.Fatalf("%s: binding: %v", path, err)
	}
	return pin
}

var docSeparator = regexp.MustCompile(`(?m)^---\s*$`)

func splitYAML(s string) []string {
	var docs []string
	for _, d := range docSeparator.Split(s, -1) {
		if strings.TrimSpace(stripComments(d)) != "" {
			docs = append(docs, d)
		}
	}
	return docs
}

func stripComments(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(s, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "#") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

func controlInputs(t *testing.T) json.RawMessage {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(generatedDir, "control-inputs.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	return js
}

// --- inline policies -------------------------------------------------------------------------

func TestValidationPassesAdmits(t *testing.T) {
	p := inlinePolicy(t, "replicas", obj{
		"validations": []any{obj{"expression": "object.spec.replicas <= 5", "messageExpression": `"too many replicas: " + string(object.spec.replicas)`}},
	})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("web", nil)))
	r := out.Policies[0].Results[0]
	if !r.Matched || r.Decision != "admit" || r.Message != "" {
		t.Fatalf("want matched admit, got %+v", r)
	}
	if got := out.Policies[0].CompileErrors; len(got) != 0 {
		t.Fatalf("unexpected compile errors: %v", got)
	}
	if r.Cost["validations[0].expression"] <= 0 || r.TotalCost <= 0 {
		t.Fatalf("expected runtime costs, got %v total %d", r.Cost, r.TotalCost)
	}
}

func TestValidationFailsDeniesWithMessageExpression(t *testing.T) {
	p := inlinePolicy(t, "replicas", obj{
		"variables":   []any{obj{"name": "max", "expression": "1"}},
		"validations": []any{obj{"expression": "object.spec.replicas <= variables.max", "messageExpression": `"too many replicas: " + string(object.spec.replicas)`, "message": "static message"}},
	})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("web", nil)))
	r := out.Policies[0].Results[0]
	if r.Decision != "deny" || r.Message != "too many replicas: 2" {
		t.Fatalf("want deny with the messageExpression text, got %+v", r)
	}
	// replicas is an int32 in the typed struct: CEL sees an int, and the variable is an int too.
	if r.Variables["max"] != int64(1) {
		t.Fatalf("variable max: got %#v", r.Variables["max"])
	}
}

func TestFallbackMessages(t *testing.T) {
	p := inlinePolicy(t, "msgs", obj{
		"validations": []any{
			obj{"expression": "object.spec.replicas == 1", "message": "static message"},
		},
	})
	q := inlinePolicy(t, "nomsg", obj{
		"validations": []any{obj{"expression": "object.spec.replicas == 1"}},
	})
	out := run1(t, input(t, "1.35", []PolicyInput{p, q}, deployment("web", nil)))
	if got := out.Policies[0].Results[0].Message; got != "static message" {
		t.Fatalf("message: got %q", got)
	}
	if got := out.Policies[1].Results[0].Message; got != "failed expression: object.spec.replicas == 1" {
		t.Fatalf("default message: got %q", got)
	}
}

func TestWarnAndAuditActions(t *testing.T) {
	spec := obj{"validations": []any{obj{"expression": "object.spec.replicas == 1", "message": "one replica only"}}}
	out := run1(t, input(t, "1.35", []PolicyInput{
		inlinePolicy(t, "warn", spec, "Warn"),
		inlinePolicy(t, "audit", spec, "Audit"),
		inlinePolicy(t, "warn-audit", spec, "Warn", "Audit"),
		inlinePolicy(t, "deny-audit", spec, "Deny", "Audit"),
	}, deployment("web", nil)))
	for i, want := range []string{"warn", "audit", "warn", "deny"} {
		r := out.Policies[i].Results[0]
		if r.Decision != want || r.Message != "one replica only" {
			t.Errorf("%s: want %s, got %+v", out.Policies[i].Name, want, r)
		}
	}
}

func TestMissingFieldIsAnEvaluationError(t *testing.T) {
	p := inlinePolicy(t, "foo", obj{"validations": []any{obj{"expression": "object.spec.foo == 1"}}})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("web", nil)))
	r := out.Policies[0].Results[0]
	if r.Decision != "error" || !strings.Contains(r.Error, "no such key: foo") {
		t.Fatalf("want error with 'no such key: foo', got %+v", r)
	}
	if len(out.Policies[0].CompileErrors) != 0 {
		t.Fatalf("object is dyn: a missing field is not a compile error, got %v", out.Policies[0].CompileErrors)
	}

	// failurePolicy Ignore admits.
	ignore := inlinePolicy(t, "foo-ignore", obj{"failurePolicy": "Ignore", "validations": []any{obj{"expression": "object.spec.foo == 1"}}})
	out = run1(t, input(t, "1.35", []PolicyInput{ignore}, deployment("web", nil)))
	r = out.Policies[0].Results[0]
	if r.Decision != "admit" || !strings.Contains(r.IgnoredError, "no such key: foo") {
		t.Fatalf("want admit with the ignored error, got %+v", r)
	}
}

func TestCompileErrorIsReported(t *testing.T) {
	p := inlinePolicy(t, "syntax", obj{"validations": []any{obj{"expression": "object.spec.?x =="}}})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("web", nil)))
	errs := out.Policies[0].CompileErrors
	if len(errs) != 1 || !strings.HasPrefix(errs[0], "spec.validations[0].expression: compilation failed: ERROR: <input>:1:") || !strings.Contains(errs[0], "Syntax error") {
		t.Fatalf("want one syntax error on spec.validations[0].expression, got %q", errs)
	}
	// Admission itself would run the stored policy with the broken expression: an error.
	if r := out.Policies[0].Results[0]; r.Decision != "error" {
		t.Fatalf("want error at admission, got %+v", r)
	}
}

func TestHeterogeneousMapLiteralIsRejected(t *testing.T) {
	p := inlinePolicy(t, "hetero", obj{
		"variables":   []any{obj{"name": "m", "expression": `{"a": 1, "b": "x"}`}},
		"validations": []any{obj{"expression": "true"}},
	})
	out := run1(t, input(t, "1.35", []PolicyInput{p}))
	if errs := out.Policies[0].CompileErrors; len(errs) != 1 || !strings.Contains(errs[0], "expected type 'int' but found 'string'") {
		t.Fatalf("want a homogeneous aggregate literal error, got %q", errs)
	}
}

// Optional types (`.?`, orValue) are in the base environment from 1.28 (environment/base.go).
// An API server checks new expressions against its compatibility version, one minor below its
// own: a 1.28 server (compatibility 1.27) rejects them, a 1.29 server (compatibility 1.28)
// accepts them.
// The API server's type checker compiles validations and messageExpressions against the schema
// of each matched kind: a misspelt field is a warning (the policy is still accepted).
func TestTypeCheckingWarnings(t *testing.T) {
	p := inlinePolicy(t, "typo", obj{"validations": []any{
		obj{"expression": "object.spec.template.spec.containers.all(c, c.imagex != '')"},
		obj{"expression": "object.metadata.name != ''"},
	}})
	out := run1(t, input(t, "1.35", []PolicyInput{p}))
	po := out.Policies[0]
	if len(po.CompileErrors) != 0 {
		t.Fatalf("a typo is not a compile error for a dyn object: %v", po.CompileErrors)
	}
	if len(po.Warnings) != 1 || !strings.HasPrefix(po.Warnings[0], "spec.validations[0].expression: type checking:") ||
		!strings.Contains(po.Warnings[0], "apps/v1, Kind=Deployment: ERROR: <input>:1:46: undefined field 'imagex'") {
		t.Fatalf("want one warning for imagex on Deployment, got %q", po.Warnings)
	}
}

func TestOptionalSyntaxByVersion(t *testing.T) {
	const expr = "object.?spec.?x.orValue(0) == 0"
	for _, tc := range []struct {
		kube       string
		wantCompat string
		wantError  bool
	}{
		{"1.27", "1.26", true},
		{"1.28", "1.27", true},
		{"1.29", "1.28", false},
		{"1.35", "1.34", false},
	} {
		p := inlinePolicy(t, "optional", obj{"validations": []any{obj{"expression": expr}}})
		out := run1(t, input(t, tc.kube, []PolicyInput{p}, deployment("web", nil)))
		if out.CompatibilityVersion != tc.wantCompat {
			t.Errorf("%s: compatibility version %s, want %s", tc.kube, out.CompatibilityVersion, tc.wantCompat)
		}
		errs := out.Policies[0].CompileErrors
		if tc.wantError != (len(errs) > 0) {
			t.Errorf("%s: compile errors %q, want error=%v", tc.kube, errs, tc.wantError)
		}
		if tc.wantError && !strings.Contains(errs[0], "unsupported syntax '.?'") {
			t.Errorf("%s: unexpected error text %q", tc.kube, errs[0])
		}
		// Stored expressions (what admission runs) always have optionals.
		if r := out.Policies[0].Results[0]; r.Decision != "admit" {
			t.Errorf("%s: want admit at admission, got %+v", tc.kube, r)
		}
	}

	// The underlying fact, on the base environments themselves.
	for minor, want := range map[uint]bool{27: false, 28: true, 29: true} {
		compiler := plugincel.NewCompiler(environment.MustBaseEnvSet(version.MajorMinor(1, minor)))
		res := compiler.CompileCELExpression(&validating.ValidationCondition{Expression: expr},
			plugincel.OptionalVariableDeclarations{HasAuthorizer: true}, environment.NewExpressions)
		if got := res.Error == nil; got != want {
			t.Errorf("MustBaseEnvSet(1.%d) NewExpressions compiles optionals: %v, want %v (%v)", minor, got, want, res.Error)
		}
	}
	// And the explicit override of the compatibility version.
	p := inlinePolicy(t, "optional", obj{"validations": []any{obj{"expression": expr}}})
	in := input(t, "1.35", []PolicyInput{p})
	in.CompatibilityVersion = "1.27"
	if out := run1(t, in); len(out.Policies[0].CompileErrors) == 0 {
		t.Errorf("compatibilityVersion 1.27 should reject optionals")
	}
}

func TestMatchingAndMatchConditions(t *testing.T) {
	p := inlinePolicy(t, "labelled", obj{
		"matchConditions": []any{obj{"name": "has-team", "expression": `has(object.metadata.labels) && "team" in object.metadata.labels`}},
		"validations":     []any{obj{"expression": "false", "message": "always"}},
	})
	labelled := deployment("labelled", nil)
	labelled["metadata"].(obj)["labels"] = obj{"team": "a"}
	service := obj{"apiVersion": "v1", "kind": "Service", "metadata": obj{"name": "s", "namespace": "shop"}, "spec": obj{"ports": []any{obj{"port": 80}}}}
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("plain", nil), labelled, service))
	rs := out.Policies[0].Results
	if rs[0].Matched || rs[0].Decision != "admit" {
		t.Errorf("matchConditions false: want unmatched admit, got %+v", rs[0])
	}
	if !rs[1].Matched || rs[1].Decision != "deny" {
		t.Errorf("matchConditions true: want matched deny, got %+v", rs[1])
	}
	if rs[2].Matched || rs[2].Decision != "admit" {
		t.Errorf("services are not in resourceRules: want unmatched admit, got %+v", rs[2])
	}
	if _, ok := rs[1].Cost["matchConditions[0].expression"]; !ok {
		t.Errorf("expected a cost for the match condition: %v", rs[1].Cost)
	}
}

func TestRequestAndNamespaceVariables(t *testing.T) {
	p := inlinePolicy(t, "request", obj{
		"validations": []any{obj{
			"expression":        `request.operation == "CREATE" && request.namespace == "shop" && namespaceObject.metadata.name == "shop" && request.resource.resource == "deployments" && oldObject == null && !authorizer.group("apps").resource("deployments").namespace("shop").check("delete").allowed()`,
			"messageExpression": `"unexpected request"`,
		}},
	})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("web", nil)))
	if r := out.Policies[0].Results[0]; r.Decision != "admit" {
		t.Fatalf("want admit, got %+v", r)
	}
}

func TestZeroValuesAndIntegersAsInACluster(t *testing.T) {
	// hostNetwork: false is dropped by the typed struct (omitempty), privileged: false is kept
	// (pointer), integers are int64 (int + int works), quantities are strings.
	pod := obj{
		"apiVersion": "v1", "kind": "Pod", "metadata": obj{"name": "p", "namespace": "shop"},
		"spec": obj{
			"hostNetwork": false,
			"containers": []any{obj{
				"name": "c", "image": "x",
				"securityContext": obj{"privileged": false},
				"ports":           []any{obj{"containerPort": 8080}},
				"resources":       obj{"limits": obj{"cpu": "500m"}},
			}},
		},
	}
	p := inlinePolicy(t, "shape", obj{"validations": []any{obj{
		"expression": `!has(object.spec.hostNetwork) && has(object.spec.containers[0].securityContext.privileged) && object.spec.containers[0].ports[0].containerPort + 1 == 8081 && object.spec.containers[0].resources.limits.cpu == "500m"`,
	}}})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, pod))
	if r := out.Policies[0].Results[0]; r.Decision != "admit" {
		t.Fatalf("want admit, got %+v", r)
	}
}

func TestPerCallCostLimit(t *testing.T) {
	// 2000 × 2000 iterations exceed the per-expression limit (1,000,000).
	p := inlinePolicy(t, "expensive", obj{"validations": []any{obj{
		"expression": "lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))",
	}}})
	out := run1(t, input(t, "1.35", []PolicyInput{p}, deployment("web", nil)))
	r := out.Policies[0].Results[0]
	if r.Decision != "error" || !strings.Contains(r.Error, "cost") {
		t.Fatalf("want a cost limit error, got %+v", r)
	}
}

func TestParamsNotFound(t *testing.T) {
	p := inlinePolicy(t, "params", obj{
		"paramKind":   obj{"apiVersion": "rampart.dev/v1alpha1", "kind": "ControlInputs"},
		"validations": []any{obj{"expression": "params.spec.max >= object.spec.replicas"}},
	})
	var binding map[string]any
	if err := json.Unmarshal(p.Binding, &binding); err != nil {
		t.Fatal(err)
	}
	binding["spec"].(map[string]any)["paramRef"] = obj{"name": "limits", "parameterNotFoundAction": "Deny"}
	p.Binding = mustJSON(t, binding)

	in := input(t, "1.35", []PolicyInput{p}, deployment("web", nil))
	out := run1(t, in)
	if r := out.Policies[0].Results[0]; r.Decision != "error" || !strings.Contains(r.Error, "no params found") {
		t.Fatalf("without params: want error, got %+v", r)
	}
	in.Params = mustJSON(t, obj{"apiVersion": "rampart.dev/v1alpha1", "kind": "ControlInputs", "metadata": obj{"name": "limits"}, "spec": obj{"max": 1}})
	out = run1(t, in)
	if r := out.Policies[0].Results[0]; r.Decision != "deny" {
		t.Fatalf("with params max 1: want deny, got %+v", r)
	}
}

// paramsPolicy reads params.spec.max (falling back to 10) and denies more replicas than that.
func paramsPolicy(t *testing.T) PolicyInput {
	t.Helper()
	p := inlinePolicy(t, "params", obj{
		"paramKind":   obj{"apiVersion": "rampart.dev/v1alpha1", "kind": "ControlInputs"},
		"validations": []any{obj{"expression": "object.spec.replicas <= params.?spec.?max.orValue(10)"}},
	})
	var binding map[string]any
	if err := json.Unmarshal(p.Binding, &binding); err != nil {
		t.Fatal(err)
	}
	binding["spec"].(map[string]any)["paramRef"] = obj{"name": "limits", "parameterNotFoundAction": "Deny"}
	p.Binding = mustJSON(t, binding)
	return p
}

func limitsCRD(t *testing.T) json.RawMessage {
	return mustJSON(t, obj{
		"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
		"metadata": obj{"name": "controlinputs.rampart.dev"},
		"spec": obj{
			"group": "rampart.dev", "scope": "Cluster", "names": obj{"kind": "ControlInputs", "plural": "controlinputs"},
			"versions": []any{obj{"name": "v1alpha1", "served": true, "storage": true, "schema": obj{"openAPIV3Schema": obj{
				"type": "object",
				"properties": obj{"spec": obj{"type": "object", "properties": obj{
					"max":   obj{"type": "integer"},
					"names": obj{"type": "array", "items": obj{"type": "string"}},
				}}},
			}}}},
		},
	})
}

func limits(t *testing.T, spec obj) json.RawMessage {
	return mustJSON(t, obj{"apiVersion": "rampart.dev/v1alpha1", "kind": "ControlInputs", "metadata": obj{"name": "limits"}, "spec": spec})
}

func TestParamsStoredThroughTheirCRD(t *testing.T) {
	in := input(t, "1.35", []PolicyInput{paramsPolicy(t)}, deployment("web", nil))
	in.ParamsCRD = limitsCRD(t)

	// Valid: kept, and read by the policy (2 replicas > 1).
	in.Params = limits(t, obj{"max": 1, "names": []any{"a"}})
	out := run1(t, in)
	if len(out.Params.Errors) != 0 || len(out.Params.Pruned) != 0 || out.Policies[0].Results[0].Decision != "deny" {
		t.Fatalf("valid params: want kept and deny, got %+v %+v", out.Params, out.Policies[0].Results[0])
	}

	// A field the schema does not declare is pruned: the policy falls back to 10 and admits.
	in.Params = limits(t, obj{"maximum": 1, "names": []any{"a"}})
	out = run1(t, in)
	if strings.Join(out.Params.Pruned, ",") != "spec.maximum" || out.Policies[0].Results[0].Decision != "admit" {
		t.Fatalf("undeclared field: want spec.maximum pruned and admit, got %+v %+v", out.Params, out.Policies[0].Results[0])
	}

	// A value of the wrong type is refused: the params object does not exist.
	in.Params = limits(t, obj{"max": "1", "names": "a"})
	out = run1(t, in)
	if len(out.Params.Errors) != 2 || !strings.Contains(strings.Join(out.Params.Errors, "\n"), "spec.max in body must be of type integer") {
		t.Fatalf("wrong types: want two validation errors, got %+v", out.Params)
	}
	if r := out.Policies[0].Results[0]; r.Decision != "error" || !strings.Contains(r.Error, "no params found") {
		t.Fatalf("refused params: want no params found, got %+v", r)
	}
}

func TestGeneratedControlInputsFitTheirCRD(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(generatedDir, "control-inputs-crd.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	crd, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	in := input(t, "1.35", nil)
	in.Params, in.ParamsCRD = controlInputs(t), crd
	out := run1(t, in)
	if len(out.Params.Errors) != 0 || len(out.Params.Pruned) != 0 {
		t.Fatalf("generated control inputs: want valid and nothing pruned, got %+v", out.Params)
	}
}

func TestBadInputExitCode(t *testing.T) {
	for _, stdin := range []string{`not json`, `{"policies": []}`, `{"kubernetesVersion": "1.35", "policies": [{"policy": {"kind": "Pod"}, "binding": {}}]}`} {
		var stdout, stderr bytes.Buffer
		if code := run(strings.NewReader(stdin), &stdout, &stderr); code != 2 || stderr.Len() == 0 {
			t.Errorf("%s: exit %d, stderr %q; want 2 and a message", stdin, code, stderr.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run(strings.NewReader(`{"kubernetesVersion": "1.35", "policies": [], "objects": []}`), &stdout, &stderr); code != 0 {
		t.Fatalf("empty input: exit %d: %s", code, stderr.String())
	}
	if got := strings.TrimSpace(stdout.String()); got != `{"kubernetesVersion":"1.35","compatibilityVersion":"1.34","policies":[]}` {
		t.Fatalf("empty input output: %s", got)
	}
}

// --- generated policies ----------------------------------------------------------------------

func TestGeneratedC0016(t *testing.T) {
	p := loadGenerated(t, filepath.Join(generatedDir, "rampart-c-0016.yaml"))
	out := run1(t, input(t, "1.35", []PolicyInput{p},
		deployment("safe", obj{"allowPrivilegeEscalation": false}),
		deployment("unsafe", nil),
		deployment("explicit", obj{"allowPrivilegeEscalation": true}),
	))
	po := out.Policies[0]
	if po.Name != "rampart-c-0016" || len(po.CompileErrors) != 0 {
		t.Fatalf("compile errors: %v", po.CompileErrors)
	}
	safe, unsafe, explicit := po.Results[0], po.Results[1], po.Results[2]
	if !safe.Matched || safe.Decision != "admit" {
		t.Errorf("allowPrivilegeEscalation false: want admit, got %+v", safe)
	}
	for _, r := range []Result{unsafe, explicit} {
		if !r.Matched || r.Decision != "deny" || !strings.HasPrefix(r.Message, "C-0016 Allow privilege escalation: Deployment") {
			t.Errorf("want deny with the C-0016 message, got %+v", r)
		}
	}
	if want := `C-0016 Allow privilege escalation: Deployment unsafe: container "app" does not set allowPrivilegeEscalation to false`; unsafe.Message != want {
		t.Errorf("message %q, want %q", unsafe.Message, want)
	}
	violations, ok := unsafe.Variables["violations"].([]any)
	if !ok || len(violations) != 1 {
		t.Fatalf("violations: %#v", unsafe.Variables["violations"])
	}
	v := violations[0].(map[string]any)
	if paths := v["paths"].([]any); paths[0] != "spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation" {
		t.Errorf("violation paths: %v", paths)
	}
	for _, r := range []Result{safe, unsafe} {
		if r.Cost["variables.violations"] <= 0 || r.TotalCost <= 0 || r.TotalCost > 10_000_000 {
			t.Errorf("costs: %v total %d", r.Cost, r.TotalCost)
		}
	}
	t.Logf("C-0016 cost of variables.violations: admitted Deployment %d, denied Deployment %d; total %d and %d",
		safe.Cost["variables.violations"], unsafe.Cost["variables.violations"], safe.TotalCost, unsafe.TotalCost)
}

// Every generated policy must compile in the API server's environment for the version it targets.
func TestGeneratedPoliciesCompile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(generatedDir, "rampart-c-*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		// generatedDir is relative to this package, where `go test` runs; nothing there means the
		// test would check nothing.
		t.Fatalf("no generated policies in %s (run rampart compile)", generatedDir)
	}
	params := controlInputs(t)
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			p := loadGenerated(t, file)
			var policy struct {
				Metadata struct {
					Annotations map[string]string `json:"annotations"`
				} `json:"metadata"`
				Spec struct {
					ParamKind *struct{} `json:"paramKind"`
				} `json:"spec"`
			}
			if err := json.Unmarshal(p.Policy, &policy); err != nil {
				t.Fatal(err)
			}
			kube := policy.Metadata.Annotations["rampart.dev/kubernetes-version"]
			if kube == "" {
				kube = "1.35"
			}
			objects := []obj{
				deployment("safe", obj{"allowPrivilegeEscalation": false, "runAsNonRoot": true, "readOnlyRootFilesystem": true}),
				deployment("plain", nil),
				{"apiVersion": "v1", "kind": "Pod", "metadata": obj{"name": "p", "namespace": "shop"}, "spec": obj{"containers": []any{obj{"name": "c", "image": "x"}}}},
				{"apiVersion": "batch/v1", "kind": "CronJob", "metadata": obj{"name": "cj", "namespace": "shop"}, "spec": obj{"schedule": "* * * * *", "jobTemplate": obj{"spec": obj{"template": obj{"spec": obj{"restartPolicy": "Never", "containers": []any{obj{"name": "c", "image": "x"}}}}}}}},
				{"apiVersion": "v1", "kind": "ConfigMap", "metadata": obj{"name": "cm", "namespace": "shop"}, "data": obj{"password": "x"}},
			}
			in := input(t, kube, []PolicyInput{p}, objects...)
			if policy.Spec.ParamKind != nil {
				in.Params = params
			}
			out := run1(t, in)
			if len(out.Policies) != 1 {
				t.Fatalf("%d policy results for 1 policy", len(out.Policies))
			}
			po := out.Policies[0]
			if len(po.Results) != len(objects) {
				t.Fatalf("%d results for %d objects", len(po.Results), len(objects))
			}
			for _, w := range po.Warnings {
				t.Logf("warning: %s", w)
			}
			for _, e := range po.CompileErrors {
				t.Errorf("compile error (Kubernetes %s, compatibility %s): %s", out.KubernetesVersion, out.CompatibilityVersion, e)
			}
			for i, r := range po.Results {
				if r.Decision == "error" {
					t.Errorf("object %d: evaluation error: %s", i, r.Error)
				}
				if len(r.VariableErrors) > 0 {
					t.Errorf("object %d: variable errors: %v", i, r.VariableErrors)
				}
			}
		})
	}
}

func TestGeneratedParamPolicies(t *testing.T) {
	params := controlInputs(t)
	pod := func(container obj) obj {
		return obj{"apiVersion": "v1", "kind": "Pod", "metadata": obj{"name": "p", "namespace": "shop"}, "spec": obj{"containers": []any{container}}}
	}
	for _, tc := range []struct {
		file       string
		object     obj
		wantDeny   bool
		wantPrefix string
	}{
		{"rampart-c-0046.yaml", pod(obj{"name": "c", "image": "x", "securityContext": obj{"capabilities": obj{"add": []any{"NET_ADMIN"}}}}), true, "C-0046 Insecure capabilities: Pod p"},
		{"rampart-c-0046.yaml", pod(obj{"name": "c", "image": "x", "securityContext": obj{"capabilities": obj{"add": []any{"CHOWN"}}}}), false, ""},
		{"rampart-c-0012.yaml", pod(obj{"name": "c", "image": "x", "env": []any{obj{"name": "DB_PASSWORD", "value": "hunter2"}}}), true, "C-0012 Applications credentials in configuration files: Pod p"},
		{"rampart-c-0012.yaml", pod(obj{"name": "c", "image": "x", "env": []any{obj{"name": "LOG_LEVEL", "value": "debug"}}}), false, ""},
		{"rampart-c-0012.yaml", obj{"apiVersion": "v1", "kind": "ConfigMap", "metadata": obj{"name": "cm", "namespace": "shop"}, "data": obj{"api_token": "abc"}}, true, "C-0012 Applications credentials in configuration files: ConfigMap cm"},
	} {
		p := loadGenerated(t, filepath.Join(generatedDir, tc.file))
		in := input(t, "1.35", []PolicyInput{p}, tc.object)
		in.Params = params
		r := run1(t, in).Policies[0].Results[0]
		switch {
		case tc.wantDeny && (r.Decision != "deny" || !strings.HasPrefix(r.Message, tc.wantPrefix)):
			t.Errorf("%s: want deny %q…, got %+v", tc.file, tc.wantPrefix, r)
		case !tc.wantDeny && r.Decision != "admit":
			t.Errorf("%s: want admit, got %+v", tc.file, r)
		}
	}
}

func TestUndecodableObjectAndUnknownPolicyFields(t *testing.T) {
	p := inlinePolicy(t, "fields", obj{
		"validations": []any{obj{"expression": "true"}},
		"validationz": []any{},
	})
	bad := deployment("bad", nil)
	bad["spec"].(obj)["replicas"] = "two"
	out := run1(t, input(t, "1.35", []PolicyInput{p}, bad, obj{"kind": "Pod"}))
	po := out.Policies[0]
	if len(po.Warnings) != 1 || !strings.Contains(po.Warnings[0], `unknown field "spec.validationz"`) {
		t.Errorf("want an unknown field warning, got %q", po.Warnings)
	}
	for i, r := range po.Results {
		if r.Matched || r.Decision != "error" || r.Error == "" {
			t.Errorf("object %d: want unmatched error, got %+v", i, r)
		}
	}
}

func TestNamespaceSelector(t *testing.T) {
	p := inlinePolicy(t, "ns", obj{
		"matchConstraints": obj{
			"namespaceSelector": obj{"matchLabels": obj{"env": "prod"}},
			"resourceRules":     []any{obj{"apiGroups": []any{"apps"}, "apiVersions": []any{"v1"}, "operations": []any{"CREATE"}, "resources": []any{"deployments"}}},
		},
		"validations": []any{obj{"expression": `namespaceObject.metadata.labels.env != "prod"`, "message": "no deployments in prod"}},
	})
	prod := obj{"apiVersion": "v1", "kind": "Namespace", "metadata": obj{"name": "shop", "labels": obj{"env": "prod"}}}
	other := deployment("web", nil)
	other["metadata"].(obj)["namespace"] = "dev"
	out := run1(t, input(t, "1.35", []PolicyInput{p}, prod, deployment("web", nil), other))
	rs := out.Policies[0].Results
	if rs[0].Matched || rs[2].Matched {
		t.Errorf("the Namespace itself and the dev Deployment should not match: %+v / %+v", rs[0], rs[2])
	}
	if rs[1].Decision != "deny" || rs[1].Message != "no deployments in prod" {
		t.Errorf("the Deployment in the prod namespace: want deny, got %+v", rs[1])
	}
}
