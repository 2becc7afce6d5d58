// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.com/shop/platform/httpx"
)

// HandlePostOrders serves POST /orders.
func HandlePostOrders(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		item, ok := decodeItem(w, r)
		if !ok {
			return
		}
		if err := deps.callDependencies(r.Context()); err != nil {
			deps.unavailable(w, r, err)
			return
		}
		created, err := deps.createAndAnnounce(r.Context(), "orders", item)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		httpx.Encode(w, r, http.StatusCreated, created)
	})
}
