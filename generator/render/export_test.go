package render

// Programs reports whether every template set of r was compiled, and how
// many pages or partials its programs handed to html/template.
func Programs(r *Renderer) (compiled bool, bails int64) {
	compiled = r.sharedProgram != nil
	bails = r.sharedProgram.bailed()
	for _, p := range r.programs {
		compiled = compiled && p != nil
		bails += p.bailed()
	}
	return compiled, bails
}

// WithoutPrograms has r render every page with html/template.
func WithoutPrograms(r *Renderer) { r.programs, r.sharedProgram = nil, nil }

func (p *program) bailed() int64 {
	if p == nil {
		return 0
	}
	return p.bails.Load()
}

// Absolute is absolute, for tests.
var Absolute = absolute
var NilOwner = nilOwner

// HoldsImage reports whether the image whose smaller copy j makes is held
// decoded, for its other copies' jobs.
func HoldsImage(j *Job) bool {
	if j.orig == nil {
		return false
	}
	j.orig.mu.Lock()
	defer j.orig.mu.Unlock()
	return j.orig.decoded != nil
}
