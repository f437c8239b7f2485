// Command runtimeapi is a Go function on Lambda's Runtime API (provided.al2023),
// written the way aws-lambda-go's invoke loop is: net/http's client, GET
// /invocation/next, then POST /invocation/{id}/response. It is the Go peer of
// `deno task bench:runtime-api`.
//
//	runtimeapi [-mode json|raw]
//
// It talks to $AWS_LAMBDA_RUNTIME_API until killed. -mode json decodes each
// event with encoding/json into interface{} and encodes it back, as a typical
// Go handler does; -mode raw posts the event bytes as received. A failure to
// reach the API ends the process with exit status 1.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
)

func main() {
	mode := flag.String("mode", "json", "json: decode and re-encode each event; raw: echo its bytes")
	flag.Parse()
	api := os.Getenv("AWS_LAMBDA_RUNTIME_API")
	if api == "" {
		log.Fatal("runtimeapi: AWS_LAMBDA_RUNTIME_API is not set")
	}
	base := "http://" + api + "/2018-06-01/runtime/invocation/"
	client := &http.Client{}
	for {
		res, err := client.Get(base + "next")
		if err != nil {
			log.Fatalf("runtimeapi: next: %v", err)
		}
		event, err := io.ReadAll(res.Body)
		res.Body.Close()
		if err != nil || res.StatusCode != http.StatusOK {
			log.Fatalf("runtimeapi: next answered %d: %v", res.StatusCode, err)
		}
		id := res.Header.Get("Lambda-Runtime-Aws-Request-Id")
		body := event
		if *mode == "json" {
			var v interface{}
			if err := json.Unmarshal(event, &v); err != nil {
				log.Fatalf("runtimeapi: the event is not JSON: %v", err)
			}
			if body, err = json.Marshal(v); err != nil {
				log.Fatalf("runtimeapi: %v", err)
			}
		}
		post, err := client.Post(base+id+"/response", "application/json", bytes.NewReader(body))
		if err != nil {
			log.Fatalf("runtimeapi: response: %v", err)
		}
		io.Copy(io.Discard, post.Body)
		post.Body.Close()
		if post.StatusCode != http.StatusAccepted {
			fmt.Fprintf(os.Stderr, "runtimeapi: response answered %d\n", post.StatusCode)
		}
	}
}
