// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as the same working default as the HTTP handler of GET /stock/{sku}/reservations/{reservationId}.

package handlers

import (
	"context"

	"example.org/grpc/services/stock-levels/api"
)

// GetStockBySkuReservationsByReservationId serves GET /stock/{sku}/reservations/{reservationId} over gRPC.
func (s *GRPCServer) GetStockBySkuReservationsByReservationId(ctx context.Context, req *api.GetStockBySkuReservationsByReservationIdRequest) (*api.GetStockBySkuReservationsByReservationIdResponse, error) {
	item, found, err := s.deps.Items.Get(ctx, "stock", req.GetReservationId())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	if !found {
		return nil, s.notFound()
	}
	out, err := s.encode(ctx, item)
	if err != nil {
		return nil, err
	}
	return &api.GetStockBySkuReservationsByReservationIdResponse{Item: out}, nil
}
