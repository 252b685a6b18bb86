import {Text} from 'ink';

export type Props = {
	readonly message: string | undefined;
};

/** The problem with the field above it, in its own line under the field. */
export default function FieldError({message}: Props) {
	if (!message) {
		return null;
	}

	return (
		<Text color="red" wrap="truncate-end">
			{'    '}
			{message}
		</Text>
	);
}
