import {PassThrough} from 'node:stream';
import {expect, test} from 'vitest';
import {asciiOutput} from '../../source/terminal/ascii-output.js';

test("Ink's ellipsis is written as a full stop, one column as before", () => {
	const stream = Object.assign(new PassThrough(), {columns: 80, rows: 24});
	const output = asciiOutput(stream as unknown as NodeJS.WriteStream);
	output.write('member of View-Only Org Mg\u2026 |\n');
	expect(String(stream.read())).toBe('member of View-Only Org Mg. |\n');
	// The size and events are the terminal's own.
	expect(output.columns).toBe(80);
	let resized = false;
	output.on('resize', () => {
		resized = true;
	});
	stream.emit('resize');
	expect(resized).toBe(true);
});
