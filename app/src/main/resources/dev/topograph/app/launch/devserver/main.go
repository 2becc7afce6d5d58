// Command devserver runs one infrastructure server inside its own process for
// Topograph's local launch mode, when neither a Docker engine nor a server
// binary on PATH can serve a node: NATS with JetStream, Redis (miniredis) or
// Kafka (kfake). README.md beside this file is the contract with the Java side.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/alicebob/miniredis/v2"
	natsserver "github.com/nats-io/nats-server/v2/server"
	"github.com/twmb/franz-go/pkg/kfake"
)

const usageLine = "usage: devserver -kind nats|redis|kafka -addr HOST:PORT [-dir DATADIR] [-advertise HOST:PORT] [-exit-on-stdin-eof=true|false]"

const (
	// startTimeout bounds how long a server may take to accept connections.
	startTimeout = 10 * time.Second
	// stopTimeout keeps the whole exit under the 2 s the Java side allows.
	stopTimeout = 1500 * time.Millisecond
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// errUsage means the command line could not be used; run has already printed why.
var errUsage = errors.New("bad command line")

// addrInUseError means another process already listens on the address.
type addrInUseError struct{ addr string }

func (e addrInUseError) Error() string { return e.addr + " is already in use" }

// exitCode turns run's result into the process exit code, naming the failure on stderr.
func exitCode(err error, stderr io.Writer) int {
	var inUse addrInUseError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		return 2
	case errors.As(err, &inUse):
		fmt.Fprintf(stderr, "devserver: %v\n", inUse)
		return 3
	default:
		fmt.Fprintf(stderr, "devserver: %v\n", err)
		return 1
	}
}

// config is the parsed command line.
type config struct {
	kind           string
	addr           string
	dir            string
	advertise      string
	exitOnStdinEOF bool
}

// server is one running dev server.
type server interface {
	// Addr is the address it accepts connections on.
	Addr() string
	// Close stops serving and releases what the server holds.
	Close() error
}

