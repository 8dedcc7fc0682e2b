package main

import admissionregistrationv1 "k8s.io/api/admissionregistration/v1"

func typeCheckWarnings(policy *admissionregistrationv1.ValidatingAdmissionPolicy) []string {
	return nil
}
