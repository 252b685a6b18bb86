import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {expect, test} from 'vitest';
import {createTranscript} from '../../source/environment/transcript.js';

test('appends one json object per line', () => {
	const file = path.join(
		fs.mkdtempSync(path.join(os.tmpdir(), 'k2-log-')),
		'detect.jsonl',
	);
	const transcript = createTranscript(file);
	transcript.write({event: 'probe', script: 'host', ms: 12, outcome: 'ok'});
	transcript.write({event: 'shell-exit', pid: 7, exitCode: 0});
	const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
	expect(lines.map(line => JSON.parse(line) as unknown)).toMatchObject([
		{event: 'probe', script: 'host', ms: 12, outcome: 'ok'},
		{event: 'shell-exit', pid: 7, exitCode: 0},
	]);
});

test('names the file when it cannot be written', () => {
	expect(() => createTranscript('/nonexistent-dir/detect.jsonl')).toThrow(
		/Cannot write the log file \/nonexistent-dir\/detect\.jsonl/,
	);
});
