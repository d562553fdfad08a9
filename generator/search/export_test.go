package search

// FoldFile returns the fold file's name and bytes, for the tests of
// package search_test.
var FoldFile = foldFile
