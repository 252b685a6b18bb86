/*
The Static-authentication password, kept only in protected form (DPAPI on
Windows). Where the platform offers no protection the run refuses rather
than write the password in any other form.
*/
import type {Outcome} from '../environment/types.js';
import {writeFileAtomic, type WriteResult} from './atomic.js';

export type Protect = (plain: string) => Promise<Outcome<string>>;

/**
DPAPI through PowerShell. Its module, with node-powershell, is loaded only
by a run that protects a secret.
*/
export const protectWithDpapi: Protect = async plain => {
	const {protectSecret} =
		await import('../environment/powershell/protect-secret.js');
	return protectSecret(plain);
};

/** The password could not be protected; nothing was written (exit 1). */
export class SecretError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'SecretError';
	}
}

/** Protects the password, or throws a SecretError saying why it cannot. */
export async function protectPassword(
	password: string,
	protect: Protect,
): Promise<string> {
	const outcome = await protect(password);
	if (!outcome.ok) {
		throw new SecretError(
			`--password-stdin: the password cannot be stored protected here (${outcome.error.message.replace(/\.$/, '')}); static authentication is configured on Windows, where DPAPI protects it. Allowed here: another --authentication mode.`,
		);
	}

	return outcome.value;
}

/**
Writes the account and its protected password beside the configuration,
owner-only. DPAPI output differs on every call, so this file changes on every
run that passes --password-stdin.
*/
export async function saveCredential(
	file: string,
	credential: {account: string; protectedPassword: string},
): Promise<WriteResult> {
	const content = {
		account: credential.account,
		password: {protection: 'dpapi', data: credential.protectedPassword},
	};
	return writeFileAtomic(file, `${JSON.stringify(content, null, 2)}\n`, {
		ownerOnly: true,
	});
}
