// Command k8s-deprecations prints the `DEPRECATED` table of
// src/action/lint_rules.rs: every (apiVersion, kind) registered in client-go's
// kubernetes scheme whose Go type reports a non-zero APILifecycleDeprecated(),
// with its APILifecycleRemoved() and APILifecycleReplacement(). That is the
// data Helm's lint rule `validateNoDeprecations` consults through
// k8s.io/apiserver/pkg/endpoints/deprecation.
//
// Use the k8s.io versions of the Helm release being reproduced (Helm 4.2.3:
// v0.36.1; v0.36.6 gives the same table):
//
//	cd "$(mktemp -d)" && cp /path/to/tools/k8s-deprecations/main.go . &&
//	go mod init gen && go get k8s.io/client-go@v0.36.1 k8s.io/api@v0.36.1 \
//	  k8s.io/apimachinery@v0.36.1 && go mod tidy && go run . > table.rs
//
// then replace the table body in lint_rules.rs with the output.
package main

import (
	"fmt"
	"sort"

	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	kscheme "k8s.io/client-go/kubernetes/scheme"
)

type deprecated interface{ APILifecycleDeprecated() (int, int) }
type removed interface{ APILifecycleRemoved() (int, int) }
type replacement interface {
	APILifecycleReplacement() schema.GroupVersionKind
}

type row struct {
	gv, kind         string
	dMaj, dMin       int
	rMaj, rMin       int
	replGV, replKind string
	hasReplacement   bool
}

func main() {
	scheme := runtime.NewScheme()
	if err := kscheme.AddToScheme(scheme); err != nil {
		panic(err)
	}
	var rows []row
	for gvk := range scheme.AllKnownTypes() {
		obj, err := scheme.New(gvk)
		if err != nil {
			continue
		}
		d, ok := obj.(deprecated)
		if !ok {
			continue
		}
		r := row{gv: gvk.GroupVersion().String(), kind: gvk.Kind}
		r.dMaj, r.dMin = d.APILifecycleDeprecated()
		if r.dMaj == 0 && r.dMin == 0 {
			continue
		}
		if rm, ok := obj.(removed); ok {
			r.rMaj, r.rMin = rm.APILifecycleRemoved()
		}
		if rp, ok := obj.(replacement); ok {
			if g := rp.APILifecycleReplacement(); !g.Empty() {
				r.hasReplacement = true
				r.replGV, r.replKind = g.GroupVersion().String(), g.Kind
			}
		}
		rows = append(rows, r)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].gv != rows[j].gv {
			return rows[i].gv < rows[j].gv
		}
		return rows[i].kind < rows[j].kind
	})
	for _, r := range rows {
		repl := "None"
		if r.hasReplacement {
			repl = fmt.Sprintf("Some((%q, %q))", r.replGV, r.replKind)
		}
		fmt.Printf("    d(%q, %q, (%d, %d), (%d, %d), %s),\n", r.gv, r.kind, r.dMaj, r.dMin, r.rMaj, r.rMin, repl)
	}
}
