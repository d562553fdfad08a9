package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"herald/generator/output"
)

// TestFolderName checks the site's folder as serve names it: a trial
// read "正在预览 .".
func TestFolderName(t *testing.T) {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ in, want string }{
		{".", wd},
		{"site", filepath.Join(wd, "site")},
		{"/srv/site/", "/srv/site"},
	} {
		if got := folderName(tt.in); got != tt.want {
			t.Errorf("folderName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestBesideError checks the message and hint when herald may not write
// beside the output folder (a trial: /var/www/html under a root-owned
// /var/www got a bare "permission denied" and a hint to check permissions).
func TestBesideError(t *testing.T) {
	var out strings.Builder
	e := &env{stderr: &out}
	err := &output.BesideError{Target: "/var/www/html", Dir: "/var/www",
		Err: &fs.PathError{Op: "open", Path: "/var/www/.html.herald-lock", Err: syscall.EACCES}}
	if code := e.exit(fmt.Errorf("build: %w", err)); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	want := "herald: /var/www/html: herald may not write beside it, in /var/www, where it keeps its lock and makes a full build's new folder: permission denied\n" +
		"\thint: make /var/www writable for this user, or build with --out into a folder whose parent is, and point the web server there\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}
