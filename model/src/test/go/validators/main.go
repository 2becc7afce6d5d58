// Command validators checks generated output with the ecosystem's own validators: compose-spec's
// loader (compose-go) for compose files, kin-openapi for OpenAPI documents, and client_golang's
// promlint for a Prometheus exposition. Each finding is printed on its own line as
// "where: message"; the exit status is 1 when there is any, 2 when a check could not run.
//
//	validators compose [-p NAME] FILE...    load like `docker compose -f FILE config`
//	validators openapi FILE...              load and validate an OpenAPI 3 document
//	validators promlint URL|FILE...         lint a scrape (http://…/metrics) or a saved one
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
)

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdout, os.Stderr))
}

// checker reports the findings of one input; an error means the check itself could not run.
type checker func(ctx context.Context, input string) ([]string, error)

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) < 2 {
		fmt.Fprintln(stderr, "usage: validators compose [-p NAME] FILE... | openapi FILE... | promlint URL|FILE...")
		return 2
	}
	var check checker
	inputs := args[1:]
	switch args[0] {
	case "compose":
		name := ""
		if inputs[0] == "-p" && len(inputs) > 2 {
			name, inputs = inputs[1], inputs[2:]
		}
		check = func(ctx context.Context, file string) ([]string, error) { return checkCompose(ctx, file, name) }
	case "openapi":
		check = checkOpenAPI
	case "promlint":
		check = checkPromlint
	default:
		fmt.Fprintf(stderr, "unknown check %q: compose, openapi or promlint\n", args[0])
		return 2
	}
	status := 0
	for _, input := range inputs {
		findings, err := check(ctx, input)
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", input, err)
			return 2
		}
		sort.Strings(findings)
		for _, f := range findings {
			fmt.Fprintln(stdout, f)
		}
		if len(findings) > 0 {
			status = 1
		}
	}
	return status
}
