package events

import (
	"encoding/json"
	"time"
)

type SecondsEpochTime struct {
	time.Time
}

func (e SecondsEpochTime) MarshalJSON() ([]byte, error) {
	return json.Marshal(float64(e.UnixNano()) / 1e9)
}

type DurationSeconds time.Duration

func (d DurationSeconds) MarshalJSON() ([]byte, error) {
	return json.Marshal(time.Duration(d).Seconds())
}

type Stamped struct {
	At  SecondsEpochTime   `json:"at"`
	Ats []SecondsEpochTime `json:"ats"`
}
