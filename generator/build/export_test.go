package build

// SetTextsAtOnce sets how many texts a build reads from the cache one by
// one before it reads them all, and returns a function that restores it.
func SetTextsAtOnce(n int64) (restore func()) {
	old := textsAtOnce
	textsAtOnce = n
	return func() { textsAtOnce = old }
}
