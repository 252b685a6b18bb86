/*
Waiting for a promise whose failure does not matter to the caller.
*/

/**
Resolves once `promise` settles, whichever way. A rejection is dropped
here, so it is never reported as unhandled.
*/
export async function settled(promise: Promise<unknown>): Promise<void> {
	try {
		await promise;
	} catch {
		// Dropped on purpose: see above.
	}
}
