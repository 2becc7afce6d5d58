// Command etcd is the etcd server of the test control plane, built from go.etcd.io/etcd/server/v3
// because Debian's etcd is too old for the Kubernetes release the tests run.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
