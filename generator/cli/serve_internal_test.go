package cli

import (
	"os"
	"path/filepath"
	"testing"
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
