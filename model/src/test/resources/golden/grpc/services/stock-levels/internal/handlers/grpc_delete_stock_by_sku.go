// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as the same working default as the HTTP handler of DELETE /stock/{sku}.

package handlers

import (
	"context"

	"example.org/grpc/services/stock-levels/api"
)

// DeleteStockBySku serves DELETE /stock/{sku} over gRPC.
func (s *GRPCServer) DeleteStockBySku(ctx context.Context, req *api.DeleteStockBySkuRequest) (*api.DeleteStockBySkuResponse, error) {
	found, err := s.deps.Items.Delete(ctx, "stock", req.GetSku())
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	if !found {
		return nil, s.notFound()
	}
	return &api.DeleteStockBySkuResponse{}, nil
}
