package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"alliance/internal/build"
	"alliance/internal/catalog"
	"alliance/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", helpText{
		usage:       "alliance serve [flags]",
		example:     "alliance serve --drafts",
		exampleSays: "shows the site with its drafts at http://127.0.0.1:1313/ and reloads a page when its file is saved",
		about:       "Builds the site and serves it on this computer for previewing. Saved changes to site.toml, content/, data/, themes/, layouts/ and static/ are built at once and open pages reload by themselves; a build error is shown here and over the page until the file is fixed. The preview is built in a private folder: public/ is not touched. Stop it with Ctrl+C.",
	}, stderr)
	var opts build.Options
	fs.StringVar(&opts.Source, "source", ".", "the site `folder`, which holds site.toml")
	fs.BoolVar(&opts.Drafts, "drafts", false, "also show pages marked draft = true")
	fs.BoolVar(&opts.Future, "future", false, "also show pages whose publish_date is still to come")
	fs.BoolVar(&opts.Expired, "expired", false, "also show pages whose expiry_date has passed")
	port := fs.Int("port", 1313, "the `port` to listen on; 0 picks a free one")
	bind := fs.String("bind", "127.0.0.1", "the `address` to listen on; 0.0.0.0 lets other computers on the network see the preview")
	if code, ok := parseFlags(fs, args, stderr); !ok {
		return code
	}
	if *port < 0 || *port > 65535 {
		catalog.Fprintf(stderr, "alliance serve: --port %d is not a port number (0 to 65535)\n", *port)
		return 2
	}
	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		catalog.Fprintf(stderr, "alliance serve: cannot listen on %s port %d: %v (choose another --port, or 0 for any free one)\n", *bind, *port, err)
		return 1
	}
	defer ln.Close()
	if os.Getenv("GOMAXPROCS") == "" {
		runtime.GOMAXPROCS(serve.Procs(runtime.GOMAXPROCS(0)))
	}
	srv, err := serve.New(serve.Options{Build: opts, Log: stderr})
	if err != nil {
		catalog.Fprintf(stderr, "alliance serve: %v\n", err)
		return 1
	}

	host := *bind
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		catalog.Fprintf(stderr, "warning: listening on every network interface (--bind %s): other computers can read the preview\n", host)
		host = "127.0.0.1"
	}
	addr := ln.Addr().(*net.TCPAddr)
	base := "/"
	if site := srv.Session().Site(); site != nil {
		base = site.Config.BasePath()
	}
	catalog.Fprintf(stdout, "serving the site at http://%s%s (Ctrl+C to stop)\n", net.JoinHostPort(host, strconv.Itoa(addr.Port)), base)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	runCtx, stopRun := context.WithCancel(ctx)
	ran := make(chan struct{})
	go func() {
		srv.Run(runCtx)
		close(ran)
	}()
	code := 0
	select {
	case <-ctx.Done():
	case err := <-served:
		catalog.Fprintf(stderr, "alliance serve: %v\n", err)
		code = 1
	}
	// Let a build in progress finish before its folder is removed.
	stopRun()
	<-ran
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	srv.Close() // ends the event streams, so Shutdown need not wait for them
	hs.Shutdown(shut)
	if code == 0 {
		catalog.Fprintln(stdout, "stopped")
	}
	return code
}
