package events

type Uses struct {
	Start   SecondsEpochTime `json:"start"`
	Timeout *DurationSeconds `json:"timeout,omitempty"`
	Stamps  []Stamped        `json:"stamps"`
}
