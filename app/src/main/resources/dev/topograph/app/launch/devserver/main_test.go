package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/redis/go-redis/v9"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"
)

func TestNATSServesJetStream(t *testing.T) {
	srv := start(t, "-kind", "nats", "-addr", "127.0.0.1:0", "-dir", t.TempDir())
	ctx := testContext(t)
	js := natsJetStream(t, srv.addr)

	stream, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "ORDERS", Subjects: []string{"orders.>"}})
	if err != nil {
		t.Fatalf("create stream: %v", err)
	}
	if _, err := js.Publish(ctx, "orders.created", []byte("order 1")); err != nil {
		t.Fatalf("publish: %v", err)
	}
	consumer, err := stream.CreateOrUpdateConsumer(ctx, jetstream.ConsumerConfig{
		Durable:   "billing",
		AckPolicy: jetstream.AckExplicitPolicy,
	})
	if err != nil {
		t.Fatalf("create consumer: %v", err)
	}
	msg, err := consumer.Next(jetstream.FetchMaxWait(5 * time.Second))
	if err != nil {
		t.Fatalf("next message: %v", err)
	}
	if got := string(msg.Data()); got != "order 1" {
		t.Errorf("consumed %q, want %q", got, "order 1")
	}
	if err := msg.DoubleAck(ctx); err != nil {
		t.Errorf("ack: %v", err)
	}
}

func TestNATSKeepsStreamsInDirAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	first := start(t, "-kind", "nats", "-addr", "127.0.0.1:0", "-dir", dir)
	ctx := testContext(t)
	js := natsJetStream(t, first.addr)
	if _, err := js.CreateStream(ctx, jetstream.StreamConfig{Name: "ORDERS", Subjects: []string{"orders.>"}}); err != nil {
		t.Fatalf("create stream: %v", err)
	}
	if _, err := js.Publish(ctx, "orders.created", []byte("order 1")); err != nil {
		t.Fatalf("publish: %v", err)
	}
	first.stop(t)

	second := start(t, "-kind", "nats", "-addr", "127.0.0.1:0", "-dir", dir)
	stream, err := natsJetStream(t, second.addr).Stream(ctx, "ORDERS")
	if err != nil {
		t.Fatalf("stream after restart: %v", err)
	}
	info, err := stream.Info(ctx)
	if err != nil {
		t.Fatalf("stream info: %v", err)
	}
	if info.State.Msgs != 1 {
		t.Errorf("stream holds %d messages after restart, want 1", info.State.Msgs)
	}
}

func TestNATSWithoutDirRemovesItsTempStoreAtExit(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	srv := start(t, "-kind", "nats", "-addr", "127.0.0.1:0")
	if entries, _ := os.ReadDir(tmp); len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), "topograph-devserver-nats-") {
		t.Fatalf("temp dir while running holds %v, want one JetStream store", names(entries))
	}
	srv.stop(t)
	if entries, _ := os.ReadDir(tmp); len(entries) != 0 {
		t.Errorf("temp dir after exit still holds %v", names(entries))
	}
}

func TestRedisSetsAndGets(t *testing.T) {
	srv := start(t, "-kind", "redis", "-addr", "127.0.0.1:0")
	ctx := testContext(t)
	client := redis.NewClient(&redis.Options{Addr: srv.addr})
	t.Cleanup(func() { client.Close() })

	if err := client.Set(ctx, "greeting", "hello", 0).Err(); err != nil {
		t.Fatalf("set: %v", err)
	}
	got, err := client.Get(ctx, "greeting").Result()
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if got != "hello" {
		t.Errorf("get returned %q, want %q", got, "hello")
	}
}

func TestKafkaProducesAndConsumesOnAnAutoCreatedTopic(t *testing.T) {
	srv := start(t, "-kind", "kafka", "-addr", "127.0.0.1:0")
	produce(t, srv.addr, "orders", "order 1")
	if got := consumeOne(t, srv.addr, "orders"); got != "order 1" {
		t.Errorf("consumed %q, want %q", got, "order 1")
	}
}

func TestKafkaKeepsRecordsInDirAcrossRestarts(t *testing.T) {
	dir := t.TempDir()
	first := start(t, "-kind", "kafka", "-addr", "127.0.0.1:0", "-dir", dir)
	produce(t, first.addr, "orders", "order 1")
	first.stop(t)

	second := start(t, "-kind", "kafka", "-addr", "127.0.0.1:0", "-dir", dir)
	if got := consumeOne(t, second.addr, "orders"); got != "order 1" {
		t.Errorf("consumed %q after restart, want %q", got, "order 1")
	}
}

