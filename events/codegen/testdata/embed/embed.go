package events

type Header struct {
	Version string `json:"version"`
	Region  string `json:"region"`
}

type Extra struct {
	Region string `json:"region"`
	Note   string `json:"note"`
}

type Deep struct {
	Note   string `json:"note"`
	Deeper string `json:"deeper"`
}

type Wrapper struct {
	Deep
}

type PtrEmb struct {
	Level string `json:"level"`
}

// Event: version at depth 1 hides Header.Version; region ties at depth 2 and vanishes;
// note at depth 2 hides Deep.Note at depth 3; a tagged embedded struct is a plain field.
type Event struct {
	Header
	Extra
	Wrapper
	*PtrEmb
	Version string `json:"version"`
	Inner   Header `json:"inner"`
}

type Untagged struct {
	Name string
}

type Titled struct {
	Title string `json:"Name"`
}

// TagWins: at equal depth a tagged field beats an untagged one of the same name.
type TagWins struct {
	Untagged
	Titled
}
