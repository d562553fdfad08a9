package build

// SetTextsAtOnce sets how many texts a build reads from the cache one by
// one before it reads them all, and returns a function that restores it.
func SetTextsAtOnce(n int64) (restore func()) {
	old := textsAtOnce
	textsAtOnce = n
	return func() { textsAtOnce = old }
}

// SetPagesAhead sets whether a build writes the story pages of a new
// output as the stories are converted, and returns the function that
// restores the setting.
func SetPagesAhead(on bool) (restore func()) {
	old := pagesAhead
	pagesAhead = on
	return func() { pagesAhead = old }
}

// SetUpdateLimit sets the most files an update writes, whatever the site's
// size, and returns the function that restores it.
func SetUpdateLimit(n int) (restore func()) {
	old := updateLimit
	updateLimit = func(int) int { return n }
	return func() { updateLimit = old }
}
