package render

import "strings"

// ui holds the strings of the default theme, by language.
var ui = map[string]map[string]string{
	"zh": {
		"home":             "首页",
		"categories":       "栏目",
		"branches":         "党组织",
		"tags":             "标签",
		"archives":         "归档",
		"search":           "搜索",
		"skip":             "跳到正文",
		"newer":            "上一篇",
		"older":            "下一篇",
		"related":          "相关阅读",
		"reading_time":     "阅读约 %d 分钟",
		"authors":          "作者",
		"published":        "发布时间",
		"branch":           "党组织",
		"category":         "栏目",
		"achievements":     "工作成效",
		"page_title":       "%s（第 %d 页）",
		"page_of":          "第 %d 页，共 %d 页",
		"prev_page":        "上一页",
		"next_page":        "下一页",
		"pagination":       "分页",
		"stories_count":    "%d 篇",
		"term_description": "%s的全部报道",
		"year_title":       "%d 年",
		"month_title":      "%d 年 %d 月",
		"not_found":        "页面不存在",
		"not_found_text":   "您访问的页面不存在或已被移除。",
		"back_home":        "返回首页",
		"rss":              "订阅",
		"no_stories":       "暂无报道。",
		"parent":           "上级党组织",
		"latest":           "最新报道",
	},
	"en": {
		"home":             "Home",
		"categories":       "Categories",
		"branches":         "Branches",
		"tags":             "Tags",
		"archives":         "Archives",
		"search":           "Search",
		"skip":             "Skip to content",
		"newer":            "Newer",
		"older":            "Older",
		"related":          "Related stories",
		"reading_time":     "%d min read",
		"authors":          "By",
		"published":        "Published",
		"branch":           "Branch",
		"category":         "Category",
		"achievements":     "Achievements",
		"page_title":       "%s (page %d)",
		"page_of":          "Page %d of %d",
		"prev_page":        "Previous",
		"next_page":        "Next",
		"pagination":       "Pagination",
		"stories_count":    "%d stories",
		"term_description": "All stories of %s",
		"year_title":       "%d",
		"month_title":      "%d-%02d",
		"not_found":        "Page not found",
		"not_found_text":   "The page you asked for does not exist or has been removed.",
		"back_home":        "Back to the home page",
		"rss":              "RSS",
		"no_stories":       "No stories yet.",
		"parent":           "Part of",
		"latest":           "Latest stories",
	},
}

// uiStrings returns the strings for a language tag: Chinese for zh-*,
// English otherwise.
func uiStrings(lang string) map[string]string {
	l := strings.ToLower(lang)
	if l == "zh" || strings.HasPrefix(l, "zh-") {
		return ui["zh"]
	}
	return ui["en"]
}
