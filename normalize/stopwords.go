package normalize

// Function words of the commonest languages of the web (24 of them, in
// ten lists; languages that share forms share a list). Prose is dense in
// them (30-50% of words); menus, headlines and link lists are not. The lists
// are deliberately short (the 20-60 most frequent words each): they only
// need to separate sentences from labels, and short lists keep the table in
// a few cache lines. Words are ASCII-lowercased at lookup; only words of at
// most 8 bytes are listed, because lookup packs a word into a uint64.
var stopWordLists = [...]string{
	// English
	`a about after all also an and any are as at be been but by can could did do does for from had has have he her his how i if in into is it its me more my no not of on one or our out she so some than that the their them then there these they this to up was we were what when which who will with would you your`,
	// German
	`aber als am an auch auf aus bei bis das dass dem den der des die doch durch ein eine einem einen einer es für hat hatte ich ihr im in ist mit nach nicht noch nur oder sich sie sind so um und uns von vor war wenn werden wie wird wir zu zum zur über`,
	// French
	`à au aux avec ce ces comme dans de des du elle en est et il ils la le les leur mais ne nous on ou par pas plus pour qu que qui sa se ses son sont sur un une vous été être`,
	// Spanish, Portuguese, Italian (shared forms listed once)
	`al como con da de del dei della do e el en es está faz foi há la las le lo los mais mas na nas no não o os para pelo per pero por que se ser si son su sus también um uma una uno y è`,
	// Dutch
	`aan als bij dat de die door een en er het hij in is met na naar niet of om op te van voor was wat ze zich zijn`,
	// Russian
	`а без был была были в во вы да для до его ее если же за и из или их к как ли мы на не но о об он она они от по при с со так то у что это я`,
	// Polish
	`aby ale bo by być był była było czy dla do go i ich im jak jako jest jego jej już ma może na nad nie niż o od on ona oraz po pod przez przy się są ta tak też to tu w we z za że`,
	// Czech
	`aby ale ani byl byla bylo být do i jak jako je jeho její jen již jsem jsou k kde když má mezi na nad ne než o od po pod pro při se si tak také to v ve z za že`,
	// Swedish, Danish, Norwegian
	`af at att av den der det där efter eller en er ett för har hon hun hur i ikke inte jag kan med men mot när og och om på sig sin som så til till var vi vid är`,
	// Turkish
	`ama ancak bir bu da daha de değil en gibi göre her için ile ise kadar ki mi ne olan olarak sonra ve veya ya çok şu`,
	// Romanian, Indonesian and Malay
	`care cu că din este în mai nu pe pentru sunt și ada akan dalam dan dari dengan di ini itu juga ke oleh pada tidak untuk yang`,
	// Vietnamese
	`các cho có của là một này trong và với đã`,
	// Hindi
	`और एक का कि की के को जो तो था थी थे ने पर भी यह वह से ही हो है`,
	// Arabic
	`أن أو إلى التي الذي بعد ثم عن على في قد كان كل لا ما مع من هذا هذه هو هي`,
}

// stopTable is an open-addressing hash set of packed words, built once.
// Lookup is a multiply, a shift and one or two compares: a Go map costs
// several times more per word, and every prose word is looked up.
var stopTable = buildStopTable()

const stopTableBits = 10

type packedSet [1 << stopTableBits]uint64

func buildStopTable() *packedSet {
	var t packedSet
	for _, list := range stopWordLists {
		start := -1
		for i := 0; i <= len(list); i++ {
			if i < len(list) && list[i] != ' ' {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				w := list[start:i]
				if len(w) > 8 {
					panic("normalize: stop word longer than 8 bytes: " + w)
				}
				t.add(packWord(w))
				start = -1
			}
		}
	}
	return &t
}

// packWord packs up to 8 bytes of w, ASCII-lowercased, into a uint64. The
// zero value means "no word", so empty words are never members.
func packWord(w string) uint64 {
	var k uint64
	for i := 0; i < len(w) && i < 8; i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		k = k<<8 | uint64(c)
	}
	return k
}

func slot(k uint64) uint64 { return (k * 0x9E3779B97F4A7C15) >> (64 - stopTableBits) }

func (t *packedSet) add(k uint64) {
	for i := slot(k); ; i = (i + 1) & (1<<stopTableBits - 1) {
		if t[i] == k {
			return
		}
		if t[i] == 0 {
			t[i] = k
			return
		}
	}
}

func (t *packedSet) has(k uint64) bool {
	if k == 0 {
		return false
	}
	for i := slot(k); ; i = (i + 1) & (1<<stopTableBits - 1) {
		switch t[i] {
		case k:
			return true
		case 0:
			return false
		}
	}
}
