// Package scaffold writes a new story, ready to edit: valid front matter
// with the date of now in the site's time zone and draft: true, in the
// folder layout the site already uses, under an ASCII file name.
//
// # Folder
//
// The folder follows the site's stories: when most of them sit in
// PREFIX/YYYY/MM (or PREFIX/YYYY), the new one goes in PREFIX with today's
// year and month; otherwise in the folder most of them share. A site with no
// stories gets stories/YYYY/MM.
//
// # File name
//
// The file is named by the slug when one is given, otherwise by the title
// in pinyin (the first reading of each character, as
// github.com/mozillazg/go-pinyin gives it, but for words read otherwise,
// such as 重庆 and 银行), with Latin letters and digits kept, full-width
// ones too: "5G网络进社区" gives "5g-wang-luo-jin-she-qu.md", cut to at most
// eight syllables, and never inside a word of the district's news that it
// knows ("第三党支部召开组织生活会" gives "di-san-dang-zhi-bu-zhao-kai", not
// …-zu, half of 组织). A title with nothing to spell gives a name from the
// date. An existing file is never overwritten.
//
// # Address
//
// The new story's URL is its folder and its file name. It must be no
// other story's: every story, page, draft and scheduled story of content/
// has its URL computed as the site computes it ([site.PagePath]: a slug:
// in the front matter names the page, not the file or the bundle's
// folder), and a new story whose URL one of them has is not written. The
// problem names that story.
package scaffold

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"

	"herald/generator/config"
	"herald/generator/content"
	"herald/generator/diag"
	"herald/generator/internal/urlpath"
	"herald/generator/site"
)

// Story is what a new story starts with.
type Story struct {
	Title    string
	Branch   string // a branch's name or slug
	Category string // a category's name or slug
	Tags     []string
	Slug     string    // the file name without .md; derived from the title when ""
	Now      time.Time // its date
}

// Write writes a new story into the site folder source, whose configuration
// is cfg, and returns its slash path relative to source. Problems with the
// story's values come back as a *diag.Error whose positions name the flag.
func Write(ctx context.Context, source string, cfg *config.Config, s Story) (string, error) {
	var problems diag.List
	s.Title = strings.TrimSpace(s.Title)
	if s.Title == "" {
		problems.Errorf(diag.Pos{File: "title"}, "the title is empty").
			WithHint("write it between the quotes: herald new \"机关第八支部开设退役军人援助项目\" --branch … --category …")
	}
	var br *config.Branch
	var cat *config.Category
	if s.Branch == "" {
		problems.Errorf(diag.Pos{File: "--branch"}, "--branch is missing").
			WithHint("name the story's branch, one of those in site.yaml")
	} else {
		br = cfg.LookupBranch(s.Branch, diag.Pos{File: "--branch"}, &problems)
	}
	if s.Category == "" {
		problems.Errorf(diag.Pos{File: "--category"}, "--category is missing").
			WithHint("name the story's category, one of those in site.yaml")
	} else {
		cat = cfg.LookupCategory(s.Category, diag.Pos{File: "--category"}, &problems)
	}
	slug := s.Slug
	if slug != "" {
		if why := urlpath.CheckSlug(slug); why != "" {
			problems.Errorf(diag.Pos{File: "--slug"}, "slug %q cannot be part of a URL: %s", slug, why).
				WithHint("use letters, digits and hyphens, such as veterans-aid")
		}
	}
	if err := problems.Err(); err != nil {
		return "", err
	}
	now := s.Now.In(cfg.TimeZone)
	if slug == "" {
		slug = Slug(s.Title)
	}
	if slug == "" {
		slug = now.Format("2006-01-02-150405")
	}
	dir, err := Folder(os.DirFS(source), now)
	if err != nil {
		return "", err
	}
	rel := path.Join(content.Dir, dir, slug+".md")
	full := filepath.Join(source, filepath.FromSlash(rel))
	// Trials: a page bundle of that name has the same address, and the
	// new draft took it (check then blamed the published story); so does
	// a story whose slug: is that name, whatever its file is called; and a
	// bundle folder of that name whose slug: is another does not.
	url := site.PagePath(&content.Doc{Path: rel})
	other, err := owner(ctx, source, cfg, url, rel)
	if err != nil {
		return "", err
	}
	if other != "" {
		problems.Errorf(diag.Pos{File: rel}, "the story %s already has this address, %s", other, cfg.BasePath()+strings.TrimPrefix(url, "/")).
			WithHint("give the new story another file name with --slug")
		return "", problems.Err()
	}
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		problems.Errorf(diag.Pos{File: rel}, "the file already exists; herald new never overwrites a story").
			WithHint("give the new story another file name with --slug")
		return "", problems.Err()
	}
	if err != nil {
		return "", err
	}
	_, err = f.WriteString(frontMatter(s, br.Name, cat.Name, now))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(full)
		return "", err
	}
	return rel, nil
}

