package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"herald/generator/config"
	"herald/generator/diag"
	"herald/generator/scaffold"
)

func (e *env) newStory(ctx context.Context, args []string) error {
	fs := e.flags("new", `new "TITLE" --branch NAME --category NAME [--tags a,b] [--slug SLUG] [--source DIR]`)
	source := fs.String("source", ".", "the site's `folder`, holding site.yaml and content/ (default: the current folder)")
	branch := fs.String("branch", "", "the story's `branch`: its name or slug in site.yaml")
	category := fs.String("category", "", "the story's `category`: its name or slug in site.yaml")
	tags := fs.String("tags", "", "the story's `tags`, separated by commas")
	slug := fs.String("slug", "", "the `name` of the story's file and the last part of its URL (default: the title in pinyin)")
	// The title may come before, between or after the flags (flagsFirst).
	if err := e.parse(fs, flagsFirst(fs, args), true); err != nil {
		return err
	}
	title := fs.Args()
	if len(title) == 0 {
		return &usageError{msg: e.text(`new: the title is missing; write herald new "TITLE" --branch … --category …`)}
	}
	e.failed = "herald: %d problems; no story was written"
	var problems diag.List
	cfg := config.Load(osDirFS(*source), &problems)
	if err := problems.Err(); err != nil {
		return err
	}
	var tagList []string
	for _, t := range strings.FieldsFunc(*tags, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		tagList = append(tagList, strings.TrimSpace(t))
	}
	rel, err := scaffold.Write(ctx, *source, cfg, scaffold.Story{
		Title: strings.Join(title, " "), Branch: *branch, Category: *category, Tags: tagList, Slug: *slug, Now: time.Now(),
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.text("created %s: a draft; preview it with herald serve --drafts, and set draft: false (or remove the line) to publish it", rel))
	return nil
}
