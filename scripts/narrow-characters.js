/*
Characters a terminal draws one column wide, each a grapheme of its own:
printable ASCII, Latin-1, punctuation, arrows, box drawing, blocks, shapes
and braille (the spinner), minus the few that are emoji, invisible or that
the two string-width versions Ink uses disagree on. A string made only of
these is as wide as it is long, so the bundle's string-width answers it
without the grapheme segmenter and the emoji expressions, whose set-up
costs the first frame some 25 ms. test/bundle/narrow-characters.test.ts
checks every character here against the real string-width.
*/
export const narrowCharacters = [
	String.raw`\u0020-\u007E`,
	String.raw`\u00A0-\u00A8\u00AA-\u00AC\u00AF-\u00FF`,
	String.raw`\u2010-\u2027\u2030-\u203B\u203D-\u2048\u204A-\u205E`,
	String.raw`\u2190-\u2193\u219A-\u21A8\u21AB-\u21FF`,
	String.raw`\u2500-\u25A9\u25AC-\u25B5\u25B7-\u25BF\u25C1-\u25FA\u25FF`,
	String.raw`\u2800-\u28FF`,
].join('');

/** Source of a test that is true for a string of narrow characters only. */
export const narrowTest = `/^[${narrowCharacters}]*$/.test(string)`;
