package build

import (
	"context"
	"os"
	"testing"
	"time"
)

func TestScratchBuild10k(t *testing.T) {
	os.RemoveAll("/tmp/benchwork/corpus-10000/public")
	start := time.Now()
	res, err := Build(context.Background(), Options{Source: "/tmp/benchwork/corpus-10000", Theme: os.DirFS("/work/main")})
	t.Log(time.Since(start), err)
	for _, p := range res.Stats.Phases {
		t.Log(p.Name, p.Duration)
	}
}
