import {Text} from 'ink';

export type Props = {
	readonly label: string;
	readonly isFocused: boolean;
};

/** An action on the page; Enter presses it while it has focus. */
export default function Button({label, isFocused}: Props) {
	return isFocused ? (
		<Text inverse bold>
			{` ${label} `}
		</Text>
	) : (
		<Text>[{label}]</Text>
	);
}
