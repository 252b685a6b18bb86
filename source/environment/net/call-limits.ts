/*
Every network call ends on the first of three things: the caller's signal,
the call's time limit, or the network being disposed. The call's own code
only has to stop its work; this module remembers why it was stopped, so the
outcome can say so.
*/
import type {CallOptions, ProbeError} from '../types.js';

export type CallLimits = {
	/** Aborted when the call must stop; `reason()` then says why. */
	readonly signal: AbortSignal;
	/** Why the call was stopped, or undefined while it may go on. */
	reason(): ProbeError | undefined;
	/** Stops watching: call it once the call has settled. */
	release(): void;
};

export function limitCall(
	options: CallOptions | undefined,
	disposed: AbortSignal,
	defaultTimeoutMs: number,
): CallLimits {
	const controller = new AbortController();
	let reason: ProbeError | undefined;
	const stop = (error: ProbeError) => {
		if (reason) {
			return;
		}

		reason = error;
		controller.abort();
	};

	const onCallerAbort = () => {
		stop({category: 'cancelled', message: 'The call was cancelled.'});
	};

	const onDispose = () => {
		stop({
			category: 'cancelled',
			message: 'The network was disposed while the call ran.',
		});
	};

	const timeoutMs = options?.timeoutMs ?? defaultTimeoutMs;
	const timer = setTimeout(() => {
		stop({
			category: 'timeout',
			message: `No answer within ${timeoutMs} ms.`,
		});
	}, timeoutMs);

	const caller = options?.signal;
	if (caller?.aborted) {
		onCallerAbort();
	} else {
		caller?.addEventListener('abort', onCallerAbort, {once: true});
	}

	if (disposed.aborted) {
		onDispose();
	} else {
		disposed.addEventListener('abort', onDispose, {once: true});
	}

	return {
		signal: controller.signal,
		reason: () => reason,
		release() {
			clearTimeout(timer);
			caller?.removeEventListener('abort', onCallerAbort);
			disposed.removeEventListener('abort', onDispose);
		},
	};
}
