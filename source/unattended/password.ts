/*
The Static-authentication password arrives on standard input, never as an
argument: arguments are visible to every user of the machine (ps, /proc,
Task Manager) and stay in shell histories.
*/
import {Buffer} from 'node:buffer';
import process from 'node:process';
import {InputError} from '../answers/errors.js';

/**
Reads standard input to its end. One trailing line break, as `echo` and
here-strings add, is not part of the password.
*/
export async function readPassword(
	stdin: NodeJS.ReadStream = process.stdin,
): Promise<string> {
	if (stdin.isTTY) {
		throw new InputError(
			'--password-stdin: standard input is a terminal; allowed: pipe the password in, e.g. from a secret store.',
		);
	}

	const chunks: Buffer[] = [];
	for await (const chunk of stdin as AsyncIterable<Buffer | string>) {
		chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
	}

	const password = Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
	if (password === '') {
		throw new InputError(
			'--password-stdin: standard input was empty; allowed: the password, followed by end of input.',
		);
	}

	return password;
}
