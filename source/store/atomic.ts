/*
Replacing a file so that a crash at any moment leaves either the old content
or the new, never a mix: write a temporary file in the same folder, flush it
to disk, rename it over the target (one atomic step on every file system we
run on), then flush the folder so the rename itself survives a power cut.
*/
import {Buffer} from 'node:buffer';
import {mkdir, open, readdir, readFile, rename, unlink} from 'node:fs/promises';
import path from 'node:path';
import process from 'node:process';
import {settled} from '../settled.js';
import {restrictToOwner} from './owner-only.js';

export type WriteResult = {
	/** False when the file already held exactly this content. */
	readonly changed: boolean;
	/** Where the previous content was kept; null when nothing was replaced. */
	readonly backupPath: string | null;
};

export type WriteOptions = {
	/**
	Readable by the owner only: mode 0o600, and on Windows an access list of
	the owner and Administrators, set before any content is written.
	*/
	readonly ownerOnly?: boolean;
	/** Keep the content being replaced as `<name>.bak`. */
	readonly backup?: boolean;
};

/** Reads a file, or undefined when it does not exist. */
export async function readIfPresent(file: string): Promise<Buffer | undefined> {
	try {
		return await readFile(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
			return undefined;
		}

		throw error;
	}
}

/**
Writes `content` to `file` atomically. Unchanged content is not written at
all, so an idempotent run touches nothing, not even the modification time.
*/
export async function writeFileAtomic(
	file: string,
	content: string | Buffer,
	options: WriteOptions = {},
): Promise<WriteResult> {
	const bytes = typeof content === 'string' ? Buffer.from(content) : content;
	const existing = await readIfPresent(file);
	if (existing?.equals(bytes)) {
		return {changed: false, backupPath: null};
	}

	const directory = path.dirname(file);
	await mkdir(directory, {recursive: true});
	await removeStaleTemporaries(directory, path.basename(file));
	let backupPath: string | null = null;
	if (existing && options.backup) {
		backupPath = `${file}.bak`;
		await replace(backupPath, existing, options);
	}

	await replace(file, bytes, options);
	await syncDirectory(directory);
	return {changed: true, backupPath};
}

async function replace(file: string, bytes: Buffer, options: WriteOptions) {
	const temporary = temporaryName(file);
	const mode = options.ownerOnly ? 0o600 : 0o644;
	const handle = await open(temporary, 'wx', mode);
	try {
		// The rename keeps the access list, so the content is never readable
		// by others, not even for a moment.
		if (options.ownerOnly) {
			await restrictToOwner(temporary);
		}

		await handle.writeFile(bytes);
		await handle.sync();
	} catch (error) {
		await handle.close();
		await settled(unlink(temporary));
		throw error;
	}

	await handle.close();
	try {
		await rename(temporary, file);
	} catch (error) {
		await settled(unlink(temporary));
		throw error;
	}
}

function temporaryName(file: string): string {
	// Only unique, not secret: the file is opened with O_EXCL ('wx'), so a
	// name taken by anyone else fails the write instead of being followed.
	// (node:crypto would cost every start a few milliseconds to load.)
	const suffix = Math.floor(Math.random() * 0x1_00_00_00_00)
		.toString(16)
		.padStart(8, '0');
	return path.join(
		path.dirname(file),
		`.${path.basename(file)}.${process.pid}.${suffix}.tmp`,
	);
}

/**
Temporary files of writers that were killed before their rename. A file whose
writer is still running (another run, at the same moment) is left alone.
*/
async function removeStaleTemporaries(directory: string, base: string) {
	const prefix = `.${base}.`;
	let entries: string[];
	try {
		entries = await readdir(directory);
	} catch {
		return;
	}

	for (const entry of entries) {
		const match = /^\.(.+)\.(\d+)\.[\da-f]{8}\.tmp$/.exec(entry);
		if (!entry.startsWith(prefix) || !match || isRunning(Number(match[2]))) {
			continue;
		}

		// eslint-disable-next-line no-await-in-loop
		await settled(unlink(path.join(directory, entry)));
	}
}

function isRunning(pid: number): boolean {
	if (pid === process.pid) {
		return true;
	}

	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

async function syncDirectory(directory: string) {
	// Windows cannot open a folder as a file; NTFS journals the rename.
	if (process.platform === 'win32') {
		return;
	}

	const handle = await open(directory, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}
