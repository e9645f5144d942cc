// The base subject (RFC 5256 §2.1): a Subject with the reply and forward
// decorations mail programs add taken off, so "Re: [list] Fwd: lunch (fwd)"
// and "lunch" sort together (SORT SUBJECT) and join one thread (THREAD
// ORDEREDSUBJECT, REFERENCES step 5).
//
// RFC 5256 §2.1, step by step (the subj-* names are its ABNF):
// - [x] (1) RFC 2047 encoded words decoded to UTF-8 (mime::decode_encoded_words);
//       tabs and line breaks become spaces; runs of spaces become one
// - [x] (2) subj-trailer ("(fwd)" or a space) removed from the end, repeatedly
// - [x] (3) subj-leader (*subj-blob subj-refwd, e.g. "[list] Re[2]:", or a space)
//       removed from the front
// - [x] (4) a leading subj-blob ("[list] ") removed when text is left after it
// - [x] (5) (3) and (4) repeated until neither applies
// - [x] (6) "[fwd: ... ]" unwrapped, then again from (2)
// - [x] "re", "fw", "fwd" and "[fwd:" in any case
// - [x] whether a decoration marking a reply or forward was removed (subj-refwd,
//       "(fwd)", "[fwd:"): THREAD REFERENCES step 5 needs it (RFC 5256 §3)
// - [x] comparing base subjects is the caller's: collation.hpp (i;unicode-casemap)
// Work is linear in the subject's length: a run of blobs is scanned once, not
// once per blob, so a hostile "[a][a][a]..." costs no more than its octets.
#pragma once

#include <string>
#include <string_view>

namespace maillab::protocols::imap {

struct BaseSubject {
    std::string text;               // UTF-8, case kept
    bool reply_or_forward = false;  // a subj-refwd, "(fwd)" or "[fwd:" was removed
    bool operator==(const BaseSubject&) const = default;
};

// `subject` is the Subject field's unfolded value as written (encoded words undecoded).
BaseSubject base_subject(std::string_view subject);

}  // namespace maillab::protocols::imap
