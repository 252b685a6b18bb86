/*
Small shared pieces for turning facts into check results.
*/
import {explainCategory} from '../environment/classify.js';
import type {ProbeError} from '../environment/types.js';
import type {CheckId, CheckResult} from './types.js';

/** A check result before the runner stamps the stage's wall time on it. */
export type Verdict = Omit<CheckResult, 'ms'> & {
	/** Failed because the world failed (not because of what it reported). */
	readonly retryable?: boolean;
};

export const retryFix = 'retry (R) or raise --timeout';

export function formatSeconds(ms: number): string {
	const seconds = Math.round(ms / 100) / 10;
	return `${seconds} s`;
}

export function pass(id: CheckId, summary: string): Verdict {
	return {id, status: 'pass', summary, fix: null};
}

export function warn(id: CheckId, summary: string, fix: string): Verdict {
	return {id, status: 'warn', summary, fix};
}

export function fail(id: CheckId, summary: string, fix: string): Verdict {
	return {id, status: 'fail', summary, fix};
}

export function skip(id: CheckId, summary: string): Verdict {
	return {id, status: 'skip', summary, fix: null};
}

export function stopped(
	id: CheckId,
	reason: 'timeout' | 'cancelled',
	timeoutMs: number,
): Verdict {
	return {
		id,
		status: 'fail',
		summary:
			reason === 'cancelled'
				? 'cancelled'
				: `timed out after ${formatSeconds(timeoutMs)}`,
		fix: retryFix,
		retryable: true,
	};
}

function capitalize(text: string): string {
	return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
A failed call as a failed check: the category's problem as the summary
(after `context`, when given, such as the server asked), its fix as the fix.
*/
export function failedCall(
	id: CheckId,
	context: string | undefined,
	error: ProbeError,
	timeoutMs: number,
): Verdict {
	if (error.category === 'timeout' || error.category === 'cancelled') {
		return stopped(id, error.category, timeoutMs);
	}

	const {problem, fix} = explainCategory(error.category);
	const detail =
		error.category === 'unknown' ? `: ${firstLine(error.message, 60)}` : '';
	return {
		id,
		status: 'fail',
		summary: context
			? `${context}: ${problem}${detail}`
			: `${capitalize(problem)}${detail}`,
		fix,
		retryable: true,
	};
}

export function firstLine(text: string, max = 120): string {
	const line = text.split(/\r?\n/)[0]?.trim() ?? '';
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
