import {Text} from 'ink';

export type Hint = readonly [key: string, action: string];

export type Props = {
	/** The keys that do something right now, with what they do. */
	readonly hints: readonly Hint[];
};

/** The footer line that lists the keys in use. */
export default function KeyHints({hints}: Props) {
	return (
		<Text wrap="truncate-end">
			{hints.map(([key, action], index) => (
				<Text key={key}>
					{index > 0 ? '  ' : ''}
					<Text bold>{key}</Text> <Text dimColor>{action}</Text>
				</Text>
			))}
		</Text>
	);
}
