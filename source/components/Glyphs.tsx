/*
The drawing characters of the screen, in one place, so `--ascii` can swap
them all for consoles whose fonts lack box-drawing and symbol characters.
*/
import {
	createContext,
	useContext,
	type ComponentProps,
	type ReactNode,
} from 'react';
import type {BoxProps} from 'ink';
import type Spinner from 'ink-spinner';

type SpinnerName = NonNullable<ComponentProps<typeof Spinner>['type']>;

export type GlyphSet = {
	readonly border: NonNullable<BoxProps['borderStyle']>;
	readonly spinner: SpinnerName;
	readonly checked: string;
	readonly unchecked: string;
	readonly chosen: string;
	readonly notChosen: string;
	readonly pointer: string;
	readonly pass: string;
	readonly warn: string;
	readonly fail: string;
	readonly skip: string;
	readonly pending: string;
	readonly open: string;
	readonly more: {readonly up: string; readonly down: string};
	readonly ellipsis: string;
};

export const unicodeGlyphs: GlyphSet = {
	border: 'round',
	spinner: 'dots',
	checked: '[x]',
	unchecked: '[ ]',
	chosen: '(•)',
	notChosen: '( )',
	pointer: '›',
	pass: '✔',
	warn: '⚠',
	fail: '✖',
	skip: '–',
	pending: '·',
	open: '▾',
	more: {up: '↑', down: '↓'},
	ellipsis: '…',
};

export const asciiGlyphs: GlyphSet = {
	border: 'classic',
	spinner: 'line',
	checked: '[x]',
	unchecked: '[ ]',
	chosen: '(*)',
	notChosen: '( )',
	pointer: '>',
	pass: '+',
	warn: '!',
	fail: 'x',
	skip: '-',
	pending: '.',
	open: 'v',
	more: {up: '^', down: 'v'},
	ellipsis: '...',
};

const GlyphContext = createContext<GlyphSet>(unicodeGlyphs);

export type Props = {
	/** Use plain ASCII instead of Unicode symbols and box drawing. */
	// eslint-disable-next-line react/boolean-prop-naming -- as --ascii says it
	readonly ascii: boolean;
	readonly children: ReactNode;
};

/** Chooses the glyph set for everything below it. */
export default function Glyphs({ascii, children}: Props) {
	return (
		<GlyphContext.Provider value={ascii ? asciiGlyphs : unicodeGlyphs}>
			{children}
		</GlyphContext.Provider>
	);
}

export function useGlyphs(): GlyphSet {
	return useContext(GlyphContext);
}
