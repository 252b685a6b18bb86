import {Box, Text} from 'ink';
import Spinner from 'ink-spinner';
import type {CheckResult} from '../detection/types.js';
import {useGlyphs} from './Glyphs.js';

export type CheckRow = {
	readonly id: string;
	readonly label: string;
	readonly phase: 'pending' | 'running' | 'done';
	/** Set once the check is done. */
	readonly result?: CheckResult;
};

export type Props = {
	readonly rows: readonly CheckRow[];
	/** Columns available, for truncating findings. */
	readonly width: number;
	/**
	Fix lines that fit under the checks; later failures show none.
	@default Infinity
	*/
	readonly maxFixes?: number;
};

/**
The live list of checks: a spinner while one runs, then its mark, duration
and finding, and for a failure or warning the fix on the line below.
*/
export default function CheckList({
	rows,
	width,
	maxFixes = Number.POSITIVE_INFINITY,
}: Props) {
	const withFix = new Set(
		rows
			.filter(row => hasFix(row))
			.slice(0, maxFixes)
			.map(row => row.id),
	);
	const labelWidth = Math.max(...rows.map(row => row.label.length)) + 1;
	return (
		<Box flexDirection="column">
			{rows.map(row => (
				<Box key={row.id} flexDirection="column">
					<Box>
						<Box width={2} flexShrink={0}>
							<Mark row={row} />
						</Box>
						<Box width={labelWidth} flexShrink={0}>
							<Text>{row.label}</Text>
						</Box>
						<Box width={8} flexShrink={0}>
							<Text dimColor>
								{row.result ? formatDuration(row.result.ms) : ''}
							</Text>
						</Box>
						<Box width={Math.max(10, width - labelWidth - 10)}>
							<Text wrap="truncate-end" dimColor={row.phase !== 'done'}>
								{row.result?.summary ??
									(row.phase === 'running' ? 'checking' : 'waiting')}
							</Text>
						</Box>
					</Box>
					{withFix.has(row.id) ? (
						<Box marginLeft={2}>
							<Text color="yellow">Fix: {row.result?.fix}</Text>
						</Box>
					) : null}
				</Box>
			))}
		</Box>
	);
}

export function hasFix(row: CheckRow): boolean {
	const status = row.result?.status;
	return Boolean(row.result?.fix) && (status === 'fail' || status === 'warn');
}

function Mark({row}: {readonly row: CheckRow}) {
	const glyphs = useGlyphs();
	if (row.phase === 'running') {
		return (
			<Text color="cyan">
				<Spinner type={glyphs.spinner} />
			</Text>
		);
	}

	if (!row.result) {
		return <Text dimColor>{glyphs.pending}</Text>;
	}

	switch (row.result.status) {
		case 'pass': {
			return <Text color="green">{glyphs.pass}</Text>;
		}

		case 'warn': {
			return <Text color="yellow">{glyphs.warn}</Text>;
		}

		case 'fail': {
			return <Text color="red">{glyphs.fail}</Text>;
		}

		case 'skip': {
			return <Text dimColor>{glyphs.skip}</Text>;
		}
	}
}

/** "0.4 s", "12 s", "250 ms": short enough for a fixed column. */
export function formatDuration(ms: number): string {
	if (ms < 1000) {
		return `${Math.round(ms)} ms`;
	}

	const seconds = ms / 1000;
	return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
