import {Box, Text} from 'ink';
import Frame from '../components/Frame.js';
import type {Hint} from '../components/KeyHints.js';
import {pageTitles, stepOf} from '../flow/pages.js';
import {reconfigureLater} from '../flow/skip.js';
import usePageKeys from '../hooks/use-page-keys.js';
import {helpHint, quitHint} from './hints.js';
import type {PageProps} from './props.js';

/**
Page 3 when it cannot be shown: why, what would fix it, and how to configure
Exchange later.
*/
export default function NotShownPage({
	flow,
	width,
	height,
	onNext,
	onBack,
}: PageProps) {
	const hints: Hint[] = [
		['Enter', 'next'],
		['Esc', 'back'],
		helpHint,
		quitHint,
	];
	usePageKeys({
		typing: false,
		hints,
		handle(_input, key) {
			if (key.return) {
				onNext();
			} else if (key.escape) {
				onBack();
			}
		},
	});
	const {skip} = flow;

	return (
		<Frame
			title={pageTitles['not-shown']}
			step={stepOf('not-shown')}
			hints={hints}
			width={width}
			height={height}
		>
			<Text bold>This page is not shown.</Text>
			<Box marginTop={1} flexDirection="column">
				<Text>
					<Text bold>Why: </Text>
					{skip?.reason}
				</Text>
				{skip?.fix ? (
					<Text>
						<Text bold>Fix: </Text>
						{skip.fix}
					</Text>
				) : null}
				<Text>
					<Text bold>Later: </Text>
					{reconfigureLater}
				</Text>
			</Box>
			<Box marginTop={1}>
				<Text dimColor>
					{skip?.kind === 'upgrade'
						? 'Next goes to the summary; the configuration is left untouched.'
						: 'Next goes to the summary, which records that Exchange was skipped and why.'}
				</Text>
			</Box>
		</Frame>
	);
}
