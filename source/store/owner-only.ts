/*
Windows ignores the mode bits, and %ProgramData% lets every user read what
is created in it: a file that names accounts or holds a protected password
gets an access list of its owner and the Administrators group alone. The
path goes to icacls as an argument, never through a shell.
*/
import process from 'node:process';
import {promisify} from 'node:util';

const administrators = '*S-1-5-32-544';

export async function restrictToOwner(file: string): Promise<void> {
	if (process.platform !== 'win32') {
		return;
	}

	const user = process.env['USERNAME'];
	const domain = process.env['USERDOMAIN'];
	if (!user) {
		throw new Error(
			`${file}: cannot restrict it to its owner: USERNAME is not set`,
		);
	}

	const owner = domain ? `${domain}\\${user}` : user;
	// Loaded here, on Windows only: elsewhere it would cost every start.
	const {execFile} = await import('node:child_process');
	await promisify(execFile)('icacls', [
		file,
		'/inheritance:r',
		'/grant:r',
		`${owner}:F`,
		`${administrators}:F`,
	]);
}