func TestKafkaTellsClientsTheAdvertisedAddress(t *testing.T) {
	port := freePort(t)
	srv := start(t, "-kind", "kafka", "-addr", net.JoinHostPort("127.0.0.1", port), "-advertise", net.JoinHostPort("localhost", port))
	client, err := kgo.NewClient(kgo.SeedBrokers(srv.addr))
	if err != nil {
		t.Fatalf("client: %v", err)
	}
	t.Cleanup(client.Close)

	resp, err := kmsg.NewPtrMetadataRequest().RequestWith(testContext(t), client)
	if err != nil {
		t.Fatalf("metadata: %v", err)
	}
	if len(resp.Brokers) != 1 {
		t.Fatalf("metadata lists %d brokers, want 1", len(resp.Brokers))
	}
	if got, want := net.JoinHostPort(resp.Brokers[0].Host, strconv.Itoa(int(resp.Brokers[0].Port))), net.JoinHostPort("localhost", port); got != want {
		t.Errorf("broker advertised as %s, want %s", got, want)
	}
}

func TestTakenPortExitsWith3AndSaysSo(t *testing.T) {
	for _, kind := range []string{"nats", "redis", "kafka"} {
		t.Run(kind, func(t *testing.T) {
			taken, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer taken.Close()
			addr := taken.Addr().String()

			var stdout, stderr bytes.Buffer
			err = run(testContext(t), []string{"-kind", kind, "-addr", addr, "-exit-on-stdin-eof=false"}, strings.NewReader(""), &stdout, &stderr)
			code := exitCode(err, &stderr)

			if code != 3 {
				t.Errorf("exit code %d, want 3 (error: %v)", code, err)
			}
			if want := "devserver: " + addr + " is already in use\n"; !strings.HasSuffix(stderr.String(), want) {
				t.Errorf("stderr ends %q, want %q", stderr.String(), want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing (no ready line)", stdout.String())
			}
		})
	}
}

func TestBadCommandLineExitsWith2AndPrintsUsage(t *testing.T) {
	cases := map[string][]string{
		"no flags":              {},
		"unknown kind":          {"-kind", "postgres", "-addr", "127.0.0.1:1"},
		"missing addr":          {"-kind", "redis"},
		"addr without port":     {"-kind", "redis", "-addr", "127.0.0.1"},
		"addr without host":     {"-kind", "redis", "-addr", ":6379"},
		"port out of range":     {"-kind", "redis", "-addr", "127.0.0.1:70000"},
		"unknown flag":          {"-kind", "redis", "-addr", "127.0.0.1:1", "-verbose"},
		"stray argument":        {"-kind", "redis", "-addr", "127.0.0.1:1", "now"},
		"advertise not kafka":   {"-kind", "nats", "-addr", "127.0.0.1:1", "-advertise", "localhost:1"},
		"advertise bad address": {"-kind", "kafka", "-addr", "127.0.0.1:1", "-advertise", "localhost"},
	}
	for name, args := range cases {
		t.Run(name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(testContext(t), args, strings.NewReader(""), &stdout, &stderr)
			if code := exitCode(err, &stderr); code != 2 {
				t.Errorf("exit code %d, want 2 (error: %v)", code, err)
			}
			lines := strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n")
			if len(lines) != 2 || !strings.HasPrefix(lines[0], "devserver: ") || lines[1] != usageLine {
				t.Errorf("stderr %q, want the problem then the usage line", stderr.String())
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout %q, want nothing", stdout.String())
			}
		})
	}
}

func TestClosedStdinStopsEveryKind(t *testing.T) {
	for _, kind := range []string{"nats", "redis", "kafka"} {
		t.Run(kind, func(t *testing.T) {
			srv := start(t, "-kind", kind, "-addr", "127.0.0.1:0")
			srv.stdin.Close()
			srv.waitExit(t)
			if !strings.Contains(srv.stderr.String(), "stdin closed") {
				t.Errorf("stderr does not say why it stopped:\n%s", srv.stderr.String())
			}
		})
	}
}

func TestStdinEOFIsIgnoredWhenAskedTo(t *testing.T) {
	srv := start(t, "-kind", "redis", "-addr", "127.0.0.1:0", "-exit-on-stdin-eof=false")
	srv.stdin.Close()
	select {
	case err := <-srv.done:
		t.Fatalf("exited on stdin EOF (error %v), want it to keep serving", err)
	case <-time.After(300 * time.Millisecond):
	}
}

