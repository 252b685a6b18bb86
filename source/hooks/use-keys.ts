/*
The app's one keyboard listener. Ink's useInput reports F1 as an empty input
with no flag set, so the raw sequence is read alongside it to tell F1 apart.
It also reads a line feed as Enter: a key pressed before the terminal is in
raw mode (while the wizard starts) arrives as one, and Ink 6 reports it as
neither Enter nor text.

Several keys read at once (typed ahead over a slow link, or sent by tmux in
one write) are taken apart and handed over one by one, each after the
screen has caught up with the one before, so a Tab moves focus before the
text that follows it is typed.
*/
import {useInput, useStdin, type Key} from 'ink';
import {
	createContext,
	useCallback,
	useContext,
	useEffect,
	useLayoutEffect,
	useMemo,
	useRef,
	useState,
} from 'react';
import {
	firstCharacter,
	holdsSeveralKeys,
	splitKeys,
	type KeyEvent,
} from './split-keys.js';

export type Keys = Key & {readonly f1: boolean};

export type KeyOptions = {
	/**
	Whether printable keys are text now (a text field has focus). When not,
	typed-ahead text is handed over one character at a time, as keys.
	@default () => true
	*/
	readonly typing?: () => boolean;
};

export type KeyListener = (input: string, key: Key) => void;

/**
How a text editor hears keys: from the app's listener, one key at a time,
rather than from Ink, which would give it typed-ahead keys all at once.
*/
export type KeyBus = {
	/** Returns the unsubscribe function. */
	readonly subscribe: (listener: KeyListener) => () => void;
};

export const KeyBusContext = createContext<KeyBus | undefined>(undefined);

/**
Hears every key the app's listener hands over, while `isActive`; with no
app around it (a component on its own in a test) it listens to Ink instead.
*/
export function useKeyListener(listener: KeyListener): void {
	const bus = useContext(KeyBusContext);
	useLayoutEffect(() => bus?.subscribe(listener), [bus, listener]);
	useInput(listener, {isActive: bus === undefined});
}

// F1: xterm and Windows Terminal, PuTTY and rxvt, the Linux console, CSI form.
const f1Sequences = new Set([
	'\u001BOP',
	'\u001B[11~',
	'\u001B[[A',
	'\u001B[P',
]);

const useKeys = (
	handler: (input: string, key: Keys) => void,
	options: KeyOptions = {},
): KeyBus => {
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

	// `useInput` subscribes again whenever its callback changes, in an effect
	// that React runs a moment after the frame is drawn; a key read in that
	// moment would go to the previous render's handler and act on stale
	// state. One stable callback that calls the latest handler closes that gap.
	const latest = useRef(handler);
	const typing = useRef(options.typing);
	useLayoutEffect(() => {
		latest.current = handler;
		typing.current = options.typing;
	});

	// Text editors hear each key first; the handler then acts on the rest.
	const listeners = useRef(new Set<KeyListener>());
	const bus = useMemo<KeyBus>(
		() => ({
			subscribe(listener) {
				listeners.current.add(listener);
				return () => {
					listeners.current.delete(listener);
				};
			},
		}),
		[],
	);
	const deliver = useCallback((input: string, key: Keys) => {
		for (const listener of listeners.current) {
			listener(input, key);
		}

		latest.current(input, key);
	}, []);

	// Keys still to hand over, and whether the last one handed over has
	// reached the screen yet (its effects ran, so `latest` is current).
	const queue = useRef<Array<KeyEvent & {key: {f1?: boolean}}>>([]);
	const waiting = useRef(false);
	const [turn, setTurn] = useState(0);

	const handOver = useCallback(() => {
		let event = queue.current.shift();
		if (!event) {
			return;
		}

		if (!(typing.current?.() ?? true)) {
			const [first, rest] = firstCharacter(event);
			if (rest) {
				queue.current.unshift(rest);
			}

			event = first;
		}

		waiting.current = true;
		deliver(event.input, {f1: false, ...event.key});
		setTurn(count => count + 1);
	}, [deliver]);

	useEffect(() => {
		waiting.current = false;
		if (queue.current.length === 0) {
			return;
		}

		// On the next turn of the event loop, not inside this effect, so a
		// long run of keys is not one ever deeper chain of updates.
		const timer = setImmediate(handOver);
		return () => {
			clearImmediate(timer);
		};
	}, [turn, handOver]);

	const onInput = useCallback(
		(input: string, key: Key) => {
			const chunk = raw.current;
			const several = holdsSeveralKeys(chunk);
			const keys: Keys = {
				...key,
				return: key.return || chunk === '\n',
				f1: f1Sequences.has(chunk),
			};
			const idle = queue.current.length === 0 && !waiting.current;
			if (!several && idle) {
				deliver(input, keys);
				return;
			}

			const events = several ? splitKeys(chunk) : [{input, key: keys}];
			queue.current.push(...events);
			if (idle) {
				handOver();
			}
		},
		[handOver, deliver],
	);
	useInput(onInput);
	return bus;
};

export default useKeys;
