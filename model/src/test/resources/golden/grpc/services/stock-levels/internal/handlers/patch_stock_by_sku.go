// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.org/grpc/platform/httpx"
)

// HandlePatchStockBySku serves PATCH /stock/{sku}.
func HandlePatchStockBySku(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		changes, ok := decodeItem(w, r)
		if !ok {
			return
		}
		id := r.PathValue("sku")
		item, found, err := deps.Items.Get(r.Context(), "stock", id)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		if !found {
			httpx.Error(w, r, http.StatusNotFound, "not found", nil)
			return
		}
		for k, v := range changes {
			item[k] = v
		}
		stored, err := deps.Items.Put(r.Context(), "stock", id, item)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		httpx.Encode(w, r, http.StatusOK, stored)
	})
}
