package build_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"herald/generator/build"
	"herald/generator/internal/testsite"
)

// vnuJar returns the Nu HTML checker's jar: $HERALD_VNU_JAR, else the one
// .ci/run installs under .tools/ at the repository's root.
func vnuJar(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("HERALD_VNU_JAR"); p != "" {
		return testsite.RequireTool(t, "the Nu HTML checker named by HERALD_VNU_JAR", p)
	}
	return testsite.RequireTool(t, "the Nu HTML checker (npm vnu-jar)",
		filepath.Join(testsite.Root(t), ".tools", "node_modules", "vnu-jar", "build", "dist", "vnu.jar"))
}

// vnuMessage is one message of the checker's JSON output.
type vnuMessage struct {
	Type     string `json:"type"`     // "error", "info" (warnings are info with subType "warning"), "non-document-error"
	URL      string `json:"url"`      // file:/…/index.html
	LastLine int    `json:"lastLine"` // 0 when the message is about the whole file
	Message  string `json:"message"`
}

// TestNuHTMLChecker builds the repository's sample site, and the fixture
// with its draft and scheduled story, and checks every HTML page with the Nu
// HTML checker in one run. A page known to be invalid is checked with them,
// so that a checker that looks at nothing cannot pass.
func TestNuHTMLChecker(t *testing.T) {
	java := testsite.RequireTool(t, "Java (apt-get install default-jre-headless)", "java")
	jar := vnuJar(t)

	root := t.TempDir()
	sites := []struct {
		name string
		site *testsite.Site
		opts func(*build.Options)
	}{
		{"sample", sample(t), nil},
		{"fixture", fixture(t), func(o *build.Options) { o.Drafts, o.Future = true, true }},
	}
	for _, s := range sites {
		buildSite(t, s.site, func(o *build.Options) {
			o.Out = filepath.Join(root, s.name)
			if s.opts != nil {
				s.opts(o)
			}
		})
	}
	pages := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			pages++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 50 {
		t.Fatalf("only %d pages built", pages)
	}
	canary := "canary/bad.html"
	canaryPage := "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head><meta charset=\"utf-8\"></head>\n<body><h1><p>无标题</p></h1></body>\n</html>\n"
	if err := os.MkdirAll(filepath.Join(root, "canary"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(root, filepath.FromSlash(canary)), []byte(canaryPage), 0o644); err != nil {
		t.Fatal(err)
	}

	cmd := exec.CommandContext(t.Context(), java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", root)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("%s: %v\n%s%s", cmd, err, stdout.Bytes(), stderr.Bytes())
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if err := json.Unmarshal(stderr.Bytes(), &report); err != nil {
		t.Fatalf("the checker's output is not its JSON report: %v\n%s%s", err, stdout.Bytes(), stderr.Bytes())
	}

	var problems []string
	canaryErrors := 0
	for _, m := range report.Messages {
		page := vnuPage(m.URL, root)
		if page == canary {
			canaryErrors++
			continue
		}
		if m.Type == "info" {
			continue // --errors-only leaves none; kept for a run without it
		}
		problems = append(problems, fmt.Sprintf("%s:%d: %s", page, m.LastLine, m.Message))
	}
	if canaryErrors == 0 {
		t.Errorf("the checker found nothing wrong with %s, which has no <title> and a <p> in an <h1>: it is not checking the pages", canary)
	}
	slices.Sort(problems)
	for _, p := range problems {
		t.Error(p)
	}
	if len(problems) > 0 {
		t.Logf("the Nu HTML checker found %d errors in %d pages", len(problems), pages)
	}
}

// vnuPage returns the slash path of a checked file relative to root, from
// the file: URL the checker reports.
func vnuPage(u, root string) string {
	p := strings.TrimPrefix(u, "file:")
	if strings.Contains(p, "%") {
		if q, err := url.PathUnescape(p); err == nil {
			p = q
		}
	}
	if rel, err := filepath.Rel(root, filepath.FromSlash(p)); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	if u == "" {
		return "(checker)"
	}
	return u
}
