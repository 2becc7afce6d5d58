// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as a working default so the system answers end to end before any business code.

package handlers

import (
	"net/http"

	"example.org/other-engines/platform/httpx"
)

// HandlePostShipments serves POST /shipments.
func HandlePostShipments(deps Deps) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		item, ok := decodeItem(w, r)
		if !ok {
			return
		}
		if err := deps.callDependencies(r.Context()); err != nil {
			deps.unavailable(w, r, err)
			return
		}
		created, err := deps.Items.Create(r.Context(), "shipments", item)
		if err != nil {
			deps.fail(w, r, err)
			return
		}
		if err := deps.publishCreated(r.Context(), created); err != nil {
			deps.fail(w, r, err)
			return
		}
		httpx.Encode(w, r, http.StatusCreated, created)
	})
}
