package main

import (
	"fmt"
	"reflect"
	"sort"
	"strings"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/cel/openapi/resolver"
	"k8s.io/kube-openapi/pkg/validation/spec"
)

// typeCheckWarnings runs the API server's ValidatingAdmissionPolicy type checker
// (validating.TypeChecker, which fills status.typeChecking.expressionWarnings in a cluster): every
// validation and messageExpression is compiled once per matched kind with `object` typed by that
// kind's schema instead of dyn.
//
// The cluster resolves schemas from its OpenAPI definitions (generated from the k8s.io/api types by
// openapi-gen, part of k8s.io/kubernetes). The oracle derives equivalent schemas from the same Go
// types (k8s.io/api v0.37.2) by reflection; kinds outside the local scheme (custom resources, the
// params kind) are not resolved and stay dyn, as in a cluster without their schema.
func typeCheckWarnings(policy *admissionregistrationv1.ValidatingAdmissionPolicy) []string {
	checker := &validating.TypeChecker{SchemaResolver: reflectSchemaResolver{}, RestMapper: restMapper}
	var warnings []string
	for _, w := range checker.Check(policy) {
		warnings = append(warnings, fmt.Sprintf("%s: type checking: %s", w.FieldRef, strings.TrimSpace(w.Warning)))
	}
	return warnings
}

var restMapper = newRESTMapper()

func newRESTMapper() meta.RESTMapper {
	m := meta.NewDefaultRESTMapper(nil)
	for gvk := range scheme.AllKnownTypes() {
		info, ok := knownKinds[gvk.GroupKind()]
		if !ok {
			continue
		}
		scope := meta.RESTScopeRoot
		if info.namespaced {
			scope = meta.RESTScopeNamespace
		}
		plural := gvk.GroupVersion().WithResource(info.resource)
		singular := gvk.GroupVersion().WithResource(strings.ToLower(gvk.Kind))
		m.AddSpecific(gvk, plural, singular, scope)
	}
	return m
}

// reflectSchemaResolver builds the OpenAPI schema of a kind of the local scheme from its Go type,
// following openapi-gen's rules: json tags name the properties, inline members are flattened,
// pointers are transparent, []byte is a base64 string, map[string]T is additionalProperties, and
// types that declare their OpenAPI type (metav1.Time, resource.Quantity, intstr.IntOrString, …)
// use it.
type reflectSchemaResolver struct{}

func (reflectSchemaResolver) ResolveSchema(gvk schema.GroupVersionKind) (*spec.Schema, error) {
	if !scheme.Recognizes(gvk) {
		return nil, fmt.Errorf("%w: %s", resolver.ErrSchemaNotFound, gvk)
	}
	if _, ok := knownKinds[gvk.GroupKind()]; !ok {
		return nil, fmt.Errorf("%w: %s", resolver.ErrSchemaNotFound, gvk)
	}
	obj, err := scheme.New(gvk)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", resolver.ErrSchemaNotFound, err)
	}
	return schemaOf(reflect.TypeOf(obj), map[reflect.Type]bool{}), nil
}

type openAPITyped interface {
	OpenAPISchemaType() []string
	OpenAPISchemaFormat() string
}

var openAPITypedType = reflect.TypeOf((*openAPITyped)(nil)).Elem()

func schemaOf(t reflect.Type, inProgress map[reflect.Type]bool) *spec.Schema {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(openAPITypedType) {
		v := reflect.Zero(t).Interface().(openAPITyped)
		if v.OpenAPISchemaFormat() == "int-or-string" {
			s := &spec.Schema{}
			s.VendorExtensible.AddExtension("x-kubernetes-int-or-string", true)
			return s
		}
		s := &spec.Schema{}
		s.Type = v.OpenAPISchemaType()
		s.Format = v.OpenAPISchemaFormat()
		return s
	}
	switch t.Kind() {
	case reflect.Bool:
		return spec.BooleanProperty()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return spec.Int64Property()
	case reflect.Float32, reflect.Float64:
		return spec.Float64Property()
	case reflect.String:
		return spec.StringProperty()
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			s := spec.StringProperty()
			s.Format = "byte"
			return s
		}
		return spec.ArrayProperty(schemaOf(t.Elem(), inProgress))
	case reflect.Map:
		return spec.MapProperty(schemaOf(t.Elem(), inProgress))
	case reflect.Interface:
		s := &spec.Schema{}
		s.Type = []string{"object"}
		s.VendorExtensible.AddExtension("x-kubernetes-preserve-unknown-fields", true)
		return s
	case reflect.Struct:
		if inProgress[t] { // recursive type: leave the inner occurrence untyped
			s := &spec.Schema{}
			s.Type = []string{"object"}
			s.VendorExtensible.AddExtension("x-kubernetes-preserve-unknown-fields", true)
			return s
		}
		inProgress[t] = true
		defer delete(inProgress, t)
		s := &spec.Schema{}
		s.Type = []string{"object"}
		s.Properties = map[string]spec.Schema{}
		addFields(s, t, inProgress)
		sort.Strings(s.Required)
		return s
	}
	s := &spec.Schema{}
	s.VendorExtensible.AddExtension("x-kubernetes-preserve-unknown-fields", true)
	return s
}

func addFields(s *spec.Schema, t reflect.Type, inProgress map[reflect.Type]bool) {
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, opts, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if strings.Contains(","+opts+",", ",inline,") || (f.Anonymous && name == "") {
			ft := f.Type
			for ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				addFields(s, ft, inProgress)
				continue
			}
		}
		if name == "" {
			name = f.Name
		}
		s.Properties[name] = *schemaOf(f.Type, inProgress)
	}
}
