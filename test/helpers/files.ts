import {readdir} from 'node:fs/promises';
import path from 'node:path';

/** Every file below a folder, at any depth, by its full path. */
export async function filesUnder(directory: string): Promise<string[]> {
	const entries = await readdir(directory, {
		recursive: true,
		withFileTypes: true,
	});
	return entries
		.filter(entry => entry.isFile())
		.map(entry => path.join(entry.parentPath, entry.name));
}
