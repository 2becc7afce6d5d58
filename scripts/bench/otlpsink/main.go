// Command otlpsink is the OTLP/HTTP endpoint of the tracing benchmark: it takes every trace
// export, counts its bytes and answers an empty ExportTraceServiceResponse, so a traced service
// pays for building, batching and sending its spans and nothing else.
package main

import (
	"io"
	"log"
	"net/http"
	"os"
	"sync/atomic"
)

func main() {
	var exports, bytes atomic.Int64
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/traces", func(w http.ResponseWriter, r *http.Request) {
		n, _ := io.Copy(io.Discard, r.Body)
		exports.Add(1)
		bytes.Add(n)
		w.Header().Set("Content-Type", "application/x-protobuf")
	})
	mux.HandleFunc("GET /stats", func(w http.ResponseWriter, r *http.Request) {
		log.New(w, "", 0).Printf("%d exports, %d bytes", exports.Load(), bytes.Load())
	})
	log.Fatal(http.ListenAndServe("127.0.0.1:"+os.Getenv("PORT"), mux))
}