// owner returns the content file, other than file, whose page path is url,
// or "". Every Markdown file counts, whatever its problems: the site's are
// not new's to report.
func owner(ctx context.Context, source string, cfg *config.Config, url, file string) (string, error) {
	var ignored diag.List
	set, err := content.Load(ctx, os.DirFS(source), content.Options{TimeZone: cfg.TimeZone}, &ignored)
	if err != nil {
		return "", err
	}
	var owners []string
	for _, d := range slices.Concat(set.Docs, set.Broken) {
		if d.Path != file && site.PagePath(d) == url {
			owners = append(owners, d.Path)
		}
	}
	if len(owners) == 0 {
		return "", nil
	}
	return slices.Min(owners), nil
}

// frontMatter returns the new story's text.
func frontMatter(s Story, branch, category string, now time.Time) string {
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("title: " + scalar(s.Title) + "\n")
	b.WriteString("date: " + now.Format("2006-01-02T15:04:05-07:00") + "\n")
	b.WriteString("branch: " + scalar(branch) + "\n")
	b.WriteString("category: " + scalar(category) + "\n")
	tags := make([]string, 0, len(s.Tags))
	for _, t := range s.Tags {
		if t = strings.TrimSpace(t); t != "" {
			tags = append(tags, scalar(t))
		}
	}
	b.WriteString("tags: [" + strings.Join(tags, ", ") + "]\n")
	b.WriteString("authors: []\n")
	b.WriteString("summary: \n")
	b.WriteString("draft: true\n")
	b.WriteString("---\n\n")
	return b.String()
}

// scalar writes s as a YAML scalar: plain when that is safe, else in double
// quotes.
func scalar(s string) string {
	plain := s != "" && s == strings.TrimSpace(s) &&
		!strings.ContainsAny(s[:1], "-?:,[]{}#&*!|>'\"%@`") &&
		!strings.Contains(s, ": ") && !strings.Contains(s, " #") && !strings.HasSuffix(s, ":") &&
		!strings.ContainsAny(s, ",[]{}\n\t") && !looksTyped(s)
	if plain {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

var typedRE = regexp.MustCompile(`^(?i:true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.:eE+-]*)$`)

// looksTyped reports whether YAML would read s as something other than text.
func looksTyped(s string) bool { return typedRE.MatchString(s) }

// maxSyllables bounds a slug derived from a title.
const maxSyllables = 8

// Slug derives an ASCII file name from a title: pinyin for Chinese
// characters, Latin letters (lower-cased) and digits kept, words joined by
// hyphens, at most eight syllables or words, and not cut inside a word it
// knows (words and phrases).
func Slug(title string) string { return slug(title, pinyinOf) }

// slug is Slug with the syllable of a Chinese character given by reading
// ("" for none).
func slug(title string, reading func(rune) string) string {
	var groups [][]string // a word's syllables, which a cut keeps together
	var lone []bool       // by group, a character of no word known: a syllable alone
	var latin strings.Builder
	flush := func() {
		if latin.Len() > 0 {
			groups = append(groups, []string{latin.String()})
			lone = append(lone, false)
			latin.Reset()
		}
	}
	rs := []rune(title)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		if r >= 0xFF01 && r <= 0xFF5E {
			r -= 0xFEE0 // a full-width letter or digit, as Chinese input methods type them: "２０２６"
		}
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			latin.WriteRune(unicode.ToLower(r))
		case unicode.Is(unicode.Han, r):
			flush()
			py, n := wordAt(rs[i:], reading)
			if n == 0 {
				py, n = []string{reading(r)}, 1
			}
			if py = slices.DeleteFunc(py, func(s string) bool { return s == "" }); len(py) > 0 {
				groups = append(groups, py)
				lone = append(lone, n == 1)
			}
			i += n - 1
		default:
			flush()
		}
	}
	flush()
	// A cut inside a word gave addresses such as …-zhao-kai-zu, the zu of
	// 组织: the slug ends at the last word that fits (a word is at most
	// maxWord < maxSyllables syllables, so the first always does).
	var out []string
	taken := 0 // the groups in out
	for _, g := range groups {
		if len(out)+len(g) > maxSyllables {
			break
		}
		out = append(out, g...)
		taken++
	}
	// A cut in a run of characters of no word known, such as 清理河道,
	// keeps an even number of them: most words are two characters, and
	// an odd number cut 清理 into qing (a newcomer's trial).
	if taken < len(groups) && lone[taken] {
		run := 0
		for run < taken && lone[taken-1-run] {
			run++
		}
		if run%2 == 1 && taken > 1 {
			out = out[:len(out)-1]
		}
	}
	return strings.Join(out, "-")
}

