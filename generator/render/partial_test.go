package render

import (
	"testing"

	"herald/generator/site"
)

// TestPartialKey checks that partialCached keeps apart the outputs of keys
// that print alike, and refuses keys it cannot tell apart. Issue: the key
// was fmt.Sprint of the keys, the same for ("ab", "") and ("a", "b"), and
// for 1 and "1".
func TestPartialKey(t *testing.T) {
	var noTerm *site.Term
	key := func(keys []any) string {
		t.Helper()
		k, err := partialKey(nil, "partials/x.html", keys)
		if err != nil {
			t.Fatalf("keys %#v: %v", keys, err)
		}
		return string(k)
	}
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
		{[]any{int64(1)}, []any{1}, false},
		{[]any{"/stories/a/"}, []any{"/stories/a/"}, true},
		{[]any{"home", noTerm}, []any{"home", noTerm}, true},
		{[]any{"home", noTerm}, []any{"home", nil}, true},
		{[]any{3, true, 2.5}, []any{3, true, 2.5}, true},
	} {
		if ka, kb := key(c.a), key(c.b); (ka == kb) != c.same {
			t.Errorf("keys %#v and %#v: the same key is %v, want %v", c.a, c.b, ka == kb, c.same)
		}
	}
	if key([]any{"b"}) == key(nil) || string(mustKey(t, "ab", nil)) == string(mustKey(t, "a", []any{"b"})) {
		t.Error("the name and the keys run together")
	}
	for _, bad := range []any{[]string{"a b"}, map[string]int{"a": 1}, &site.Term{Name: "党建"}, struct{ A string }{"a"}} {
		if _, err := partialKey(nil, "partials/x.html", []any{bad}); err == nil {
			t.Errorf("a key %#v was taken", bad)
		}
	}
}

func mustKey(t *testing.T, name string, keys []any) []byte {
	t.Helper()
	k, err := partialKey(nil, name, keys)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
