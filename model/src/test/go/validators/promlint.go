package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
)

// checkPromlint lints the exposition at input, a URL to scrape or a file holding a scrape,
// in the Prometheus text format.
func checkPromlint(ctx context.Context, input string) ([]string, error) {
	var body io.Reader
	if strings.HasPrefix(input, "http://") || strings.HasPrefix(input, "https://") {
		ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, input, nil)
		if err != nil {
			return nil, err
		}
		// The text format, as promlint reads it (not OpenMetrics, not protobuf).
		req.Header.Set("Accept", "text/plain;version=0.0.4")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("scrape answered %s", resp.Status)
		}
		body = resp.Body
	} else {
		f, err := os.Open(input)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		body = f
	}
	problems, err := promlint.New(body).Lint()
	if err != nil {
		return []string{fmt.Sprintf("%s: the exposition does not parse: %v", input, err)}, nil
	}
	findings := make([]string, 0, len(problems))
	for _, p := range problems {
		findings = append(findings, fmt.Sprintf("%s: %s: %s", input, p.Metric, p.Text))
	}
	return findings, nil
}
