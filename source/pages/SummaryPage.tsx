import {Box, Text} from 'ink';
import {useState} from 'react';
import Button from '../components/Button.js';
import Frame from '../components/Frame.js';
import Viewport, {clampOffset} from '../components/Viewport.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import {changeLines, summaryLines, type SummaryLine} from '../flow/summary.js';
import useForm, {type Control} from '../hooks/use-form.js';
import usePageKeys from '../hooks/use-page-keys.js';
import type {ConfigChange} from '../plan/diff.js';
import type {ConfigDocument} from '../plan/types.js';
import {formHints} from './hints.js';
import type {PageProps} from './props.js';

export type Props = PageProps & {
	readonly document: ConfigDocument;
	/** The difference from the configuration on disk, on a reconfigure. */
	readonly changes: readonly ConfigChange[] | undefined;
	/** An upgrade writes nothing: the action finishes instead of applying. */
	// eslint-disable-next-line react/boolean-prop-naming -- what Apply does
	readonly writes: boolean;
	/** What is being written, while it is. */
	readonly busy: string | undefined;
	/** Why the last write failed. */
	readonly failure: string | undefined;
	readonly onApply: () => void;
	readonly onSaveAnswers: () => void;
};

const tones = {
	heading: {bold: true},
	added: {color: 'green'},
	removed: {color: 'red'},
	changed: {color: 'yellow'},
	note: {dimColor: true},
} as const;

/**
Page 5: everything that will be written, and on a reconfigure what changes.
Apply writes it; Save answer file only writes the choices and nothing else.
*/
export default function SummaryPage({
	flow,
	width,
	height,
	onBack,
	document,
	changes,
	writes,
	busy,
	failure,
	onApply,
	onSaveAnswers,
}: Props) {
	const [offset, setOffset] = useState(0);
	const lines = wrapLines(
		[
			...(flow.skip?.kind === 'upgrade'
				? [
						{text: 'Nothing is written.', tone: 'heading'} as const,
						{text: `Reason: ${flow.skip.reason}`},
					]
				: summaryLines(document)),
			...(changes && writes ? changeLines(changes) : []),
		],
		width - 4,
	);
	// A failure says what was not written and what to do, so it may take up
	// to three rows; the list gives them up.
	const statusRows = failure && !busy ? wrappedRows(failure, width - 4) : 1;
	// Inside the frame: height - 5 rows, less the buttons and the status.
	const viewHeight = height - 5 - 2 - statusRows;
	const page = Math.max(1, viewHeight - 3);

	const controls: Control[] = [
		{kind: 'button', id: 'apply', onPress: onApply},
		{kind: 'button', id: 'back', onPress: onBack},
		{kind: 'button', id: 'save', onPress: onSaveAnswers},
	];
	const form = useForm({
		controls,
		onNext: onApply,
		onBack,
		onOtherKey(_input, key) {
			if (key.pageDown || key.pageUp) {
				const delta = key.pageDown ? page : -page;
				setOffset(clampOffset(offset + delta, lines.length, viewHeight));
			}
		},
	});
	const hints = busy
		? []
		: [
				...(lines.length > viewHeight
					? [['PgUp/PgDn', 'scroll'] as const]
					: []),
				...formHints(form, controls),
			];
	usePageKeys({
		handle: busy ? () => undefined : form.handle,
		typing: false,
		hints,
	});

	return (
		<Frame
			title={pageTitles.summary}
			step={stepOf('summary')}
			hints={hints}
			width={width}
			height={height}
		>
			<Box height={viewHeight} flexDirection="column">
				<Viewport
					offset={offset}
					height={viewHeight}
					rows={lines.map((line, index) => (
						<Text
							// eslint-disable-next-line react/no-array-index-key
							key={index}
							{...(line.tone ? tones[line.tone] : {})}
						>
							{line.text}
						</Text>
					))}
				/>
			</Box>
			<Box height={statusRows} overflow="hidden">
				<Text
					color={failure && !busy ? 'red' : undefined}
					wrap={statusRows > 1 ? 'wrap' : 'truncate-end'}
				>
					{busy ?? failure ?? ' '}
				</Text>
			</Box>
			<Box marginTop={1} gap={2}>
				<Button
					label={writes ? 'Apply' : 'Finish'}
					isFocused={form.focused === 'apply'}
				/>
				<Button label="Back" isFocused={form.focused === 'back'} />
				<Button
					label="Save answer file only"
					isFocused={form.focused === 'save'}
				/>
			</Box>
		</Frame>
	);
}

/** Rows a message takes wrapped at `width`, at most three. */
function wrappedRows(text: string, width: number): number {
	// Words wrap, so a row holds a little less than the full width.
	return Math.min(3, Math.ceil(text.length / Math.max(1, width - 8)));
}

/**
Breaks lines longer than the page, at a space where there is one, so each
row of the viewport is one line.
*/
function wrapLines(
	lines: readonly SummaryLine[],
	width: number,
): SummaryLine[] {
	return lines.flatMap(line => {
		const parts: SummaryLine[] = [];
		let rest = line.text;
		let indent = '';
		while (indent.length + rest.length > width) {
			const room = width - indent.length;
			const space = rest.lastIndexOf(' ', room);
			const cut = space > room / 2 ? space : room;
			parts.push({...line, text: indent + rest.slice(0, cut).trimEnd()});
			rest = rest.slice(cut).trimStart();
			indent = '    ';
		}

		parts.push({...line, text: indent + rest});
		return parts;
	});
}
