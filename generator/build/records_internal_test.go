package build

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"time"

	"herald/generator/content"
	"herald/generator/markdown"
)

// unsaved are the fields a cache's records leave out, as the cache drops
// them before it saves (records.go). Any other field a record does not
// keep fails TestRecordFields: a field added to a doc or a conversion must
// be added to the records too, or here.
var unsaved = map[reflect.Type][]string{
	reflect.TypeFor[content.Doc]():     {"Body", "Params"},
	reflect.TypeFor[markdown.Source](): {"Body", "Pages", "ImageSize", "ImageCopies"},
	reflect.TypeFor[markdown.Result](): {"HTML", "Text"},
}

// fill sets every exported field of v that a record keeps to a value of
// its own, not zero, counting on n.
func fill(t testing.TB, v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("值%d", *n))
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n) * 1000003)
	case reflect.Uint64:
		v.SetUint(uint64(*n) * 0x9E3779B97F4A7C15)
	case reflect.Uint8:
		v.SetUint(uint64(*n%200 + 1))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.25)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(t, v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(t, v.Index(i), n)
		}
	case reflect.Map:
		v.Set(reflect.MakeMap(v.Type()))
		for range 2 {
			k, e := reflect.New(v.Type().Key()).Elem(), reflect.New(v.Type().Elem()).Elem()
			fill(t, k, n)
			fill(t, e, n)
			v.SetMapIndex(k, e)
		}
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[time.Time]() {
			v.Set(reflect.ValueOf(time.Date(2024, 3, 1, 9, 30, *n, 5000, time.UTC)))
			return
		}
	fields:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			for _, name := range unsaved[v.Type()] {
				if f.Name == name {
					continue fields
				}
			}
			fill(t, v.Field(i), n)
		}
	default:
		t.Fatalf("fill: no value for a %s", v.Type())
	}
}

// filled returns count records with every field a record keeps set, each
// to a value of its own.
func filled(t testing.TB, count int) []cacheRecord {
	var n int
	recs := make([]cacheRecord, count)
	for i := range recs {
		fill(t, reflect.ValueOf(&recs[i]).Elem(), &n)
	}
	return recs
}

// written returns recs as a recordWriter writes them.
func written(t testing.TB, recs ...cacheRecord) []byte {
	var w recordWriter
	for i := range recs {
		w.record(&recs[i])
	}
	if w.err != nil {
		t.Fatal(w.err)
	}
	return w.b
}

// TestRecordFields checks that a record keeps every field of a doc and
// of a conversion but those the cache drops, through writing and reading.
func TestRecordFields(t *testing.T) {
	recs := filled(t, 3)
	recs[1].Doc = nil
	recs[2].MD, recs[2].TextAt, recs[2].TextLen = nil, 0, 0
	r := &recordReader{s: string(written(t, recs...))}
	for i, want := range recs {
		var got cacheRecord
		if !r.record(&got) {
			t.Fatalf("record %d: %v", i, r.err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("record %d:\n%s\nwant\n%s", i, dump(got), dump(want))
		}
	}
	if r.i != len(r.s) {
		t.Errorf("%d bytes left after the records", len(r.s)-r.i)
	}
}

func dump(r cacheRecord) string {
	s := fmt.Sprintf("%+v", r)
	if r.Doc != nil {
		s += fmt.Sprintf("\n doc %+v\n %+v", *r.Doc, *r.Doc.Doc)
	}
	if r.MD != nil {
		s += fmt.Sprintf("\n md %+v\n %+v", *r.MD, *r.MD.Res)
	}
	return s
}

// TestRecordsDamaged checks that every record cut short is refused.
func TestRecordsDamaged(t *testing.T) {
	b := written(t, filled(t, 1)...)
	for cut := range len(b) {
		r := &recordReader{s: string(b[:cut])}
		var got cacheRecord
		if r.record(&got) {
			t.Fatalf("a record cut to %d of its %d bytes was read", cut, len(b))
		}
	}
}

// FuzzRecords checks that any bytes read as records fail or give records
// that write and read back the same, and never panic.
func FuzzRecords(f *testing.F) {
	f.Add(written(f, filled(f, 1)...))
	f.Add([]byte{0})
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &recordReader{s: string(data)}
		var got cacheRecord
		if !r.record(&got) {
			return
		}
		var w recordWriter
		w.record(&got)
		if w.err != nil {
			return // a time whose offset AppendBinary refuses
		}
		r2 := &recordReader{s: string(w.b)}
		var again cacheRecord
		if !r2.record(&again) || !reflect.DeepEqual(sameTimes(again), sameTimes(got)) {
			t.Fatalf("read back:\n%s\nwant\n%s", dump(again), dump(got))
		}
	})
}

// sameTimes returns r with its times as instants in UTC: a time read with
// an offset has a new Location each time.
func sameTimes(r cacheRecord) cacheRecord {
	if r.Doc != nil {
		e := *r.Doc
		d := *e.Doc
		e.ModTime, d.Date = e.ModTime.UTC(), d.Date.UTC()
		e.Doc = &d
		r.Doc = &e
	}
	return r
}

// TestReadRecords checks that records written in chunks read back whole,
// whatever their number, and that records cut or given another herald's
// name are refused.
func TestReadRecords(t *testing.T) {
	for _, count := range []int{0, 1, chunkRecords, chunkRecords + 1, 2*chunkRecords + 37} {
		recs := filled(t, count)
		var b bytes.Buffer
		if err := writeRecords(&b, "herald-1", "Asia/Shanghai", recs); err != nil {
			t.Fatal(err)
		}
		s := b.String()
		tz, got, ok := readRecords(s, "herald-1")
		if !ok || tz != "Asia/Shanghai" || len(got) != count {
			t.Fatalf("%d records: read %d, zone %q, ok %v", count, len(got), tz, ok)
		}
		for i := range recs {
			if !reflect.DeepEqual(got[i], recs[i]) {
				t.Fatalf("%d records: record %d:\n%s\nwant\n%s", count, i, dump(got[i]), dump(recs[i]))
			}
		}
		if _, _, ok := readRecords(s, "herald-2"); ok {
			t.Errorf("%d records: read as another herald's", count)
		}
		for _, cut := range []int{1, 8, 9, len(s) / 2} {
			if cut < len(s) {
				if _, _, ok := readRecords(s[:len(s)-cut], "herald-1"); ok {
					t.Errorf("%d records: read with %d bytes cut", count, cut)
				}
			}
		}
	}
}

// FuzzReadRecords checks that readRecords refuses, or reads, any bytes
// without panicking.
func FuzzReadRecords(f *testing.F) {
	recs := filled(f, chunkRecords+2)
	for _, r := range [][]cacheRecord{nil, recs[:1], recs} {
		var b bytes.Buffer
		writeRecords(&b, "h", "UTC", r)
		f.Add(b.Bytes())
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		readRecords(string(data), "h")
	})
}
