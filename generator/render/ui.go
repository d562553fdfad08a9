package render

import (
	"maps"
	"slices"
	"strings"

	"herald/generator/config"
	"herald/generator/diag"
)

// ui holds the strings of the default theme, by language.
var ui = map[string]map[string]string{
	"zh": {
		"home":                     "首页",
		"categories":               "栏目",
		"branches":                 "党组织",
		"tags":                     "标签",
		"archives":                 "归档",
		"search":                   "搜索",
		"skip":                     "跳到正文",
		"newer":                    "上一篇",
		"older":                    "下一篇",
		"related":                  "相关阅读",
		"reading_time":             "阅读约 %d 分钟",
		"authors":                  "作者",
		"published":                "发布时间",
		"branch":                   "党组织",
		"category":                 "栏目",
		"achievements":             "工作成效",
		"page_title":               "%s（第 %d 页）",
		"page_of":                  "第 %d 页，共 %d 页",
		"prev_page":                "上一页",
		"next_page":                "下一页",
		"pagination":               "分页",
		"stories_count":            "%d 篇",
		"term_description":         "%s的全部报道",
		"year_title":               "%d 年",
		"month_title":              "%d 年 %d 月",
		"tag_title":                "标签：%s",
		"archives_description":     "按年份和月份列出的全部报道。",
		"year_description":         "%d 年的全部报道，按月份列出。",
		"month_description":        "%d 年 %d 月的全部报道。",
		"not_found":                "页面不存在",
		"draft_note":               "草稿：这篇报道标了 draft: true，正式生成的网站里没有它。",
		"not_found_text":           "您访问的页面不存在或已被移除。",
		"back_home":                "返回首页",
		"rss":                      "订阅",
		"no_stories":               "暂无报道。",
		"parent":                   "上级党组织",
		"under":                    "下级党组织",
		"latest":                   "最新报道",
		"search_label":             "搜索本站报道",
		"search_button":            "搜索",
		"search_noscript":          "站内搜索需要浏览器启用 JavaScript。您也可以按栏目、党组织或归档浏览报道。",
		"search_hint":              "输入关键词，例如 退役军人、营商环境、党史学习教育。",
		"filter_category":          "栏目",
		"filter_branch":            "党组织",
		"filter_year":              "年份",
		"filter_all":               "全部",
		"search_more":              "显示更多结果",
		"achievements_description": "各级党组织报道中的工作成效：数量按年份累计，比率、平均数等取最近一次报道的数值。",
		"figure_description":       "“%s”的逐年数值和来源报道。",
		"achievements_total":       "累计",
		"achievements_latest":      "最新",
		"achievements_by_year":     "逐年",
		"reported_in":              "%d 篇报道",
		"large_type":               "大字",
		"stories_by_category":      "各栏目报道数",
		"stories_per_month":        "每月报道数",
		"chart_months_title":       "每月报道数，共 %d 篇",
		"chart_months_desc":        "%d年%d月至%d年%d月，最多一个月 %d 篇（%d年%d月）",
		"chart_month_bar":          "%d年%d月：%d 篇",
		"chart_years_title":        "逐年合计（%s）",
		"chart_years_latest_title": "逐年最新值（%s）",
		"chart_year_value":         "%d年 %s%s",
		"list_separator":           "；",
		"colon":                    "：",
		"full_stop":                "。",
		"name_separator":           "、",
		"all_achievements":         "全部工作成效",
		"cover":                    "封面图片",
		"site_map":                 "网站导航",
	},
	"en": {
		"home":                     "Home",
		"categories":               "Categories",
		"branches":                 "Branches",
		"tags":                     "Tags",
		"archives":                 "Archives",
		"search":                   "Search",
		"skip":                     "Skip to content",
		"newer":                    "Newer",
		"older":                    "Older",
		"related":                  "Related stories",
		"reading_time":             "%d min read",
		"authors":                  "By",
		"published":                "Published",
		"branch":                   "Branch",
		"category":                 "Category",
		"achievements":             "Achievements",
		"page_title":               "%s (page %d)",
		"page_of":                  "Page %d of %d",
		"prev_page":                "Previous",
		"next_page":                "Next",
		"pagination":               "Pagination",
		"stories_count":            "%d stories",
		"stories_count_one":        "%d story",
		"term_description":         "All stories of %s",
		"year_title":               "%d",
		"month_title":              "%d-%02d",
		"tag_title":                "Tag: %s",
		"archives_description":     "All the stories, by year and month.",
		"year_description":         "All the stories of %d, by month.",
		"month_description":        "All the stories of %d-%02d.",
		"not_found":                "Page not found",
		"draft_note":               "Draft: the story is marked draft: true, and the published site leaves it out.",
		"not_found_text":           "The page you asked for does not exist or has been removed.",
		"back_home":                "Back to the home page",
		"rss":                      "RSS",
		"no_stories":               "No stories yet.",
		"parent":                   "Part of",
		"under":                    "Includes",
		"latest":                   "Latest stories",
		"search_label":             "Search the stories",
		"search_button":            "Search",
		"search_noscript":          "Search needs JavaScript. You can also browse the stories by category, branch or archive.",
		"search_hint":              "Type a word or phrase.",
		"filter_category":          "Category",
		"filter_branch":            "Branch",
		"filter_year":              "Year",
		"filter_all":               "All",
		"search_more":              "Show more results",
		"achievements_description": "The figures the stories report: counts added up by year; rates, averages and the like as last reported.",
		"figure_description":       "%s by year, with the stories that report it.",
		"achievements_total":       "Total",
		"achievements_latest":      "Latest",
		"achievements_by_year":     "By year",
		"reported_in":              "%d stories",
		"reported_in_one":          "%d story",
		"large_type":               "Large type",
		"stories_by_category":      "Stories by category",
		"stories_per_month":        "Stories per month",
		"chart_months_title":       "Stories per month, %d in all",
		"chart_months_desc":        "From %d-%02d to %d-%02d; at most %d in a month (%d-%02d)",
		"chart_month_bar":          "%d-%02d: %d",
		"chart_years_title":        "Totals by year (%s)",
		"chart_years_latest_title": "Latest by year (%s)",
		"chart_year_value":         "%d: %s %s",
		"list_separator":           "; ",
		"colon":                    ": ",
		"full_stop":                ". ",
		"name_separator":           ", ",
		"all_achievements":         "All achievements",
		"cover":                    "Cover picture",
		"site_map":                 "Site map",
	},
}