// devserver is one run of the program inside the test process.
type devserver struct {
	addr     string
	stdin    *io.PipeWriter
	stdout   *recorder
	stderr   *recorder
	cancel   context.CancelFunc
	done     chan error
	stopOnce sync.Once
}

// start runs the program with args and waits for its ready line; cleanup stops it.
func start(t *testing.T, args ...string) *devserver {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	stdinR, stdinW := io.Pipe()
	d := &devserver{
		stdin:  stdinW,
		stdout: &recorder{firstLine: make(chan string, 1)},
		stderr: &recorder{},
		cancel: cancel,
		done:   make(chan error, 1),
	}
	go func() { d.done <- run(ctx, args, stdinR, d.stdout, d.stderr) }()
	t.Cleanup(func() {
		d.stop(t)
		stdinW.Close()
	})

	select {
	case line := <-d.stdout.firstLine:
		fields := strings.Fields(line)
		if len(fields) != 3 || fields[0] != "ready" || fields[1] != kindOf(args) {
			t.Fatalf("first stdout line %q, want \"ready %s ADDR\"", line, kindOf(args))
		}
		d.addr = fields[2]
	case err := <-d.done:
		d.done <- err
		t.Fatalf("run ended before ready: %v\nstderr:\n%s", err, d.stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("no ready line after 20 s\nstderr:\n%s", d.stderr.String())
	}
	return d
}

// stop does what SIGINT/SIGTERM do and checks the program exits cleanly in time.
func (d *devserver) stop(t *testing.T) {
	t.Helper()
	d.stopOnce.Do(func() {
		d.cancel()
		d.waitExit(t)
	})
}

// waitExit checks run returns nil within 2 s, having printed only its ready line.
func (d *devserver) waitExit(t *testing.T) {
	t.Helper()
	select {
	case err := <-d.done:
		d.done <- err // a later stop finds it again
		if err != nil {
			t.Errorf("run returned %v, want nil\nstderr:\n%s", err, d.stderr.String())
		}
	case <-time.After(2 * time.Second):
		t.Fatalf("still running 2 s after being told to stop\nstderr:\n%s", d.stderr.String())
	}
	if out := d.stdout.String(); strings.Count(out, "\n") != 1 {
		t.Errorf("stdout %q, want exactly the ready line", out)
	}
}

// recorder is a writer safe for the program's goroutines that reports its first line.
type recorder struct {
	mu        sync.Mutex
	buf       bytes.Buffer
	firstLine chan string
	sent      bool
}

func (r *recorder) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.buf.Write(p)
	if r.firstLine != nil && !r.sent {
		if line, _, found := strings.Cut(r.buf.String(), "\n"); found {
			r.firstLine <- line
			r.sent = true
		}
	}
	return len(p), nil
}

func (r *recorder) String() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.buf.String()
}

func kindOf(args []string) string {
	for i, a := range args {
		if a == "-kind" && i+1 < len(args) {
			return args[i+1]
		}
	}
	return ""
}

func testContext(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func natsJetStream(t *testing.T, addr string) jetstream.JetStream {
	t.Helper()
	nc, err := nats.Connect("nats://" + addr)
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	t.Cleanup(nc.Close)
	js, err := jetstream.New(nc)
	if err != nil {
		t.Fatalf("jetstream: %v", err)
	}
	return js
}

func produce(t *testing.T, addr, topic, value string) {
	t.Helper()
	client, err := kgo.NewClient(kgo.SeedBrokers(addr), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatalf("producer: %v", err)
	}
	defer client.Close()
	if err := client.ProduceSync(testContext(t), &kgo.Record{Topic: topic, Value: []byte(value)}).FirstErr(); err != nil {
		t.Fatalf("produce: %v", err)
	}
}

func consumeOne(t *testing.T, addr, topic string) string {
	t.Helper()
	client, err := kgo.NewClient(
		kgo.SeedBrokers(addr),
		kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
	)
	if err != nil {
		t.Fatalf("consumer: %v", err)
	}
	defer client.Close()
	ctx := testContext(t)
	for {
		fetches := client.PollFetches(ctx)
		if err := ctx.Err(); err != nil {
			t.Fatalf("no record consumed: %v", err)
		}
		for _, fe := range fetches.Errors() {
			if !errors.Is(fe.Err, context.DeadlineExceeded) {
				t.Fatalf("fetch %s/%d: %v", fe.Topic, fe.Partition, fe.Err)
			}
		}
		if records := fetches.Records(); len(records) > 0 {
			return string(records[0].Value)
		}
	}
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

func names(entries []os.DirEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}
