package load

import (
	"html/template"

	"alliance/internal/idcard"
	"alliance/internal/model"
	"alliance/internal/phone"
)

// Personal mobile and ID-card numbers typed into any text — a body, a title, a summary, an
// address — are masked as the model is built, so that no later stage (pages,
// feed, search index, downloads) can publish them. Numbers in phone fields
// are masked where they are shown, unless marked public.

func mask(s string) string { return idcard.MaskText(phone.MaskText(s)) }

func maskList(l []string) {
	for i := range l {
		l[i] = mask(l[i])
	}
}

// maskBody hides personal mobile numbers written into a body text.
func maskBody(b *model.Body) {
	b.HTML = template.HTML(mask(string(b.HTML)))
	b.Text = mask(b.Text)
	for i := range b.Headings {
		b.Headings[i].Text = mask(b.Headings[i].Text)
	}
}

func maskDoc(d *model.Doc) {
	d.Title, d.Summary = mask(d.Title), mask(d.Summary)
	maskList(d.Tags)
}

func maskNotice(n *model.Notice) {
	maskDoc(&n.Doc)
	n.DocNumber, n.Issuer = mask(n.DocNumber), mask(n.Issuer)
	maskList(n.Recipients)
	if c := n.Contact; c != nil {
		c.Name, c.Email = mask(c.Name), mask(c.Email)
	}
	for i := range n.Attachments {
		n.Attachments[i].Title = mask(n.Attachments[i].Title)
	}
}

func maskReport(r *model.Report) {
	maskDoc(&r.Doc)
	e := &r.Event
	e.Name, e.Venue, e.Theme, e.Attendance = mask(e.Name), mask(e.Venue), mask(e.Theme), mask(e.Attendance)
	maskList(e.Hosts)
	maskList(e.Organisers)
	for i := range r.Speakers {
		s := &r.Speakers[i]
		s.Name, s.Affiliation, s.Post, s.Talk = mask(s.Name), mask(s.Affiliation), mask(s.Post), mask(s.Talk)
	}
	for i := range r.Photos {
		r.Photos[i].Caption, r.Photos[i].Alt = mask(r.Photos[i].Caption), mask(r.Photos[i].Alt)
	}
}

func maskDirectory(d *model.Directory) {
	d.Name, d.ShortName, d.Description, d.SampleNote = mask(d.Name), mask(d.ShortName), mask(d.Description), mask(d.SampleNote)
	for i := range d.Governance {
		b := &d.Governance[i]
		b.Name, b.Description = mask(b.Name), mask(b.Description)
		for j := range b.People {
			p := &b.People[j]
			p.Role, p.Name, p.Post = mask(p.Role), mask(p.Name), mask(p.Post)
		}
	}
	m := func(x *model.Member) {
		x.Name, x.District, x.Category, x.Nature = mask(x.Name), mask(x.District), mask(x.Category), mask(x.Nature)
		x.Responsible, x.Address, x.Lead = mask(x.Responsible), mask(x.Address), mask(x.Lead)
	}
	for i := range d.Groups {
		m(&d.Groups[i].Lead)
		for j := range d.Groups[i].Partners {
			m(&d.Groups[i].Partners[j])
		}
	}
	for i := range d.Members {
		m(&d.Members[i])
	}
}
