/*
The Static password at Apply, kept as the unattended run keeps it: protected
with DPAPI before anything is written, so that where it cannot be protected
nothing is, then saved beside the configuration in protected form only.
*/
import {
	protectWithDpapi,
	saveCredential,
	SecretError,
	type Protect,
} from '../store/credential.js';
import {pathsBeside} from '../store/paths.js';

export type Credential = {
	readonly account: string;
	readonly protectedPassword: string;
};

export type CredentialStore = {
	readonly protect: Protect;
	/** Saves the credential that goes with this configuration; its path. */
	readonly save: (
		configPath: string,
		credential: Credential,
	) => Promise<string>;
};

/** DPAPI through PowerShell, and `credential.json` beside the configuration. */
export const defaultCredentialStore: CredentialStore = {
	protect: protectWithDpapi,
	async save(configPath, credential) {
		const file = pathsBeside(configPath).credential;
		await saveCredential(file, credential);
		return file;
	},
};

/**
The password in protected form, or a SecretError that says why it cannot be
protected and what the administrator can do instead.
*/
export async function protectStaticPassword(
	password: string,
	protect: Protect,
): Promise<string> {
	const outcome = await protect(password);
	if (!outcome.ok) {
		const why = outcome.error.message.replace(/\.$/, '');
		throw new SecretError(
			`Static authentication: the password cannot be protected here (${why}). Nothing was written: choose another mode (Back), or apply on the K2 server.`,
		);
	}

	return outcome.value;
}
