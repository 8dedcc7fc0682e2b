// Command cel-oracle evaluates Kubernetes ValidatingAdmissionPolicies exactly as the API server
// would, with the API server's own packages (k8s.io/apiserver): its CEL environments, its
// compiler, the ValidatingAdmissionPolicy validator and matcher, and its runtime cost limits.
//
// It reads one JSON document on stdin and writes one JSON document on stdout; see README.md for
// the contract. Exit code 0 when the input was processed (whatever the verdicts), 2 on bad input.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Stdin, os.Stdout, os.Stderr))
}

func run(stdin io.Reader, stdout, stderr io.Writer) int {
	data, err := io.ReadAll(stdin)
	if err != nil {
		fmt.Fprintf(stderr, "cel-oracle: reading stdin: %v\n", err)
		return 2
	}
	var in Input
	if err := json.Unmarshal(data, &in); err != nil {
		fmt.Fprintf(stderr, "cel-oracle: bad input: %v\n", err)
		return 2
	}
	out, err := Run(context.Background(), &in)
	if err != nil {
		var bad badInputError
		if errors.As(err, &bad) {
			fmt.Fprintf(stderr, "cel-oracle: bad input: %v\n", err)
			return 2
		}
		fmt.Fprintf(stderr, "cel-oracle: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(out); err != nil {
		fmt.Fprintf(stderr, "cel-oracle: writing output: %v\n", err)
		return 1
	}
	return 0
}
