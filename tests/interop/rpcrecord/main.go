// Command rpcrecord records Go net/rpc sessions of the Lambda go1.x protocol.
// For each session it starts a fresh lambdaserver process, connects a Go
// net/rpc client (in a fresh rpcrecord process, so that gob type ids are
// those of a fresh Go program), and tees the connection: the bytes the client
// wrote go to <session>.client.gob, the bytes it read to <session>.server.gob,
// and every call to <session>.json.
//
//	go build -o /tmp/lambdaserver ./lambdaserver
//	go run ./rpcrecord -server /tmp/lambdaserver -out ../fixtures/rpc
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net"
	"net/rpc"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
)

func main() {
	out := flag.String("out", "../fixtures/rpc", "output directory")
	server := flag.String("server", "", "path of the lambdaserver binary")
	only := flag.String("session", "", "record only this session in this process")
	flag.Parse()
	if *server == "" {
		log.Fatal("rpcrecord: -server PATH (a built lambdaserver) is required")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	for _, s := range sessions() {
		if *only == s.name {
			if err := record(*out, *server, s); err != nil {
				log.Fatalf("rpcrecord: %s: %v", s.name, err)
			}
			return
		}
		if *only == "" {
			self, err := os.Executable()
			if err != nil {
				log.Fatal(err)
			}
			cmd := exec.Command(self, "-out", *out, "-server", *server, "-session", s.name)
			cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
			if err := cmd.Run(); err != nil {
				log.Fatalf("rpcrecord: session %s: %v", s.name, err)
			}
		}
	}
	if *only != "" {
		log.Fatalf("rpcrecord: no session %q", *only)
	}
}

// tee is the client's connection, keeping a copy of each direction.
type tee struct {
	net.Conn
	mu          sync.Mutex
	wrote, read bytes.Buffer
}

func (t *tee) Write(p []byte) (int, error) {
	n, err := t.Conn.Write(p)
	t.mu.Lock()
	t.wrote.Write(p[:n])
	t.mu.Unlock()
	return n, err
}

func (t *tee) Read(p []byte) (int, error) {
	n, err := t.Conn.Read(p)
	t.mu.Lock()
	t.read.Write(p[:n])
	t.mu.Unlock()
	return n, err
}

func (t *tee) written() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.wrote.Len()
}

// callRecord is one call in <session>.json.
type callRecord struct {
	Method       string      `json:"method"`
	Seq          uint64      `json:"seq"`
	Request      interface{} `json:"request"`
	Error        string      `json:"error"`
	Response     interface{} `json:"response"`
	ClientOffset [2]int      `json:"clientOffset"`
}

type sessionRecord struct {
	Generated                string       `json:"@generated"`
	Session                  string       `json:"session"`
	Description              string       `json:"description"`
	ServerMode               string       `json:"serverMode"`
	ClientBytes              int          `json:"clientBytes"`
	ServerBytes              int          `json:"serverBytes"`
	ClientBytesDeterministic bool         `json:"clientBytesDeterministic"`
	ServerBytesDeterministic bool         `json:"serverBytesDeterministic"`
	ServerOrder              []uint64     `json:"serverOrder"`
	Notes                    []string     `json:"notes"`
	Calls                    []callRecord `json:"calls"`
}

func startServer(bin, mode string) (*exec.Cmd, string, error) {
	cmd := exec.Command(bin, "-addr", "127.0.0.1:0", "-mode", mode)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, "", err
	}
	if err := cmd.Start(); err != nil {
		return nil, "", err
	}
	line, err := bufio.NewReader(stdout).ReadBytes('\n')
	var hello struct{ Addr string }
	if err == nil {
		err = json.Unmarshal(line, &hello)
	}
	if err != nil {
		cmd.Process.Kill()
		cmd.Wait()
		return nil, "", fmt.Errorf("lambdaserver did not print its address: %v", err)
	}
	return cmd, hello.Addr, nil
}

func record(dir, serverBin string, s session) error {
	srv, addr, err := startServer(serverBin, s.mode)
	if err != nil {
		return err
	}
	defer func() { srv.Process.Kill(); srv.Wait() }()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		return err
	}
	t := &tee{Conn: conn}
	client := rpc.NewClient(t)
	rec := sessionRecord{
		Generated:                "by tests/interop/rpcrecord (Go 1.19 net/rpc client against tests/interop/lambdaserver) — do not edit",
		Session:                  s.name,
		Description:              s.description,
		ServerMode:               s.mode,
		ClientBytesDeterministic: true,
		ServerBytesDeterministic: !s.pipelined,
		Notes: []string{
			"Each direction is one gob stream; every call is a Request/Response header value followed by the argument/reply value.",
			"seq is the client's sequence number (from 0, in send order); clientOffset is the [start, end) of the call in the client stream.",
			"response is null when the call failed with an rpc error (error is then what Go's client returned; the server sent an empty struct as the body).",
			"request/response print with encoding/json: []byte fields as base64, Go field names.",
			"serverOrder is the order of seqs in the server stream.",
		},
	}
	calls := make([]*rpc.Call, len(s.calls))
	for i, c := range s.calls {
		start := t.written()
		calls[i] = client.Go(c.method, c.args, c.reply(), nil)
		if !s.pipelined {
			<-calls[i].Done
		}
		rec.Calls = append(rec.Calls, callRecord{Method: c.method, Seq: uint64(i), Request: c.args,
			ClientOffset: [2]int{start, t.written()}})
	}
	for i, c := range calls {
		if s.pipelined {
			<-c.Done
		}
		if c.Error != nil {
			rec.Calls[i].Error = c.Error.Error()
		} else {
			rec.Calls[i].Response = c.Reply
		}
	}
	client.Close()
	rec.ClientBytes, rec.ServerBytes = t.wrote.Len(), t.read.Len()
	if rec.ServerOrder, err = check(t.wrote.Bytes(), t.read.Bytes(), rec.Calls); err != nil {
		return err
	}
	if s.pipelined {
		rec.Notes = append(rec.Notes, "Server bytes are not deterministic: replies come in goroutine order and the reply type definitions travel with whichever reply is first; compare decoded replies by seq.")
	} else {
		rec.Notes = append(rec.Notes, "Server bytes are deterministic: a fresh Go server process answers these calls with exactly these bytes.")
	}
	j, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return err
	}
	base := filepath.Join(dir, s.name)
	for ext, b := range map[string][]byte{".client.gob": t.wrote.Bytes(), ".server.gob": t.read.Bytes(), ".json": append(j, '\n')} {
		if err := os.WriteFile(base+ext, b, 0o644); err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "rpcrecord: %s: %d calls, %d client bytes, %d server bytes\n", s.name, len(rec.Calls), rec.ClientBytes, rec.ServerBytes)
	return nil
}
