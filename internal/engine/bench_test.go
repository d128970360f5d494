package engine

import (
	"strconv"
	"testing"
)

// benchNotice is shaped like a notice of the model: strings, a list, a map
// and a pointer to the next, so that Of meets every kind of value.
type benchNotice struct {
	Title, Body string
	Tags        []string
	Fields      map[string]string
	Next        *benchNotice
}

// BenchmarkValuesOf hashes 10,000 linked notices deeply, as a build does
// for the keys of its pages:
//
//	go test ./internal/engine -run '^$' -bench ValuesOf
func BenchmarkValuesOf(b *testing.B) {
	ns := make([]*benchNotice, 10000)
	for i := range ns {
		ns[i] = &benchNotice{Title: "关于举办第" + strconv.Itoa(i) + "期培训的通知", Body: "正文", Tags: []string{"培训", "通知"},
			Fields: map[string]string{"issuer": "联盟秘书处", "doc_number": "联盟〔2024〕" + strconv.Itoa(i) + "号"}}
		if i > 0 {
			ns[i-1].Next = ns[i]
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		v := NewValues()
		for _, n := range ns {
			v.Of(n)
		}
	}
}
