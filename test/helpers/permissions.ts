import {stat} from 'node:fs/promises';

/** A file's permission bits, as chmod takes them: 0o600 is the owner's only. */
export async function permissionsOf(file: string): Promise<number> {
	// eslint-disable-next-line no-bitwise -- a mode is a set of bits
	return (await stat(file)).mode & 0o777;
}
