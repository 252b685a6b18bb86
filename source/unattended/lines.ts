/*
Plain lines for the faces without Ink: detection results, problems and
changes, with no colour and no cursor movement, so they read the same in a
terminal, a CI log and a configuration-management report.
*/
import type {ConfigChange} from '../plan/diff.js';
import {
	checkIds,
	type CheckResult,
	type CheckStatus,
} from '../detection/types.js';

const unicodeMarks: Record<CheckStatus, string> = {
	pass: '✓',
	warn: '!',
	fail: '✗',
	skip: '-',
};

const asciiMarks: Record<CheckStatus, string> = {
	pass: '[ok]  ',
	warn: '[warn]',
	fail: '[FAIL]',
	skip: '[skip]',
};

/** One check on one line, and its fix on the next when there is one. */
export function checkLines(result: CheckResult, ascii: boolean): string[] {
	const mark = (ascii ? asciiMarks : unicodeMarks)[result.status];
	const ms = `${result.ms} ms`.padStart(8);
	const lines = [`${mark} ${result.id.padEnd(13)} ${ms}  ${result.summary}`];
	if (result.fix && result.status !== 'pass') {
		lines.push(`${' '.repeat(ascii ? 7 : 2)}fix: ${result.fix}`);
	}

	return lines;
}

export function changeLine(change: ConfigChange): string {
	const show = (value: unknown) => JSON.stringify(value);
	switch (change.kind) {
		case 'added': {
			return `+ ${change.path} = ${show(change.after)}`;
		}

		case 'removed': {
			return `- ${change.path} (was ${show(change.before)})`;
		}

		case 'changed': {
			return `~ ${change.path}: ${show(change.before)} -> ${show(change.after)}`;
		}
	}
}

/** The checks in the contract's order, with the contract's keys only. */
export function orderedChecks(checks: readonly CheckResult[]): CheckResult[] {
	return checkIds.flatMap(id =>
		checks
			.filter(check => check.id === id)
			.map(({status, ms, summary, fix}) => ({id, status, ms, summary, fix})),
	);
}
