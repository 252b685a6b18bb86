import {Box, Text} from 'ink';
import {useEffect, useSyncExternalStore} from 'react';
import CheckList, {hasFix, type CheckRow} from '../components/CheckList.js';
import Frame from '../components/Frame.js';
import type {Hint} from '../components/KeyHints.js';
import {checkLabels} from '../flow/checks.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import {serverToEnter} from '../flow/skip.js';
import {checkIds, type DetectionReport} from '../detection/types.js';
import usePageKeys from '../hooks/use-page-keys.js';
import type {DetectionRun} from '../wizard/types.js';
import {helpHint, quitHint} from './hints.js';
import type {PageProps} from './props.js';

export type Props = PageProps & {
	readonly run: DetectionRun;
	/** What the checks run against, such as "simulated: contoso-2019". */
	readonly environment: string;
	/** Told when a report settles, and with undefined when checks run again. */
	readonly onReport: (report: DetectionReport | undefined) => void;
};

/**
Page 2: the live list of checks. Esc cancels what still runs (it goes Back
only once everything has settled), R runs failed checks again, Enter goes on
once settled.
*/
export default function DetectingPage({
	flow,
	run,
	environment,
	width,
	height,
	onReport,
	onNext,
	onBack,
}: Props) {
	const state = useSyncExternalStore(run.subscribe, run.state, run.state);
	const report = run.report();
	useEffect(() => {
		onReport(report);
	}, [report, onReport]);

	const rows: CheckRow[] = checkIds.map(id => {
		const check = state[id] ?? {phase: 'pending' as const};
		return {
			id,
			label: checkLabels[id],
			phase: check.phase,
			result: check.phase === 'done' ? check.result : undefined,
		};
	});
	// Settled once the app holds the report too, so Enter never races it.
	const settled = report !== undefined && flow.report === report;
	const failed = rows.filter(row => row.result?.status === 'fail').length;
	// The frame leaves height - 5 rows; the heading, the checks and the
	// outcome take their share, and the fixes that fit get the rest. The
	// outcome wraps, so it is measured too: cut off at the frame's foot, its
	// end (often the reason the next page is not shown) would be lost.
	const withFix = rows.filter(row => hasFix(row));
	const fixesThatFit = (outcomeRows: number) => {
		let spare = height - 5 - 1 - rows.length - 1 - outcomeRows;
		let fit = 0;
		for (const row of withFix) {
			const lines = wrappedRows(6 + (row.result?.fix?.length ?? 0), width - 6);
			if (lines > spare) {
				break;
			}

			spare -= lines;
			fit++;
		}

		return fit;
	};

	const outcomeRows = (hidden: number) =>
		report && settled
			? wrappedRows(outcomeText(report, hidden).length, width - 4)
			: 1;
	let maxFixes = fixesThatFit(outcomeRows(0));
	if (maxFixes < withFix.length) {
		// The outcome then also says how many fixes are left out.
		maxFixes = fixesThatFit(outcomeRows(withFix.length - maxFixes));
	}

	const hiddenFixes = withFix.length - maxFixes;

	const hints: Hint[] = settled
		? [
				['Enter', 'next'],
				...(failed > 0 ? [['R', 'retry failed'] as const] : []),
				['Esc', 'back'],
				helpHint,
				quitHint,
			]
		: [['Esc', 'cancel checks'], helpHint, quitHint];

	usePageKeys({
		typing: false,
		hints,
		handle(input, key) {
			if (key.escape) {
				(settled ? onBack : run.cancel)();
			} else if (key.return && settled) {
				onNext();
			} else if ((input === 'r' || input === 'R') && settled && failed > 0) {
				run.retry();
			}
		},
	});

	return (
		<Frame
			title={pageTitles.detecting}
			step={stepOf('detecting')}
			hints={hints}
			width={width}
			height={height}
		>
			<Text dimColor wrap="truncate-end">
				Checking {environment}
			</Text>
			<CheckList rows={rows} width={width - 4} maxFixes={maxFixes} />
			<Box marginTop={1} flexDirection="column">
				{report && settled ? (
					<Outcome report={report} hiddenFixes={hiddenFixes} />
				) : (
					<Text dimColor>Checks still running; Esc cancels them.</Text>
				)}
			</Box>
		</Frame>
	);
}

/** The outcome's heading and text, as one string and as parts. */
function outcomeParts(
	report: DetectionReport,
	hiddenFixes: number,
): {heading: string; colour: 'red' | 'yellow' | 'green'; text: string} {
	const {prerequisites, proposal} = report;
	const more =
		hiddenFixes > 0
			? ` (fixes for ${hiddenFixes} more: k2-exchange-setup detect)`
			: '';
	if (!prerequisites.met && serverToEnter(report)) {
		return {
			heading: 'Nothing discovered:',
			colour: 'yellow',
			text: `${prerequisites.reason}; the next page takes the server's name.${more}`,
		};
	}

	if (!prerequisites.met) {
		return {
			heading:
				report.findings.installMode === 'upgrade'
					? 'Not configured in an upgrade:'
					: 'Prerequisites missing:',
			colour: 'red',
			text: `${prerequisites.reason ?? ''}${more}`,
		};
	}

	return {
		heading: 'Proposal:',
		colour: 'green',
		text: `${proposal.reason || 'none'}${more}`,
	};
}

function outcomeText(report: DetectionReport, hiddenFixes: number): string {
	const {heading, text} = outcomeParts(report, hiddenFixes);
	return `${heading} ${text}`;
}

/**
Rows a text of `length` characters takes when wrapped at `columns`. Words
wrap, so a row holds somewhat less than the full width: a long word moved
to the next row leaves the end of this one empty.
*/
function wrappedRows(length: number, columns: number): number {
	return Math.max(1, Math.ceil(length / Math.max(1, columns - 10)));
}

function Outcome({
	report,
	hiddenFixes,
}: {
	readonly report: DetectionReport;
	readonly hiddenFixes: number;
}) {
	const {heading, colour, text} = outcomeParts(report, hiddenFixes);
	return (
		<Text>
			<Text color={colour}>{heading}</Text> {text}
		</Text>
	);
}
