package events

type Operation string

type Level int

type Headers map[string]string

type Slots map[string]*string

type Base struct {
	Op   Operation   `json:"op"`
	Ops  []Operation `json:"ops"`
	L    Level       `json:"level"`
	H    Headers     `json:"headers"`
	P    *Operation  `json:"p"`
	Slot Slots       `json:"slots"`
}

type Alias = Base

type Copy Base
