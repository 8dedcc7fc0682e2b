// Command kube-apiserver is the Kubernetes API server with etcd in the same process: one binary
// that gives the tests (and anyone trying Rampart without a cluster) a real API server on
// 127.0.0.1, with nothing else to install.
//
// Its own flags are removed before the API server parses the rest:
//
//	--etcd-data-dir=<dir>   where the embedded etcd keeps its data (required; fresh per run)
//	--exit-with-pid=<pid>   stop (as on SIGTERM) once process <pid> is gone, so that a test run
//	                        that dies without its teardown leaves no server behind
//
// The embedded etcd listens on free 127.0.0.1 ports chosen here, and --etcd-servers is set to
// it. Every other flag is kube-apiserver's own. SIGTERM stops the API server gracefully, then
// etcd.
package main

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
	_ "time/tzdata" // for timeZone support in CronJob, as kube-apiserver's own main

	"go.etcd.io/etcd/server/v3/embed"
	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"          // JSON log format, as kube-apiserver's own main
	_ "k8s.io/component-base/metrics/prometheus/clientgo" // client-go metrics, as kube-apiserver's own main
	_ "k8s.io/component-base/metrics/prometheus/version"  // version metric, as kube-apiserver's own main
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

const (
	dataDirFlag     = "--etcd-data-dir="
	exitWithPidFlag = "--exit-with-pid="
)

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	own, rest := splitOwnFlags(args)
	dataDir := own[dataDirFlag]
	if dataDir == "" {
		fmt.Fprintf(os.Stderr, "kube-apiserver (with embedded etcd): %s<dir> is required\n", dataDirFlag)
		return 2
	}
	if pid := own[exitWithPidFlag]; pid != "" {
		parent, err := strconv.Atoi(pid)
		if err != nil || parent <= 0 {
			fmt.Fprintf(os.Stderr, "kube-apiserver: %s%s is not a process id\n", exitWithPidFlag, pid)
			return 2
		}
		go exitWith(parent)
	}
	etcd, clientURL, err := startEtcd(dataDir)
	if err != nil {
		fmt.Fprintf(os.Stderr, "kube-apiserver: embedded etcd: %v\n", err)
		return 1
	}
	defer etcd.Close()

	command := app.NewAPIServerCommand()
	command.SetArgs(append(rest, "--etcd-servers="+clientURL))
	return cli.Run(command)
}

// splitOwnFlags takes this program's own flags (flag prefix → value) out of the arguments.
func splitOwnFlags(args []string) (map[string]string, []string) {
	own := map[string]string{}
	rest := make([]string, 0, len(args))
	for _, arg := range args {
		taken := false
		for _, flag := range []string{dataDirFlag, exitWithPidFlag} {
			if strings.HasPrefix(arg, flag) {
				own[flag] = strings.TrimPrefix(arg, flag)
				taken = true
			}
		}
		if !taken {
			rest = append(rest, arg)
		}
	}
	return own, rest
}

// exitWith sends this process SIGTERM (the API server's graceful stop) once process pid is gone.
func exitWith(pid int) {
	for {
		time.Sleep(time.Second)
		if err := syscall.Kill(pid, 0); errors.Is(err, syscall.ESRCH) {
			_ = syscall.Kill(os.Getpid(), syscall.SIGTERM)
			return
		}
	}
}

// startEtcd starts a single-member etcd on two free 127.0.0.1 ports and waits until it serves.
func startEtcd(dataDir string) (*embed.Etcd, string, error) {
	clientURL, err := freeLocalURL()
	if err != nil {
		return nil, "", err
	}
	peerURL, err := freeLocalURL()
	if err != nil {
		return nil, "", err
	}
	cfg := embed.NewConfig()
	cfg.Name = "rampart-test"
	cfg.Dir = dataDir
	cfg.LogLevel = "error"
	cfg.ListenClientUrls = []url.URL{*clientURL}
	cfg.AdvertiseClientUrls = []url.URL{*clientURL}
	cfg.ListenPeerUrls = []url.URL{*peerURL}
	cfg.AdvertisePeerUrls = []url.URL{*peerURL}
	cfg.InitialCluster = cfg.Name + "=" + peerURL.String()
	// A throwaway test store: no fsync (much faster on a shared disk; the data is deleted anyway).
	cfg.UnsafeNoFsync = true
	etcd, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, "", err
	}
	select {
	case <-etcd.Server.ReadyNotify():
		return etcd, clientURL.String(), nil
	case err := <-etcd.Err():
		etcd.Close()
		return nil, "", err
	case <-time.After(60 * time.Second):
		etcd.Close()
		return nil, "", fmt.Errorf("not ready after 60s (data dir %s)", dataDir)
	}
}

// freeLocalURL asks the kernel for a free 127.0.0.1 port. The port is released before etcd binds
// it again: another process could take it in between, which makes the start fail (the caller
// then starts again) rather than share a port.
func freeLocalURL() (*url.URL, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	address := listener.Addr().String()
	if err := listener.Close(); err != nil {
		return nil, err
	}
	return &url.URL{Scheme: "http", Host: address}, nil
}