// phrases are words whose characters are read otherwise than by their
// first reading, the one the table gives, among the words of a district's
// news: a title's slug is the story's address for good, and 重庆长沙行长
// gave zhong-qing-zhang-sha-xing-zhang (a trial).
var phrases = map[string]string{
	"重庆": "chong qing", "重阳": "chong yang", "重新": "chong xin", "重温": "chong wen", "重建": "chong jian",
	"重申": "chong shen", "重组": "chong zu", "重返": "chong fan", "重走": "chong zou", "重逢": "chong feng",
	"长沙": "chang sha", "长征": "chang zheng", "长期": "chang qi", "长效": "chang xiao", "长江": "chang jiang",
	"长城": "chang cheng", "长廊": "chang lang", "长远": "chang yuan", "长久": "chang jiu", "长足": "chang zu",
	"长春": "chang chun", "长寿": "chang shou", "长安": "chang an", "长跑": "chang pao", "长三角": "chang san jiao",
	"延长": "yan chang", "特长": "te chang", "擅长": "shan chang", "专长": "zhuan chang",
	"银行": "yin hang", "行长": "hang zhang", "行业": "hang ye", "各行各业": "ge hang ge ye", "行列": "hang lie",
	"内行": "nei hang", "外行": "wai hang", "农行": "nong hang", "工行": "gong hang", "建行": "jian hang",
	"分行": "fen hang", "支行": "zhi hang", "总行": "zong hang", "商行": "shang hang", "农商行": "nong shang hang",
	"还款": "huan kuan", "归还": "gui huan", "偿还": "chang huan", "还原": "huan yuan",
	"音乐": "yin yue", "乐队": "yue dui", "乐团": "yue tuan", "乐器": "yue qi", "声乐": "sheng yue", "器乐": "qi yue",
	"调解": "tiao jie", "调整": "tiao zheng", "协调": "xie tiao", "调节": "tiao jie", "调控": "tiao kong",
	"调处": "tiao chu", "调剂": "tiao ji", "空调": "kong tiao",
	"西藏": "xi zang", "宝藏": "bao zang", "藏族": "zang zu",
	"首都": "shou du", "都市": "du shi", "成都": "cheng du", "古都": "gu du",
	"传记": "zhuan ji", "自传": "zi zhuan",
	"供给": "gong ji", "补给": "bu ji", "给予": "ji yu", "自给自足": "zi ji zi zu",
	"出差": "chu chai", "差事": "chai shi", "办事处": "ban shi chu",
	"率先": "shuai xian", "率领": "shuai ling", "表率": "biao shuai", "统率": "tong shuai",
	"着力": "zhuo li", "着眼": "zhuo yan", "着手": "zhuo shou", "着重": "zhuo zhong", "着装": "zhuo zhuang",
	"会计": "kuai ji", "模样": "mu yang", "模板": "mu ban", "模具": "mu ju", "朝气": "zhao qi", "便宜": "pian yi",
}

