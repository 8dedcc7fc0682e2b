package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/kube-openapi/pkg/validation/spec"
	"k8s.io/kube-openapi/pkg/validation/strfmt"
	"k8s.io/kube-openapi/pkg/validation/validate"
)

// ParamsReport is what the cluster would make of the params object given its
// CustomResourceDefinition (input paramsCRD): the fields it prunes and the validation errors
// that would refuse the object (the params object then does not exist).
type ParamsReport struct {
	Errors []string `json:"errors"`
	Pruned []string `json:"pruned"`
}

// customResourceDefinition holds the parts of an apiextensions.k8s.io/v1 CRD the oracle reads.
type customResourceDefinition struct {
	Spec struct {
		Group string `json:"group"`
		Names struct {
			Kind string `json:"kind"`
		} `json:"names"`
		Versions []crdVersion `json:"versions"`
	} `json:"spec"`
}

type crdVersion struct {
	Name   string `json:"name"`
	Served bool   `json:"served"`
	Schema struct {
		OpenAPIV3Schema json.RawMessage `json:"openAPIV3Schema"`
	} `json:"schema"`
}

// storeParams returns the params object as the API server would store it from the CRD: pruned to
// the fields its schema specifies, or nil when the schema's validation refuses it.
//
// Real: the validation is kube-openapi's validate.SchemaValidator, which the apiextensions
// apiserver runs on custom resources (k8s.io/apiextensions-apiserver pkg/apiserver/validation,
// without ratcheting: the object is created). Restated: pruning
// (k8s.io/apiextensions-apiserver pkg/apiserver/schema/pruning), a separate module.
func storeParams(raw json.RawMessage, params *unstructured.Unstructured) (*unstructured.Unstructured, *ParamsReport, error) {
	var crd customResourceDefinition
	if err := json.Unmarshal(raw, &crd); err != nil {
		return nil, nil, badInput("paramsCRD: %v", err)
	}
	group, version, _ := strings.Cut(params.GetAPIVersion(), "/")
	if group != crd.Spec.Group || params.GetKind() != crd.Spec.Names.Kind {
		return nil, nil, badInput("paramsCRD defines %s/%s, the params object is %s %s",
			crd.Spec.Group, crd.Spec.Names.Kind, params.GetAPIVersion(), params.GetKind())
	}
	i := slices.IndexFunc(crd.Spec.Versions, func(v crdVersion) bool { return v.Name == version && v.Served })
	if i < 0 {
		return nil, nil, badInput("paramsCRD serves no version %q", version)
	}
	var schema spec.Schema
	if err := json.Unmarshal(crd.Spec.Versions[i].Schema.OpenAPIV3Schema, &schema); err != nil {
		return nil, nil, badInput("paramsCRD openAPIV3Schema: %v", err)
	}
	stored := params.DeepCopy()
	report := &ParamsReport{Errors: []string{}, Pruned: []string{}}
	pruneObject(stored.Object, &schema, "", true, &report.Pruned)
	sort.Strings(report.Pruned)
	result := validate.NewSchemaValidator(&schema, nil, "", strfmt.Default).Validate(stored.Object)
	for _, err := range result.Errors {
		report.Errors = append(report.Errors, err.Error())
	}
	if len(report.Errors) > 0 {
		return nil, report, nil
	}
	return stored, report, nil
}

// pruneObject drops the fields of an object that its schema does not specify; at the root of a
// resource, apiVersion, kind and metadata stay.
func pruneObject(object map[string]any, schema *spec.Schema, path string, root bool, pruned *[]string) {
	if preservesUnknownFields(schema) {
		return
	}
	for key, value := range object {
		if root && (key == "apiVersion" || key == "kind" || key == "metadata") {
			continue
		}
		field := key
		if path != "" {
			field = path + "." + key
		}
		property, ok := schema.Properties[key]
		switch {
		case ok:
			pruneValue(value, &property, field, pruned)
		case schema.AdditionalProperties != nil && schema.AdditionalProperties.Schema != nil:
			pruneValue(value, schema.AdditionalProperties.Schema, field, pruned)
		case schema.AdditionalProperties != nil && schema.AdditionalProperties.Allows:
		default:
			delete(object, key)
			*pruned = append(*pruned, field)
		}
	}
}

func pruneValue(value any, schema *spec.Schema, path string, pruned *[]string) {
	switch v := value.(type) {
	case map[string]any:
		pruneObject(v, schema, path, false, pruned)
	case []any:
		if schema.Items == nil || schema.Items.Schema == nil {
			return
		}
		for i, item := range v {
			pruneValue(item, schema.Items.Schema, fmt.Sprintf("%s[%d]", path, i), pruned)
		}
	}
}

func preservesUnknownFields(schema *spec.Schema) bool {
	preserve, ok := schema.Extensions.GetBool("x-kubernetes-preserve-unknown-fields")
	return ok && preserve
}
