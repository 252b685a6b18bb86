/*
How keys reach the page on screen. The app owns the only useInput and asks
the page that registered last what a key means; pages never listen
themselves, so swapping pages never adds or removes an input listener.
*/
import type {Key} from 'ink';
import {
	createContext,
	useContext,
	useLayoutEffect,
	type RefObject,
} from 'react';
import type {Hint} from '../components/KeyHints.js';

export type PageKeys = {
	/** Acts on a key; the app has already handled Ctrl+C and help. */
	readonly handle: (input: string, key: Key) => void;
	/** A text field has focus: printable keys are text, not commands. */
	readonly typing: boolean;
	/** The keys this page offers now, for the footer. */
	readonly hints: readonly Hint[];
};

export const PageKeysContext = createContext<
	RefObject<PageKeys | undefined> | undefined
>(undefined);

const usePageKeys = (keys: PageKeys): void => {
	const ref = useContext(PageKeysContext);
	useLayoutEffect(() => {
		if (!ref) {
			return;
		}

		ref.current = keys;
		// A page that goes away takes its keys with it.
		return () => {
			ref.current = undefined;
		};
	});
};

export default usePageKeys;