// run serves one kind until ctx ends or, with -exit-on-stdin-eof, stdin closes.
// It writes the single line "ready KIND ADDR" to stdout once connections are accepted.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	logger := log.New(stderr, "", 0)

	// The Java side holds our stdin open; EOF means it died without stopping us.
	stdinClosed := make(chan struct{})
	if cfg.exitOnStdinEOF {
		go func() {
			_, _ = io.Copy(io.Discard, stdin)
			close(stdinClosed)
		}()
	}

	var srv server
	switch cfg.kind {
	case "nats":
		srv, err = startNATS(cfg, logger)
	case "redis":
		srv, err = startRedis(cfg, logger)
	case "kafka":
		srv, err = startKafka(cfg, logger)
	}
	if err != nil {
		return err
	}
	logger.Printf("devserver: %s accepting connections on %s", cfg.kind, srv.Addr())
	fmt.Fprintf(stdout, "ready %s %s\n", cfg.kind, srv.Addr())

	select {
	case <-ctx.Done():
		logger.Printf("devserver: asked to stop, shutting down")
	case <-stdinClosed:
		logger.Printf("devserver: stdin closed (parent gone), shutting down")
	}
	return closeWithin(srv, stopTimeout)
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("devserver", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&cfg.kind, "kind", "", "server to run: nats, redis or kafka")
	fs.StringVar(&cfg.addr, "addr", "", "host:port to listen on; port 0 picks a free one")
	fs.StringVar(&cfg.dir, "dir", "", "data directory (nats: JetStream store, kafka: log); default keeps nothing")
	fs.StringVar(&cfg.advertise, "advertise", "", "kafka only: host:port given to clients in metadata; default the listen address")
	fs.BoolVar(&cfg.exitOnStdinEOF, "exit-on-stdin-eof", true, "exit when stdin reaches end of file")

	usage := func(problem string) (config, error) {
		fmt.Fprintf(stderr, "devserver: %s\n%s\n", problem, usageLine)
		return config{}, errUsage
	}
	if err := fs.Parse(args); err != nil {
		return usage(err.Error())
	}
	if fs.NArg() > 0 {
		return usage(fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	switch cfg.kind {
	case "nats", "redis", "kafka":
	case "":
		return usage("-kind is required")
	default:
		return usage(fmt.Sprintf("unknown -kind %q", cfg.kind))
	}
	if cfg.addr == "" {
		return usage("-addr is required")
	}
	if _, _, err := splitAddr(cfg.addr); err != nil {
		return usage(fmt.Sprintf("-addr %q: %v", cfg.addr, err))
	}
	if cfg.advertise != "" {
		if cfg.kind != "kafka" {
			return usage("-advertise applies to -kind kafka only")
		}
		if _, _, err := splitAddr(cfg.advertise); err != nil {
			return usage(fmt.Sprintf("-advertise %q: %v", cfg.advertise, err))
		}
	}
	return cfg, nil
}

// splitAddr accepts host:port with a non-empty host, so a dev server never
// listens on every interface unless asked to (0.0.0.0 in a container).
func splitAddr(addr string) (string, int, error) {
	host, portText, err := net.SplitHostPort(addr)
	if err != nil {
		return "", 0, err
	}
	if host == "" {
		return "", 0, errors.New("host is missing")
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 0 || port > 65535 {
		return "", 0, fmt.Errorf("bad port %q", portText)
	}
	return host, port, nil
}

// listenError names a taken address the way the Java side expects.
func listenError(addr string, err error) error {
	if errors.Is(err, syscall.EADDRINUSE) {
		return addrInUseError{addr}
	}
	return fmt.Errorf("listen on %s: %w", addr, err)
}

// closeWithin gives up on a server that takes longer than d to stop, so the exit stays prompt.
func closeWithin(srv server, d time.Duration) error {
	done := make(chan error, 1)
	go func() { done <- srv.Close() }()
	select {
	case err := <-done:
		return err
	case <-time.After(d):
		return fmt.Errorf("shutdown took longer than %s", d)
	}
}

// natsServer is the NATS server library with JetStream on.
type natsServer struct {
	s       *natsserver.Server
	tempDir string // removed at Close when -dir was not given
}

func startNATS(cfg config, logger *log.Logger) (server, error) {
	host, port, _ := splitAddr(cfg.addr)
	// The library reports a taken port only as a fatal log line, so probe first
	// to exit 3; a port taken in between still fails below, with exit code 1.
	probe, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, listenError(cfg.addr, err)
	}
	probe.Close()
	if port == 0 {
		port = natsserver.RANDOM_PORT // the library reads 0 as its default 4222
	}

	n := &natsServer{}
	storeDir := cfg.dir
	if storeDir == "" {
		dir, err := os.MkdirTemp("", "topograph-devserver-nats-")
		if err != nil {
			return nil, err
		}
		storeDir, n.tempDir = dir, dir
	}
	opts := &natsserver.Options{
		ServerName: "topograph-devserver",
		Host:       host,
		Port:       port,
		JetStream:  true,
		StoreDir:   storeDir,
		NoSigs:     true, // run owns signals
	}
	s, err := natsserver.NewServer(opts)
	if err != nil {
		n.removeTempDir()
		return nil, fmt.Errorf("nats: %w", err)
	}
	n.s = s
	fatal := make(chan string, 1)
	s.SetLoggerV2(natsLogger{logger, fatal}, false, false, false)
	logger.Printf("nats: JetStream store in %s", storeDir)

	ready := make(chan bool, 1)
	go func() {
		s.Start()
		ready <- s.ReadyForConnections(startTimeout)
	}()
	select {
	case ok := <-ready:
		if ok {
			return n, nil
		}
		n.Close()
		return nil, fmt.Errorf("nats: not accepting connections after %s", startTimeout)
	case msg := <-fatal:
		n.Close()
		return nil, fmt.Errorf("nats: %s", msg)
	}
}

func (n *natsServer) Addr() string {
	return n.s.Addr().String()
}

func (n *natsServer) Close() error {
	n.s.Shutdown()
	n.s.WaitForShutdown()
	return n.removeTempDir()
}

func (n *natsServer) removeTempDir() error {
	if n.tempDir == "" {
		return nil
	}
	return os.RemoveAll(n.tempDir)
}

// natsLogger writes the library's log as plain lines and reports a fatal one
// instead of exiting, so run can shut down and clean up.
type natsLogger struct {
	l     *log.Logger
	fatal chan<- string
}

func (n natsLogger) Noticef(format string, v ...any) { n.l.Printf("nats: "+format, v...) }
func (n natsLogger) Warnf(format string, v ...any)   { n.l.Printf("nats: warning: "+format, v...) }
func (n natsLogger) Errorf(format string, v ...any)  { n.l.Printf("nats: error: "+format, v...) }
func (n natsLogger) Debugf(format string, v ...any)  { n.l.Printf("nats: debug: "+format, v...) }
func (n natsLogger) Tracef(format string, v ...any)  { n.l.Printf("nats: trace: "+format, v...) }

func (n natsLogger) Fatalf(format string, v ...any) {
	msg := fmt.Sprintf(format, v...)
	n.l.Printf("nats: fatal: %s", msg)
	select {
	case n.fatal <- msg:
	default:
	}
}

// redisServer is miniredis: the Redis protocol, in memory only.
type redisServer struct{ m *miniredis.Miniredis }

func startRedis(cfg config, logger *log.Logger) (server, error) {
	if cfg.dir != "" {
		logger.Printf("redis: miniredis keeps data in memory only; -dir %s is not used", cfg.dir)
	}
	m := miniredis.NewMiniRedis()
	if err := m.StartAddr(cfg.addr); err != nil {
		return nil, listenError(cfg.addr, err)
	}
	return redisServer{m}, nil
}

func (r redisServer) Addr() string { return r.m.Addr() }

func (r redisServer) Close() error {
	r.m.Close()
	return nil
}

// kafkaServer is a one-broker kfake cluster that creates topics on first use.
type kafkaServer struct {
	c    *kfake.Cluster
	addr string
}

func startKafka(cfg config, logger *log.Logger) (server, error) {
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, listenError(cfg.addr, err)
	}
	// kfake tells clients the broker's address from its listener's Addr.
	var brokerLn net.Listener = ln
	if cfg.advertise != "" {
		brokerLn = advertisedListener{ln, cfg.advertise}
	}
	handedOut := false
	opts := []kfake.Opt{
		kfake.NumBrokers(1),
		kfake.ListenFn(func(string, string) (net.Listener, error) {
			if handedOut {
				return nil, errors.New("only one broker listener exists")
			}
			handedOut = true
			return brokerLn, nil
		}),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(1), // Kafka's own num.partitions default
		kfake.WithLogger(kafkaLogger{logger}),
	}
	if cfg.dir != "" {
		opts = append(opts, kfake.DataDir(cfg.dir))
	}
	c, err := kfake.NewCluster(opts...)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("kafka: %w", err)
	}
	if cfg.advertise != "" {
		logger.Printf("kafka: advertising the broker as %s", cfg.advertise)
	}
	return kafkaServer{c, ln.Addr().String()}, nil
}

func (k kafkaServer) Addr() string { return k.addr }

func (k kafkaServer) Close() error {
	k.c.Close()
	return nil
}

// advertisedListener reports another address than the one it listens on.
type advertisedListener struct {
	net.Listener
	advertise string
}

func (a advertisedListener) Addr() net.Addr { return advertisedAddr(a.advertise) }

type advertisedAddr string

func (a advertisedAddr) Network() string { return "tcp" }
func (a advertisedAddr) String() string  { return string(a) }

// kafkaLogger passes on warnings and errors; kfake logs every request at info.
type kafkaLogger struct{ l *log.Logger }

func (k kafkaLogger) Logf(level kfake.LogLevel, format string, v ...any) {
	if level == kfake.LogLevelNone || level > kfake.LogLevelWarn {
		return
	}
	word := "warning"
	if level == kfake.LogLevelError {
		word = "error"
	}
	k.l.Printf("kafka: "+word+": "+format, v...)
}
