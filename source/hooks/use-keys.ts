/*
The app's one keyboard listener. Ink's useInput reports F1 as an empty input
with no flag set, so the raw sequence is read alongside it to tell F1 apart.
It also reads a line feed as Enter: a key pressed before the terminal is in
raw mode (while the wizard starts) arrives as one, and Ink 6 reports it as
neither Enter nor text.
*/
import {useInput, useStdin, type Key} from 'ink';
import {useCallback, useEffect, useLayoutEffect, useRef} from 'react';

export type Keys = Key & {readonly f1: boolean};

// xterm and Windows Terminal, PuTTY and rxvt, the Linux console, CSI form.
const f1Sequences = new Set([
	'\u001BOP',
	'\u001B[11~',
	'\u001B[[A',
	'\u001B[P',
]);

const useKeys = (handler: (input: string, key: Keys) => void): void => {
	// Note: internal_eventEmitter is the emitter useInput itself reads; the
	// tap is added first so it has seen a key before useInput reports it.
	const {internal_eventEmitter: emitter} = useStdin();
	const raw = useRef('');
	useEffect(() => {
		const tap = (data: string) => {
			raw.current = data;
		};

		emitter.prependListener('input', tap);
		return () => {
			emitter.removeListener('input', tap);
		};
	}, [emitter]);

	// useInput subscribes again whenever its callback changes, in an effect
	// that React runs a moment after the frame is drawn; a key read in that
	// moment would go to the previous render's handler and act on stale
	// state. One stable callback that calls the latest handler closes that gap.
	const latest = useRef(handler);
	useLayoutEffect(() => {
		latest.current = handler;
	});
	const onInput = useCallback((input: string, key: Key) => {
		latest.current(input, {
			...key,
			return: key.return || raw.current === '\n',
			f1: f1Sequences.has(raw.current),
		});
	}, []);
	useInput(onInput);
};

export default useKeys;
