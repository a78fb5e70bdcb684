package normalize

// Removal is one stripped line or span and the rule that removed it.
type Removal struct {
	Text string `json:"text"`
	Rule string `json:"rule"`
}
