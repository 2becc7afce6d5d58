// Command handwritten is the baseline of the throughput benchmark: the plainest net/http server
// that answers GET /items with an empty JSON list, as a person would write it by hand.
//
// With -timeouts it sets the four server timeouts the generated service sets (read header, read,
// write, idle), as a careful person writes a server that faces clients (gosec G112 flags a
// server without them): the same work per connection, so the comparison is of the rest.
package main

import (
	"flag"
	"log"
	"net/http"
	"os"
	"time"
)

func main() {
	timeouts := flag.Bool("timeouts", false, "set the read header, read, write and idle timeouts")
	flag.Parse()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte("[]\n"))
	})
	srv := &http.Server{Addr: "127.0.0.1:" + os.Getenv("PORT"), Handler: mux}
	if *timeouts {
		srv.ReadHeaderTimeout = 5 * time.Second
		srv.ReadTimeout = 15 * time.Second
		srv.WriteTimeout = 30 * time.Second
		srv.IdleTimeout = 120 * time.Second
	}
	log.Fatal(srv.ListenAndServe())
}
