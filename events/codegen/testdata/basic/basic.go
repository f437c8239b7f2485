package events

import (
	"encoding/json"
	"time"
)

// Scalars has one field of each kind the generator maps.
type Scalars struct {
	Name     string `json:"name"`
	Opt      string `json:"opt,omitempty"`
	Untagged string
	Skipped  string `json:"-"`
	Dash     string `json:"-,"`
	hidden   string
	Count    int64             `json:"count"`
	Small    int8              `json:"small,omitempty"`
	Ratio    float64           `json:"ratio"`
	Ok       bool              `json:"ok"`
	Ptr      *string           `json:"ptr"`
	List     []string          `json:"list"`
	Nested   []*Inner          `json:"nested"`
	Labels   map[string]string `json:"labels"`
	Data     []byte            `json:"data"`
	At       time.Time         `json:"at"`
	Raw      json.RawMessage   `json:"raw"`
	Any      interface{}       `json:"any"`
	Dashed   int               `json:"dashed-name"`
	OnlyOpts string            `json:",omitempty"`
}

// Inner is referenced before its declaration.
type Inner struct {
	Value string `json:"value"`
}

type unexported struct {
	X string
}

// Empty has no fields.
type Empty struct{}
