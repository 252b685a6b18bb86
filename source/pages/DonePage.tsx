import {Box, Text} from 'ink';
import Frame from '../components/Frame.js';
import type {Hint} from '../components/KeyHints.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import usePageKeys from '../hooks/use-page-keys.js';
import {quitHint} from './hints.js';
import type {PageProps} from './props.js';

export type Written = {
	/** Set when the configuration was applied. */
	readonly configPath?: string;
	readonly backupPath?: string | null;
	readonly changed?: boolean;
	readonly answersPath?: string;
	/** Why the answer file could not be saved after applying. */
	readonly answersProblem?: string;
	readonly transcriptPath?: string;
	/** Set when nothing was written on purpose (an upgrade). */
	readonly keptBecause?: string;
};

export type Props = Omit<PageProps, 'onChange' | 'onBack'> & {
	readonly written: Written;
};

/** Page 6: where everything was written. */
export default function DonePage({width, height, written, onNext}: Props) {
	const hints: Hint[] = [['Enter', 'close'], quitHint];
	usePageKeys({
		typing: false,
		hints,
		handle(_input, key) {
			if (key.return || key.escape) {
				onNext();
			}
		},
	});

	return (
		<Frame
			title={pageTitles.done}
			step={stepOf('done')}
			hints={hints}
			width={width}
			height={height}
		>
			<Box flexDirection="column" gap={1}>
				<Entry label="Configuration" value={configuration(written)} />
				{written.backupPath ? (
					<Entry label="Previous version" value={written.backupPath} />
				) : null}
				<Entry label="Answer file" value={answerFile(written)} />
				<Entry
					label="Transcript"
					value={
						written.transcriptPath ??
						'not kept (run with --log FILE to keep one)'
					}
				/>
			</Box>
		</Frame>
	);
}

function answerFile(written: Written): string {
	if (written.answersProblem) {
		return `not saved: ${written.answersProblem}`;
	}

	return written.answersPath ?? 'not saved';
}

function configuration(written: Written): string {
	if (written.keptBecause) {
		return `not changed: ${written.keptBecause}`;
	}

	if (!written.configPath) {
		return 'not written (only the answer file was saved)';
	}

	return written.changed === false
		? `${written.configPath} (already up to date, not rewritten)`
		: written.configPath;
}

function Entry({
	label,
	value,
}: {
	readonly label: string;
	readonly value: string;
}) {
	return (
		<Box flexDirection="column">
			<Text bold>{label}</Text>
			<Box marginLeft={2}>
				<Text>{value}</Text>
			</Box>
		</Box>
	);
}