// words are words of a district's news whose characters are read by their
// first readings: a slug is not cut inside one. A title's other words may
// be (the characters of a word that is in neither list are cut apart).
var words = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`
		党支部 党总支 党委 党组 党组织 党员 党建 党史 党日 党课 党风 党性 党群 党校 党代会 支部 总支 机关 党员干部
		干部 群众 居民 村民 职工 青年 妇女 儿童 老人 老年人 志愿者 退役军人 军人 老兵 代表 委员 书记 主任 领导 班子
		社区 街道 乡镇 村委 居委 小区 物业 网格 网格员 园区 企业 单位 部门 学校 医院 窗口 中心 服务中心 党群服务中心
		召开 举办 举行 开展 组织 启动 推进 推动 落实 深化 加强 强化 提升 打造 建设 创建 共建 联建 结对 帮扶 走访 慰问
		宣讲 学习 教育 培训 调研 考察 观摩 座谈 表彰 评选 签约 部署 动员 巡察 督查 检查 整改 服务 助力 引领 聚焦 筑牢
		会议 大会 座谈会 推进会 生活会 组织生活会 民主生活会 交流会 培训班 活动 主题 专题 项目 工程 行动 工作 任务
		发展 治理 基层 民生 实事 乡村 振兴 产业 产业链 经济 营商 环境 招商 审批 政务 安全 生产 防汛 疫情 防控 就业
		文明 实践 新时代 文化 精神 二十大 百年 建党 周年 纪念 先锋 模范 示范 标杆 品牌 阵地 堡垒 作用 力量 作风 纪律
		廉政 廉洁 警示 初心 使命 担当 作为 红色 传承 创新 改革 高质量 人才 技术 科技 数字 智慧 平台 机制 制度 能力
		困难 家庭 老旧 改造 加装 电梯 停车 垃圾 分类 卫生 健康 医疗 养老 托育 教育 文体 体育 农业 农村 农民 合作社
		换届 选举 年度 季度 总结 计划 考核 述职 评议 满意度 获得感 幸福感 共同 富裕 一线 前沿 全面 持续 扎实 有效
		开业 成立 公司 有限公司 集团 食堂 中华人民共和国 周年 揭牌 挂牌 开工 竣工 投产 签署 协议 合作 交流 参观 讲座
		比赛 竞赛 运动会 晚会 演出 仪式 典礼 发布 发布会 上线 开通 完成 取得 成效 成果 荣获 获评 入选 授予 称号 先进
		集体 个人 优秀 走进 看望 帮助 解决 问题 难题 心声 宣传 讲堂 课堂 微党课 读书 分享 联合 联谊 义诊 献血 植树 环保
		清理 河道 校园 禁毒 整治 消防 演练 文艺 汇演 志愿 义务 疫苗 反诈 诈骗 防范 法治 普法 扫黑 除恶 人居 宜居 乡风 移风易俗
	`) {
		m[w] = true
	}
	return m
}()

// maxWord is the length, in characters, of the longest of words and
// phrases (中华人民共和国).
const maxWord = 7

// wordAt returns the syllables of the longest of phrases and words that rs
// starts with, and its length in characters; 0 for none. A word's
// syllables are its characters' readings.
func wordAt(rs []rune, reading func(rune) string) ([]string, int) {
	for n := min(len(rs), maxWord); n >= 2; n-- {
		w := string(rs[:n])
		if py, ok := phrases[w]; ok {
			return strings.Fields(py), n
		}
		if words[w] {
			py := make([]string, n)
			for i, r := range rs[:n] {
				py[i] = reading(r)
			}
			return py, n
		}
	}
	return nil, 0
}

var datePart = regexp.MustCompile(`^(.*?)/?([0-9]{4})(?:/([0-9]{2}))?$`)

// Folder returns where a new story goes, relative to content/: the layout
// most of the site's stories follow, with now's year and month.
func Folder(fsys fs.FS, now time.Time) (string, error) {
	counts := map[string]int{}
	err := fs.WalkDir(fsys, content.Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == content.Dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			if p != content.Dir && content.Ignored(d.Name()) {
				return fs.SkipDir
			}
			return nil
		}
		if !content.IsMarkdown(d.Name()) || content.Ignored(d.Name()) {
			return nil
		}
		dir := path.Dir(strings.TrimPrefix(p, content.Dir+"/"))
		if d.Name() == "index.md" {
			dir = path.Dir(dir) // a bundle's story lives in its parent folder
		}
		if dir == "." {
			return nil // a standalone page
		}
		counts[layout(dir)]++
		return nil
	})
	if err != nil {
		return "", err
	}
	best := "stories/{yyyy}/{mm}"
	if len(counts) > 0 {
		keys := make([]string, 0, len(counts))
		for k := range counts {
			keys = append(keys, k)
		}
		slices.SortFunc(keys, func(a, b string) int {
			if counts[a] != counts[b] {
				return counts[b] - counts[a]
			}
			return strings.Compare(a, b)
		})
		best = keys[0]
	}
	r := strings.NewReplacer("{yyyy}", now.Format("2006"), "{mm}", now.Format("01"))
	return r.Replace(best), nil
}

// layout turns a story's folder into a pattern: "stories/2021/04" gives
// "stories/{yyyy}/{mm}".
func layout(dir string) string {
	m := datePart.FindStringSubmatch(dir)
	if m == nil {
		return dir
	}
	prefix := m[1]
	if prefix != "" {
		prefix += "/"
	}
	if m[3] != "" {
		return prefix + "{yyyy}/{mm}"
	}
	return prefix + "{yyyy}"
}
