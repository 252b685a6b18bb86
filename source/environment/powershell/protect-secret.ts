/*
Protects a secret (the Static authentication password) with DPAPI in the
LocalMachine scope, through PowerShell, so the K2 configuration never holds
it in clear text. The secret travels to PowerShell as data, like every
other argument, and the transcript keeps no trace of the run's error stream.
*/
import process from 'node:process';
import type {Outcome} from '../types.js';
import {toProbeError} from './host.js';
import {
	createPowerShellService,
	type PowerShellService,
	type PowerShellServiceOptions,
} from './service.js';

export type ProtectSecretOptions = PowerShellServiceOptions & {
	/** A service to use; otherwise one is started for this call and ended. */
	readonly service?: PowerShellService;
	readonly platform?: NodeJS.Platform;
	readonly timeoutMs?: number;
};

/**
The secret protected by DPAPI for this machine, base64 encoded. Anywhere
but Windows this is a 'platform' error: DPAPI exists only there.
*/
export async function protectSecret(
	plain: string,
	options: ProtectSecretOptions = {},
): Promise<Outcome<string>> {
	const platform = options.platform ?? process.platform;
	if (platform !== 'win32' && !options.service) {
		return {
			ok: false,
			error: {
				category: 'platform',
				message:
					'Protecting a secret needs DPAPI, which only Windows has: run on the K2 server.',
			},
		};
	}

	const service = options.service ?? createPowerShellService(options);
	try {
		const run = await service.run(
			'protect-secret',
			{secret: plain},
			{timeoutMs: options.timeoutMs ?? 30_000, sensitive: true},
		);
		if (!run.ok) {
			return {ok: false, error: toProbeError(run.failure)};
		}

		const result = run.results.protected;
		if (!result?.ok) {
			return {
				ok: false,
				error: result
					? toProbeError(result.error)
					: {category: 'unknown', message: 'PowerShell gave no answer.'},
			};
		}

		const {value} = result.data as {value?: unknown};
		return typeof value === 'string' && value !== ''
			? {ok: true, value}
			: {
					ok: false,
					error: {category: 'unknown', message: 'DPAPI returned nothing.'},
				};
	} finally {
		if (!options.service) {
			await service.dispose();
		}
	}
}
