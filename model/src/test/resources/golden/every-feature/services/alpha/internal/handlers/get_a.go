// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.org/every-feature/platform/httpx"
)

// HandleGetA serves GET /a.
func HandleGetA(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items, err := deps.Items.List(r.Context(), "a", listLimit)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		httpx.Encode(w, r, http.StatusOK, items)
	})
}
