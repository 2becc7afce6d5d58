// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.com/shop/platform/httpx"
)

// HandleGetNotifications serves GET /notifications.
func HandleGetNotifications(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		items, err := deps.Items.List(r.Context(), "notifications", listLimit)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		httpx.Encode(w, r, http.StatusOK, items)
	})
}
