package render

import (
	"errors"
	"fmt"
	"html"
	"html/template"
	"strconv"
	"strings"
	"time"

	"herald/generator/site"
)

// monthChart draws, as SVG made at build time, how many of the stories
// came out each month, from the first story's month to the last's: one bar
// a month, years marked below. Its title and description say in words what
// the bars show, for readers who cannot see them.
func (r *Renderer) monthChart(stories []*site.Story) template.HTML {
	if len(stories) == 0 {
		return ""
	}
	// The first month and the last: the stories are newest first by their
	// instants, and a date with another zone's offset may show a month
	// after a newer story's (site.Site.archives).
	index := func(t time.Time) int { return t.Year()*12 + int(t.Month()) - 1 }
	first, last := stories[0].Date, stories[0].Date
	for _, st := range stories {
		if index(st.Date) < index(first) {
			first = st.Date
		}
		if index(st.Date) > index(last) {
			last = st.Date
		}
	}
	n := index(last) - index(first) + 1
	counts := make([]int, n)
	for _, st := range stories {
		counts[index(st.Date)-index(first)]++
	}
	most, at := 0, 0
	for i, c := range counts {
		if c > most {
			most, at = c, i
		}
	}
	// A phone's width in pixels, so that text is drawn at its size there.
	const width, height, axis = 360, 64, 16
	step := float64(width) / float64(n)
	barW := max(1, step*0.8)
	month := func(i int) (int, int) { m := index(first) + i; return m / 12, m%12 + 1 }
	y0, m0 := month(0)
	y1, m1 := month(n - 1)
	ym, mm := month(at)
	title := fmt.Sprintf(r.ui["chart_months_title"], len(stories))
	desc := fmt.Sprintf(r.ui["chart_months_desc"], y0, m0, y1, m1, most, ym, mm)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="img" aria-label="%s">`,
		width, height+axis, html.EscapeString(title+r.ui["full_stop"]+desc))
	fmt.Fprintf(&b, `<title>%s</title><desc>%s</desc>`, html.EscapeString(title), html.EscapeString(desc))
	for i, c := range counts {
		if c == 0 {
			continue
		}
		h := max(1, c*height/most)
		y, m := month(i)
		fmt.Fprintf(&b, `<rect class="bar" x="%s" y="%d" width="%s" height="%d"><title>%s</title></rect>`,
			coord(float64(i)*step), height-h, coord(barW), h, html.EscapeString(fmt.Sprintf(r.ui["chart_month_bar"], y, m, c)))
	}
	for i := range n {
		// A year's label where it starts, unless too near the previous one.
		if y, m := month(i); m == 1 && float64(i)*step > 20 || i == 0 {
			fmt.Fprintf(&b, `<text class="axis start" x="%s" y="%d">%d</text>`, coord(float64(i)*step), height+axis-3, y)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// figureChart draws a tally's totals by year as SVG bars, oldest first,
// each with its value written above it, so that the figures can be read
// without telling bars apart by size or colour. With a page URL, each bar
// links to that year's stories on the figure's page (anchor y{year}-{unit}).
func (r *Renderer) figureChart(t *site.Tally, page string, unit int) (template.HTML, error) {
	if t == nil {
		// A trial: figureChart nil "" 0 said "invalid memory address".
		return "", errors.New("figureChart is given no tally: give it one of a figure's units, as {{range $i, $u := .Figure.Units}}{{figureChart $u \"\" $i}}{{end}}")
	}
	if len(t.Years) < 2 {
		return "", nil // one bar says no more than the total beside it
	}
	const width, height, top, axis = 360, 64, 16, 16
	n := len(t.Years)
	gap := 12
	barW := min(36, (width-gap)/n-gap)
	most := 0.0
	for _, y := range t.Years {
		most = max(most, y.Value)
	}
	title := fmt.Sprintf(r.ui["chart_years_title"], t.Unit)
	if !t.Summed {
		title = fmt.Sprintf(r.ui["chart_years_latest_title"], t.Unit)
	}
	var parts []string
	for i := n - 1; i >= 0; i-- {
		y := t.Years[i]
		parts = append(parts, fmt.Sprintf(r.ui["chart_year_value"], y.Year, Number(y.Value), t.Unit))
	}
	desc := strings.Join(parts, r.ui["list_separator"])
	var b strings.Builder
	// With links inside, the chart is a group of links, not one image.
	role := "img"
	if page != "" {
		role = "group"
	}
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" role="%s" aria-label="%s">`,
		width, top+height+axis, role, html.EscapeString(title+r.ui["colon"]+desc))
	fmt.Fprintf(&b, `<title>%s</title><desc>%s</desc>`, html.EscapeString(title), html.EscapeString(desc))
	for i := range n {
		y := t.Years[n-1-i] // oldest first
		h := 1
		if most > 0 {
			h = max(1, int(y.Value/most*height+0.5))
		}
		x := gap + i*(barW+gap)
		if page != "" {
			fmt.Fprintf(&b, `<a href="%s#y%d-%d" aria-label="%s">`, html.EscapeString(page), y.Year, unit,
				html.EscapeString(fmt.Sprintf(r.ui["chart_year_value"], y.Year, Number(y.Value), t.Unit)))
		}
		fmt.Fprintf(&b, `<rect class="bar" x="%d" y="%d" width="%d" height="%d"></rect>`, x, top+height-h, barW, h)
		fmt.Fprintf(&b, `<text class="value" x="%d" y="%d">%s</text>`, x+barW/2, top+height-h-3, html.EscapeString(Number(y.Value)))
		fmt.Fprintf(&b, `<text class="axis" x="%d" y="%d">%s</text>`, x+barW/2, top+height+axis-3, strconv.Itoa(y.Year))
		if page != "" {
			b.WriteString(`</a>`)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String()), nil
}

// coord formats an SVG coordinate with at most two decimals.
func coord(f float64) string { return strconv.FormatFloat(float64(int(f*100+0.5))/100, 'f', -1, 64) }
