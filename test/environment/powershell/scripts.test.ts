import {Buffer} from 'node:buffer';
import {describe, expect, test} from 'vitest';
import {
	commandLine,
	parseEnvelope,
	probeScript,
} from '../../../source/environment/powershell/scripts.js';

const envelope = (value: unknown) =>
	'@@PROBE@@' + Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

describe('transport', () => {
	test('sends one ascii line whatever the arguments hold', () => {
		const line = commandLine(probeScript('exchange'), {
			server: "a'\n\r\u0000$(x)`‘’\u201B; @'\n'@ Müller 😀",
		});
		expect(line).not.toMatch(/[\r\n]/);
		expect(line).toMatch(/^[\u0020-\u007E]+$/);
		expect(line).not.toContain('$(x)');
	});

	test('marks every string so no json reader mistakes it for a date', () => {
		const line = commandLine('', {when: '2026-12-03T12:00:00Z', n: 3});
		const encoded = /'([A-Za-z\d+/=]+)'$/.exec(line)?.[1] ?? '';
		expect(JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))).toEqual(
			{when: '~2026-12-03T12:00:00Z', n: 3},
		);
	});

	test('reads the framed envelope among stray output', () => {
		const results = {echo: {ok: true, data: {value: 'Müller’s'}, ms: 4}};
		const stdout = `WARNING: noise\n${envelope({ok: true, results})}\nmore noise\n`;
		expect(parseEnvelope(stdout)).toEqual({ok: true, results});
	});

	test('keeps the error fields of a failed check', () => {
		const stdout = envelope({
			ok: true,
			results: {
				winrm: {
					ok: false,
					ms: 1,
					error: {
						message: 'Access is denied.',
						errorId: 'AccessDenied,PSSessionOpenFailed',
						exceptionType: 'X',
						category: 'OpenError',
						transportCode: 0,
					},
				},
			},
		});
		expect(parseEnvelope(stdout)).toEqual({
			ok: true,
			results: {
				winrm: {
					ok: false,
					ms: 1,
					error: {
						message: 'Access is denied.',
						errorId: 'AccessDenied,PSSessionOpenFailed',
						exceptionType: 'X',
						category: 'OpenError',
						transportCode: undefined,
					},
				},
			},
		});
	});

	test('finds no envelope in output without one or with a broken one', () => {
		expect(parseEnvelope('nothing here')).toBeUndefined();
		expect(parseEnvelope('@@PROBE@@bm90IGpzb24=')).toBeUndefined();
		expect(parseEnvelope(envelope({ok: 'maybe'}))).toBeUndefined();
	});
});
