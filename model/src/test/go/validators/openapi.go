package main

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/getkin/kin-openapi/openapi3"
)

// checkOpenAPI loads file with kin-openapi (no external references: a contract stands alone)
// and validates it against the OpenAPI version it declares, reporting every error it finds
// with the line of the element at fault where kin-openapi knows it.
func checkOpenAPI(ctx context.Context, file string) ([]string, error) {
	loader := openapi3.NewLoader()
	loader.IncludeOrigin = true
	loader.IsExternalRefsAllowed = false
	doc, err := loader.LoadFromFile(file)
	if err != nil {
		return []string{fmt.Sprintf("%s: %v", file, err)}, nil
	}
	err = doc.Validate(ctx, openapi3.EnableMultiError(), openapi3.EnableExamplesValidation(),
		openapi3.EnableSchemaDefaultsValidation(), openapi3.EnableSchemaPatternValidation())
	if err == nil {
		return nil, nil
	}
	var findings []string
	var multi openapi3.MultiError
	if errors.As(err, &multi) && len(multi) > 0 {
		for _, e := range multi {
			findings = append(findings, fmt.Sprintf("%s: %v", where(file, e), e))
		}
	} else {
		findings = append(findings, fmt.Sprintf("%s: %v", where(file, err), err))
	}
	return findings, nil
}

// where names file and, when any error in err's chain carries an Origin, the line of the
// innermost one: kin-openapi's error types keep it in a field of that name.
func where(file string, err error) string {
	line := 0
	for e := err; e != nil; e = errors.Unwrap(e) {
		v := reflect.ValueOf(e)
		if v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		if v.Kind() != reflect.Struct {
			continue
		}
		f := v.FieldByName("Origin")
		if !f.IsValid() || f.IsNil() {
			continue
		}
		if o, ok := f.Interface().(*openapi3.Origin); ok && o.Key != nil && o.Key.Line > 0 {
			line = o.Key.Line
		}
	}
	if line == 0 {
		return file
	}
	return fmt.Sprintf("%s:%d", file, line)
}
