/**
Bad input from the command line or an answer file: the run stops with exit
code 2 and these lines on stderr, each naming the flag or key, what was wrong
and what is allowed.
*/
export class InputError extends Error {
	readonly lines: readonly string[];

	constructor(lines: string | readonly string[]) {
		const all = typeof lines === 'string' ? [lines] : lines;
		super(all.join('\n'));
		this.name = 'InputError';
		this.lines = all;
	}
}
