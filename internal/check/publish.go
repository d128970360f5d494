package check

import (
	"strings"

	"alliance/internal/phone"
)

// Placeholder is the text `alliance new` puts where the body goes. A
// published notice that still has it was published unfinished.
const Placeholder = "在此撰写正文"

// readiness checks that each published notice is finished: its body no
// longer holds the scaffold's placeholder, it names its issuer (发文机关),
// and readers can call its contact number. Drafts are not checked, so a
// fresh scaffold passes.
func (c *checker) readiness() {
	for _, n := range c.site.Notices {
		if n.Draft {
			continue
		}
		src := c.texts.get(n.Source)
		if src == nil {
			continue
		}
		if strings.Contains(n.Body.Text(), Placeholder) {
			c.dl.Errorf(n.Source, src.stub, "replace it with the text of the notice, or set draft = true until it is written",
				"the notice is published but still has the placeholder text %q of a new notice", Placeholder+"…")
		}
		if strings.TrimSpace(n.Issuer) == "" {
			c.dl.Errorf(n.Source, src.line("issuer"), `write the issuing body, such as issuer = "某某市教育局"`,
				"the notice is published without an issuer (发文机关)")
		}
		if n.Contact != nil && onlyMaskedMobile(n.Contact.Phone) {
			c.dl.Warnf(n.Source, src.line("phone"),
				`give an office line readers can call, shown in full: phone = { number = "0632-3317000", public = true }; a mobile is shown in full only with public = true and its owner's consent`,
				"the only contact number is a personal mobile, which the site shows masked (%s): readers cannot call it", n.Contact.Phone.String())
		}
	}
}

// onlyMaskedMobile reports whether p is a mobile number the site masks.
func onlyMaskedMobile(p phone.Number) bool {
	return !p.IsZero() && !p.Public && len(phone.FindMobiles(p.Raw)) > 0
}
