// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.org/grpc/platform/httpx"
)

// HandlePutStockBySku serves PUT /stock/{sku}.
func HandlePutStockBySku(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		item, ok := decodeItem(w, r)
		if !ok {
			return
		}
		stored, err := deps.Items.Put(r.Context(), "stock", r.PathValue("sku"), item)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		httpx.Encode(w, r, http.StatusOK, stored)
	})
}
