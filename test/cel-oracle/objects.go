package main

import (
	"fmt"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	appsv1 "k8s.io/api/apps/v1"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	rbacv1 "k8s.io/api/rbac/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/runtime/serializer/json"
	utiljson "k8s.io/apimachinery/pkg/util/json"
)

// scheme holds the built-in kinds the oracle decodes into their typed Go structs, as the API server
// does before admission. It is a local scheme (no client-go): core/v1, apps/v1, batch/v1,
// networking.k8s.io/v1 and rbac.authorization.k8s.io/v1 for the objects under review, and
// admissionregistration.k8s.io/v1 for the policies and bindings themselves.
var scheme = newScheme()

func newScheme() *runtime.Scheme {
	s := runtime.NewScheme()
	for _, add := range []func(*runtime.Scheme) error{
		corev1.AddToScheme,
		appsv1.AddToScheme,
		batchv1.AddToScheme,
		networkingv1.AddToScheme,
		rbacv1.AddToScheme,
		admissionregistrationv1.AddToScheme,
	} {
		if err := add(s); err != nil {
			panic(err)
		}
	}
	return s
}

// The API server decodes request bodies case-sensitively and drops unknown fields (field validation
// "Warn"/"Ignore"); the strict serializer reports unknown or duplicate fields as a strict decoding
// error after decoding everything it could, which lets the oracle choose per use.
var strictSerializer = json.NewSerializerWithOptions(json.DefaultMetaFactory, scheme, scheme, json.SerializerOptions{Strict: true})

// kindInfo is what the oracle knows about a kind: its resource (plural) and whether it is namespaced.
type kindInfo struct {
	resource   string
	namespaced bool
}

// knownKinds maps group + kind to the resource the request is made against.
var knownKinds = map[schema.GroupKind]kindInfo{
	{Group: "", Kind: "Pod"}:                                         {"pods", true},
	{Group: "", Kind: "ConfigMap"}:                                   {"configmaps", true},
	{Group: "", Kind: "Secret"}:                                      {"secrets", true},
	{Group: "", Kind: "Service"}:                                     {"services", true},
	{Group: "", Kind: "ServiceAccount"}:                              {"serviceaccounts", true},
	{Group: "", Kind: "Namespace"}:                                   {"namespaces", false},
	{Group: "apps", Kind: "Deployment"}:                              {"deployments", true},
	{Group: "apps", Kind: "ReplicaSet"}:                              {"replicasets", true},
	{Group: "apps", Kind: "DaemonSet"}:                               {"daemonsets", true},
	{Group: "apps", Kind: "StatefulSet"}:                             {"statefulsets", true},
	{Group: "batch", Kind: "Job"}:                                    {"jobs", true},
	{Group: "batch", Kind: "CronJob"}:                                {"cronjobs", true},
	{Group: "networking.k8s.io", Kind: "NetworkPolicy"}:              {"networkpolicies", true},
	{Group: "networking.k8s.io", Kind: "Ingress"}:                    {"ingresses", true},
	{Group: "rbac.authorization.k8s.io", Kind: "Role"}:               {"roles", true},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRole"}:        {"clusterroles", false},
	{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}:        {"rolebindings", true},
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}: {"clusterrolebindings", false},
}

// reviewObject is one input object prepared as the admission chain would present it.
type reviewObject struct {
	object    runtime.Object // typed struct for known kinds, *unstructured.Unstructured otherwise
	gvk       schema.GroupVersionKind
	gvr       schema.GroupVersionResource
	namespace string // request namespace ("" for cluster-scoped kinds)
	name      string
	labels    map[string]string
}

// decodeObject decodes one input object. Known kinds become their typed Go struct (no defaulting:
// the oracle has no access to the defaulting functions, which live in k8s.io/kubernetes); other
// kinds stay unstructured, as custom resources do in the API server.
func decodeObject(raw []byte) (*reviewObject, error) {
	u := &unstructured.Unstructured{}
	if err := utiljson.Unmarshal(raw, &u.Object); err != nil {
		return nil, fmt.Errorf("not a JSON object: %w", err)
	}
	if u.Object == nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	gvk := u.GroupVersionKind()
	if gvk.Kind == "" || gvk.Version == "" {
		return nil, fmt.Errorf("apiVersion and kind are required")
	}
	info, known := knownKinds[gvk.GroupKind()]
	if !known {
		plural, _ := meta.UnsafeGuessKindToResource(gvk)
		info = kindInfo{resource: plural.Resource, namespaced: u.GetNamespace() != ""}
	}
	r := &reviewObject{
		gvk:    gvk,
		gvr:    gvk.GroupVersion().WithResource(info.resource),
		name:   u.GetName(),
		labels: u.GetLabels(),
	}
	if info.namespaced {
		r.namespace = u.GetNamespace()
	}
	if scheme.Recognizes(gvk) {
		obj, _, err := strictSerializer.Decode(raw, &gvk, nil)
		if err != nil && !runtime.IsStrictDecodingError(err) {
			return nil, fmt.Errorf("cannot decode as %s (the API server would reject the request before admission): %w", gvk, err)
		}
		r.object = obj
	} else {
		r.object = u
	}
	return r, nil
}

// decodeTyped decodes a policy or binding into its typed struct; unknown fields are returned as
// warnings (kubectl's default field validation, Strict, would reject them).
func decodeTyped(raw []byte, want schema.GroupVersionKind, into runtime.Object) ([]string, error) {
	obj, gvk, err := strictSerializer.Decode(raw, &want, into)
	var warnings []string
	if err != nil {
		if !runtime.IsStrictDecodingError(err) {
			return nil, err
		}
		if strict, ok := runtime.AsStrictDecodingError(err); ok {
			for _, e := range strict.Errors() {
				warnings = append(warnings, e.Error())
			}
		}
	}
	if *gvk != want {
		return nil, fmt.Errorf("expected %s, got %s", want, gvk)
	}
	if obj != into {
		return nil, fmt.Errorf("internal error: decoded into a different object")
	}
	return warnings, nil
}

// decodeUnstructured decodes a JSON object the way the API server decodes custom resources
// (integers become int64, other numbers float64).
func decodeUnstructured(raw []byte) (*unstructured.Unstructured, error) {
	u := &unstructured.Unstructured{}
	if err := utiljson.Unmarshal(raw, &u.Object); err != nil {
		return nil, err
	}
	if u.Object == nil {
		return nil, fmt.Errorf("not a JSON object")
	}
	return u, nil
}
