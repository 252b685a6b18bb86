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
	/** Where the protected Static password was saved. */
	readonly credentialPath?: string;
	/** The answers are Static's, whose password no answer file holds. */
	readonly replayNeedsPassword?: boolean;
	readonly transcriptPath?: string;
	/** Set when nothing was written on purpose (an upgrade). */
	readonly keptBecause?: string;
};

export type Props = Omit<PageProps, 'onChange' | 'onBack'> & {
	readonly written: Written;
};

/** The answer file holds no password; its replay takes it on stdin. */
export const replayWithPassword = [
	'It holds no password; replay it with the password piped in:',
	'k2-exchange-setup --non-interactive --answers FILE --password-stdin',
];

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
				{written.credentialPath ? (
					<Entry
						label="Static password"
						value={`${written.credentialPath} (DPAPI-protected)`}
					/>
				) : null}
				<Entry
					label="Answer file"
					value={answerFile(written)}
					notes={
						written.replayNeedsPassword && written.answersPath
							? replayWithPassword
							: undefined
					}
				/>
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
	notes,
}: {
	readonly label: string;
	readonly value: string;
	/** What to know about it, dimmed under the value, a line each. */
	readonly notes?: readonly string[];
}) {
	return (
		<Box flexDirection="column">
			<Text bold>{label}</Text>
			<Box marginLeft={2} flexDirection="column">
				<Text>{value}</Text>
				{notes?.map(note => (
					<Text key={note} dimColor>
						{note}
					</Text>
				))}
			</Box>
		</Box>
	);
}
