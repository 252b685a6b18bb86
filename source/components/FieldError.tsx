import {Box, Text} from 'ink';

export type Props = {
	readonly message: string | undefined;
};

/** The problem with the field above it, in its own line under the field. */
export default function FieldError({message}: Props) {
	if (!message) {
		return null;
	}

	return (
		<Box marginLeft={4}>
			<Text color="red">{message}</Text>
		</Box>
	);
}
