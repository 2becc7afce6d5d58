// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as the same working default as the HTTP handler of GET /prices/{sku}.

package handlers

import (
	"context"

	"example.org/grpc/services/pricing/api"
)

// GetPricesBySku serves GET /prices/{sku} over gRPC.
func (s *GRPCServer) GetPricesBySku(ctx context.Context, req *api.GetPricesBySkuRequest) (*api.GetPricesBySkuResponse, error) {
	item, found, err := s.deps.Items.Get(ctx, "prices", req.GetSku())
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
	return &api.GetPricesBySkuResponse{Item: out}, nil
}
