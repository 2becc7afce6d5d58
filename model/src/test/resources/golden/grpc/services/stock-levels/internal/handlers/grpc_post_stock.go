// Safe to edit: this file is yours. Topograph never overwrites a change you make to it.
// It starts as the same working default as the HTTP handler of POST /stock.

package handlers

import (
	"context"

	"example.org/grpc/services/stock-levels/api"
)

// PostStock serves POST /stock over gRPC.
func (s *GRPCServer) PostStock(ctx context.Context, req *api.PostStockRequest) (*api.PostStockResponse, error) {
	item, err := s.decode(ctx, req.GetItem())
	if err != nil {
		return nil, err
	}
	if err := s.deps.callDependencies(ctx); err != nil {
		return nil, s.unavailable(ctx, err)
	}
	created, err := s.deps.Items.Create(ctx, "stock", item)
	if err != nil {
		return nil, s.fail(ctx, err)
	}
	if err := s.deps.publishCreated(ctx, created); err != nil {
		return nil, s.fail(ctx, err)
	}
	out, err := s.encode(ctx, created)
	if err != nil {
		return nil, err
	}
	return &api.PostStockResponse{Item: out}, nil
}
