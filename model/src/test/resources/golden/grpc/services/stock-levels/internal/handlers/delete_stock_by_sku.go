// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.org/grpc/platform/httpx"
)

// HandleDeleteStockBySku serves DELETE /stock/{sku}.
func HandleDeleteStockBySku(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		found, err := deps.Items.Delete(r.Context(), "stock", r.PathValue("sku"))
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		if !found {
			httpx.Error(w, r, http.StatusNotFound, "not found", nil)
			return
		}
		w.WriteHeader(http.StatusNoContent)
	})
}
