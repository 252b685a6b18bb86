/*
Waiting that honours CallOptions: a delay ends early when the signal aborts
or the time limit passes first, and a hang (an infinite delay) ends only then.
*/
import type {CallOptions, ProbeError} from './types.js';

export type WaitResult = 'done' | 'timeout' | 'cancelled';

/**
Waits `ms` milliseconds (Infinity: until stopped). Resolves, never rejects.
*/
export async function waitFor(
	ms: number,
	options: CallOptions = {},
): Promise<WaitResult> {
	const {signal, timeoutMs} = options;
	if (signal?.aborted) {
		return 'cancelled';
	}

	const limit = timeoutMs ?? Number.POSITIVE_INFINITY;
	if (ms <= 0 && limit > 0) {
		return 'done';
	}

	return new Promise(resolve => {
		const timers: Array<ReturnType<typeof setTimeout>> = [];
		const finish = (result: WaitResult) => {
			for (const timer of timers) {
				clearTimeout(timer);
			}

			signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};

		const onAbort = () => {
			finish('cancelled');
		};

		signal?.addEventListener('abort', onAbort, {once: true});
		// The limit wins a tie: a call that needs exactly its whole budget has
		// not answered within it.
		if (Number.isFinite(limit)) {
			timers.push(
				setTimeout(() => {
					finish('timeout');
				}, limit),
			);
		}

		if (Number.isFinite(ms) && ms < limit) {
			timers.push(
				setTimeout(() => {
					finish('done');
				}, ms),
			);
		}
	});
}

/** The error a call reports when it was stopped while waiting. */
export function stoppedError(
	result: 'timeout' | 'cancelled',
	options: CallOptions,
): ProbeError {
	return result === 'cancelled'
		? {category: 'cancelled', message: 'The operation was cancelled.'}
		: {
				category: 'timeout',
				message: `The operation timed out after ${options.timeoutMs ?? 0} ms.`,
			};
}
