package main

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"net/rpc"
	"reflect"

	"lambdagob/interop/messages"
)

// check decodes both recorded streams again with fresh gob decoders and
// confirms that they hold the recorded calls: requests in seq order, one
// response per seq with the recorded error and reply. It returns the order of
// seqs in the server stream.
func check(client, server []byte, calls []callRecord) ([]uint64, error) {
	dec := gob.NewDecoder(bytes.NewReader(client))
	for i, c := range calls {
		var req rpc.Request
		if err := dec.Decode(&req); err != nil {
			return nil, fmt.Errorf("client stream, call %d header: %v", i, err)
		}
		if req.Seq != c.Seq || req.ServiceMethod != c.Method {
			return nil, fmt.Errorf("client stream, call %d: got %s seq %d", i, req.ServiceMethod, req.Seq)
		}
		body := reflect.New(reflect.TypeOf(c.Request).Elem())
		if err := dec.Decode(body.Interface()); err != nil {
			return nil, fmt.Errorf("client stream, call %d body: %v", i, err)
		}
		if !reflect.DeepEqual(body.Interface(), c.Request) {
			return nil, fmt.Errorf("client stream, call %d: body differs", i)
		}
	}
	var order []uint64
	dec = gob.NewDecoder(bytes.NewReader(server))
	for range calls {
		var resp rpc.Response
		if err := dec.Decode(&resp); err != nil {
			return nil, fmt.Errorf("server stream, reply %d header: %v", len(order), err)
		}
		if resp.Seq >= uint64(len(calls)) {
			return nil, fmt.Errorf("server stream: unknown seq %d", resp.Seq)
		}
		c := calls[resp.Seq]
		order = append(order, resp.Seq)
		if resp.Error != "" {
			var empty struct{}
			if err := dec.Decode(&empty); err != nil {
				return nil, fmt.Errorf("server stream, seq %d error body: %v", resp.Seq, err)
			}
			if "rpc: "+resp.Error != c.Error && resp.Error != c.Error {
				return nil, fmt.Errorf("server stream, seq %d: error %q, client saw %q", resp.Seq, resp.Error, c.Error)
			}
			continue
		}
		var body interface{} = &messages.PingResponse{}
		if c.Method == "Function.Invoke" {
			body = &messages.InvokeResponse{}
		}
		if err := dec.Decode(body); err != nil {
			return nil, fmt.Errorf("server stream, seq %d body: %v", resp.Seq, err)
		}
		if !reflect.DeepEqual(body, c.Response) {
			return nil, fmt.Errorf("server stream, seq %d: reply differs", resp.Seq)
		}
	}
	return order, nil
}
