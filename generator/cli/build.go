package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"herald/generator/build"
)

func (e *env) build(ctx context.Context, args []string) error {
	fs := e.flags("build", "build [--source DIR] [--out DIR] [--drafts] [--future] [--base-url URL] [--lang zh|en]")
	var f struct {
		source, out, baseURL string
		drafts, future       bool
	}
	fs.StringVar(&f.source, "source", ".", "the site's `folder`, holding site.yaml and content/")
	fs.StringVar(&f.out, "out", "", "the output `folder` (default public inside the site's folder)")
	fs.BoolVar(&f.drafts, "drafts", false, "include stories marked draft: true")
	fs.BoolVar(&f.future, "future", false, "include stories dated in the future")
	fs.StringVar(&f.baseURL, "base-url", "", "the `URL` the site is published at, instead of site.yaml's baseURL")
	lang := fs.String("lang", "", "the `language` of messages: zh or en (default: the site's language, or LANG)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := e.setLanguage(f.source, *lang); err != nil {
		return err
	}
	if f.out == "" {
		f.out = filepath.Join(f.source, "public")
	}
	res, err := build.Build(ctx, build.Options{
		Source: f.source, Out: f.out, Drafts: f.drafts, Future: f.future, BaseURL: f.baseURL, Theme: e.theme,
	})
	if err != nil {
		return err
	}
	e.problems(res.Warnings)
	fmt.Fprintf(e.stdout, "%s → %s\n", res.Stats, f.out)
	return nil
}
