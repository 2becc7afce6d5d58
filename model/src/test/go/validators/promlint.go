package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil/promlint"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
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
	// Decoded here as promlint.New would, so that an empty scrape is a finding, not a pass.
	var families []*dto.MetricFamily
	decoder := expfmt.NewDecoder(body, expfmt.NewFormat(expfmt.TypeTextPlain))
	for {
		mf := &dto.MetricFamily{}
		if err := decoder.Decode(mf); err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return []string{fmt.Sprintf("%s: the exposition does not parse: %v", input, err)}, nil
		}
		families = append(families, mf)
	}
	if len(families) == 0 {
		return []string{fmt.Sprintf("%s: no metrics in the exposition", input)}, nil
	}
	problems, err := promlint.NewWithMetricFamilies(families).Lint()
	if err != nil {
		return nil, err
	}
	findings := make([]string, 0, len(problems))
	for _, p := range problems {
		findings = append(findings, fmt.Sprintf("%s: %s: %s", input, p.Metric, p.Text))
	}
	return findings, nil
}