// uiStrings returns the theme's strings for a site: Chinese for zh-*,
// English otherwise, with the site's own replacements from site.yaml's
// strings. A replacement must name a string the theme has and keep its
// %-verbs; otherwise it is reported at its line.
func uiStrings(cfg *config.Config) (map[string]string, error) {
	base := ui["en"]
	if cfg.IsChinese() {
		base = ui["zh"]
	}
	if len(cfg.Strings) == 0 {
		return base, nil
	}
	out := maps.Clone(base)
	keys := slices.Sorted(maps.Keys(base))
	var problems diag.List
	for key, s := range cfg.Strings {
		pos := diag.Pos{File: config.File, Line: cfg.StringLines[key]}
		orig, ok := base[key]
		switch {
		case !ok:
			p := problems.Errorf(pos, "strings.%s: the theme has no string %q", key, key)
			if near := diag.Suggest(key, keys); near != "" {
				p.WithHint("did you mean %q?", near)
			}
		case verbs(s) != verbs(orig):
			problems.Errorf(pos, "strings.%s: %q must keep the %%-verbs of %q", key, s, orig).
				WithHint("the theme fills them in with numbers or names, in that order")
		default:
			out[key] = s
		}
	}
	return out, problems.Err()
}

// verbs returns the %-verbs of a format, in order: "%s（第 %d 页）" gives "sd".
func verbs(f string) string {
	var b strings.Builder
	for i := 0; i+1 < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if f[i] != '%' {
			b.WriteByte(f[i])
		}
	}
	return b.String()
}
