// Safe to edit: topograph wrote this file once and never overwrites it.
// Each handler starts as a working default: it records the event in the service's store.

package events

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"example.org/other-engines/platform/store"
)

// Consumers handles the messages shipping subscribes to.
type Consumers struct {
	logger *slog.Logger
	items  store.Items
}

// NewConsumers gives the handlers what they use.
func NewConsumers(logger *slog.Logger, items store.Items) *Consumers {
	return &Consumers{logger: logger, items: items}
}

// handleOrderCreated handles "order.created" from the order-bus queue. Returning an error has the
// message delivered again, and dead-lettered after repeated failures.
func (c *Consumers) handleOrderCreated(ctx context.Context, data []byte) error {
	var event store.Item
	if err := json.Unmarshal(data, &event); err != nil {
		return fmt.Errorf("decode %s: %w", "order.created", err)
	}
	if _, err := c.items.Create(ctx, "order.created", event); err != nil {
		return err
	}
	c.logger.InfoContext(ctx, "event handled", "topic", "order.created", "id", event["id"])
	return nil
}
