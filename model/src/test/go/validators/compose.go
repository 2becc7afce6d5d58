package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/compose-spec/compose-go/v2/cli"
	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/sirupsen/logrus"
)

// checkCompose loads file as `docker compose -f file config` would: the project directory is
// the file's folder, variables come from the environment and a .env beside the file, paths are
// resolved and the model is checked for consistency. What compose-go only warns about (an unset
// variable, an obsolete attribute) is a finding too. Nothing is fetched: no remote loaders.
func checkCompose(ctx context.Context, file, name string) ([]string, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return nil, err
	}
	dir := filepath.Dir(abs)
	warnings := &collector{}
	logrus.StandardLogger().ReplaceHooks(logrus.LevelHooks{})
	logrus.AddHook(warnings)
	logrus.SetOutput(io.Discard)

	options := []cli.ProjectOptionsFn{
		cli.WithWorkingDirectory(dir),
		cli.WithOsEnv,
		cli.WithEnvFiles(),
		cli.WithDotEnv,
		cli.WithInterpolation(true),
		cli.WithResolvedPaths(true),
		cli.WithConsistency(true),
	}
	if name != "" {
		options = append(options, cli.WithName(name))
	}
	po, err := cli.NewProjectOptions([]string{abs}, options...)
	if err != nil {
		return nil, err
	}
	project, err := po.LoadProject(ctx)
	var findings []string
	if err != nil {
		findings = append(findings, fmt.Sprintf("%s: %v", file, err))
		return append(findings, warnings.findings(file)...), nil
	}
	findings = append(findings, warnings.findings(file)...)
	if name == "" && project.Name == loader.NormalizeProjectName(filepath.Base(dir)) {
		findings = append(findings, fmt.Sprintf("%s: no top-level name: the project is named after its folder (%q), "+
			"so every system's containers and volumes would share one project", file, project.Name))
	}
	// compose-go leaves the build context to the builder; `docker compose build` fails without it.
	for _, s := range project.Services {
		if s.Build == nil {
			continue
		}
		if st, err := os.Stat(s.Build.Context); err != nil || !st.IsDir() {
			findings = append(findings, fmt.Sprintf("%s: services.%s.build.context: %s is not a folder", file, s.Name, s.Build.Context))
			continue
		}
		if s.Build.Dockerfile != "" && s.Build.DockerfileInline == "" {
			df := s.Build.Dockerfile
			if !filepath.IsAbs(df) {
				df = filepath.Join(s.Build.Context, df)
			}
			if _, err := os.Stat(df); err != nil {
				findings = append(findings, fmt.Sprintf("%s: services.%s.build.dockerfile: %s does not exist", file, s.Name, df))
			}
		}
	}
	return findings, nil
}

// collector keeps what compose-go logs at warning level or above.
type collector struct {
	mu       sync.Mutex
	messages []string
}

func (c *collector) Levels() []logrus.Level {
	return []logrus.Level{logrus.PanicLevel, logrus.FatalLevel, logrus.ErrorLevel, logrus.WarnLevel}
}

func (c *collector) Fire(e *logrus.Entry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.messages = append(c.messages, e.Level.String()+": "+e.Message)
	return nil
}

func (c *collector) findings(file string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.messages))
	for _, m := range c.messages {
		out = append(out, file+": "+m)
	}
	return out
}
