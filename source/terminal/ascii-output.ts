/*
Ink shortens a line that does not fit with an ellipsis character (…) of
its own, which no glyph set can swap. With --ascii, the wizard's output goes
through this stream, which draws it as a full stop: one column, as the
ellipsis was, so the layout does not move.
*/

const inkEllipsis = '\u2026';

export function withoutEllipsis(text: string): string {
	return text.replaceAll(inkEllipsis, '.');
}

/**
The stream as it is (size, events, raw mode) except that what is written
has Ink's ellipsis replaced.
*/
export function asciiOutput(stream: NodeJS.WriteStream): NodeJS.WriteStream {
	const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean =>
		(stream.write as (...arguments_: unknown[]) => boolean)(
			typeof chunk === 'string' ? withoutEllipsis(chunk) : chunk,
			...rest,
		);

	return new Proxy(stream, {
		get(target, property) {
			if (property === 'write') {
				return write;
			}

			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function'
				? (value.bind(target) as unknown)
				: value;
		},
	});
}
