package render

import (
	"testing"

	"herald/generator/site"
)

// TestPartialKey checks that partialCached keeps apart the outputs of keys
// that print alike. Issue: the key was fmt.Sprint of the keys, the same
// for ("ab", "") and ("a", "b"), and for 1 and "1".
func TestPartialKey(t *testing.T) {
	var noTerm *site.Term
	for _, c := range []struct {
		a, b []any
		same bool
	}{
		{[]any{"ab", ""}, []any{"a", "b"}, false},
		{[]any{1}, []any{"1"}, false},
		{[]any{true}, []any{"true"}, false},
		{[]any{"home", false}, []any{"home", noTerm}, false},
		{[]any{"x"}, []any{"x", ""}, false},
		{[]any{}, []any{""}, false},
		{[]any{"/stories/a/"}, []any{"/stories/a/"}, true},
		{[]any{"home", noTerm}, []any{"home", noTerm}, true},
		{[]any{3, true}, []any{3, true}, true},
	} {
		ka := string(partialKey(nil, "partials/x.html", c.a))
		kb := string(partialKey(nil, "partials/x.html", c.b))
		if (ka == kb) != c.same {
			t.Errorf("keys %#v and %#v: the same key is %v, want %v", c.a, c.b, ka == kb, c.same)
		}
	}
	if partialKey(nil, "a", []any{"b"}) == nil || string(partialKey(nil, "ab", nil)) == string(partialKey(nil, "a", []any{"b"})) {
		t.Error("the name and the keys run together")
	}
}
