package build

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestProgramID checks that herald names itself by the Go build ID the
// linker wrote, as go tool buildid reads it, and by its bytes when it has
// none.
func TestProgramID(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("SKIPPED: MISSING go, to read the test's build ID with go tool buildid: %v", err)
	}
	out, err := exec.Command(goTool, "tool", "buildid", exe).Output()
	if err != nil {
		t.Fatalf("go tool buildid %s: %v", exe, err)
	}
	want := strings.TrimSpace(string(out))
	if runtime.GOOS != "linux" {
		want = "" // not ELF: programID hashes the file
	}
	if got := goBuildID(exe); got != want {
		t.Errorf("goBuildID(the test) = %q, want %q", got, want)
	}

	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	a, b := write("a", "not an executable"), write("b", "not an executable either")
	if id := goBuildID(a); id != "" {
		t.Errorf("goBuildID(a text file) = %q, want \"\"", id)
	}
	switch ida, idb := programID(a), programID(b); {
	case !strings.HasPrefix(ida, "herald-") || !strings.HasPrefix(idb, "herald-"):
		t.Errorf("programID of files without a build ID: %q and %q, want herald-…", ida, idb)
	case ida == idb:
		t.Errorf("two files of different bytes have the same programID %q", ida)
	case programID(a) != ida:
		t.Errorf("programID of the same file changed")
	}
	if id := programID(filepath.Join(dir, "missing")); id != "" {
		t.Errorf("programID(a missing file) = %q, want \"\"", id)
	}
	if id := programID(exe); id == "" || id == programID(a) {
		t.Errorf("programID(the test) = %q", id)
	}
}
