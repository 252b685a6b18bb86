/*
Autodiscover, the way Outlook does it: every candidate in a fixed order,
stopping at the first that answers, and every attempt kept so the screen can
show what was tried and why each failed.

Order: the SCP URLs from Active Directory; https://<domain>; https://
autodiscover.<domain> (both POX); the HTTP redirect (GET http://autodiscover.
<domain>, then POST to an https target); the DNS SRV record
_autodiscover._tcp.<domain>; and last the v2 JSON endpoint on
autodiscover.<domain>, which on-premises servers answer without credentials
where the POX endpoints ask for them.
*/
import {explainCategory} from '../environment/classify.js';
import {
	buildPoxRequest,
	parseJsonAutodiscover,
	parsePoxResponse,
} from '../environment/pox.js';
import type {
	CallOptions,
	Environment,
	ErrorCategory,
	HttpResponse,
	Outcome,
	ProbeError,
} from '../environment/types.js';
import {decodeServerVersion} from '../environment/versions.js';
import type {AutodiscoverAttempt, AutodiscoverMethod} from './types.js';
import {fail, formatSeconds, pass, type Verdict} from './verdict.js';

/** One candidate may use at most this much of the stage's time. */
export const attemptTimeoutMs = 10_000;

export type AutodiscoverFound = {
	readonly method: AutodiscoverMethod;
	readonly url: string;
	readonly ewsUrl: string;
	/** The Server element, when it names a host. */
	readonly server?: string;
	/** Decoded ServerVersion: "15.2.1544". */
	readonly version?: string;
};

export type AutodiscoverProgress = {
	readonly attempts: AutodiscoverAttempt[];
	found?: AutodiscoverFound;
	/** The candidate being asked right now, if any. */
	pending?: {
		readonly method: AutodiscoverMethod;
		readonly url: string;
		readonly startedAt: number;
	};
};

/**
The attempts of a stopped run, frozen: the candidate that was being asked is
kept as failed with the reason it was stopped.
*/
export function stoppedProgress(
	progress: AutodiscoverProgress,
	detail: string,
): AutodiscoverProgress {
	const attempts = [...progress.attempts];
	if (progress.pending) {
		const {method, url, startedAt} = progress.pending;
		attempts.push({
			method,
			url,
			outcome: 'failed',
			detail,
			ms: Math.round(performance.now() - startedAt),
		});
	}

	return {attempts, found: progress.found};
}

export type AutodiscoverInput = {
	readonly environment: Environment;
	readonly email: string;
	readonly scp: Outcome<readonly string[]> | undefined;
	readonly signal: AbortSignal;
	/** The performance.now() time by which the stage must end. */
	readonly deadline: number;
	/** Filled in as candidates are tried, so a stopped stage keeps them. */
	readonly progress: AutodiscoverProgress;
};

export function candidateUrls(domain: string) {
	const host = domain.toLowerCase();
	return {
		domain: `https://${host}/autodiscover/autodiscover.xml`,
		autodiscoverDomain: `https://autodiscover.${host}/autodiscover/autodiscover.xml`,
		redirect: `http://autodiscover.${host}/autodiscover/autodiscover.xml`,
		srv: `_autodiscover._tcp.${host}`,
		json: (email: string) =>
			`https://autodiscover.${host}/autodiscover/autodiscover.json?Email=${encodeURIComponent(email)}&Protocol=EWS`,
	};
}

const fqdnPattern =
	/^(?=.{1,253}$)[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?(?:\.[A-Za-z\d](?:[A-Za-z\d-]{0,61}[A-Za-z\d])?)+$/;

export function isFqdn(text: string): boolean {
	return fqdnPattern.test(text);
}

function httpsUrl(text: string): URL | undefined {
	try {
		const url = new URL(text);
		return url.protocol === 'https:' ? url : undefined;
	} catch {
		return undefined;
	}
}

function describeError(error: ProbeError, timeoutMs: number): string {
	return error.category === 'timeout'
		? `timed out after ${formatSeconds(timeoutMs)}`
		: error.category === 'unknown'
			? (error.message.split('\n')[0] ?? 'unexpected error')
			: explainCategory(error.category).problem;
}

function describeStatus(status: number): string {
	if (status === 401) {
		return '401: needs credentials';
	}

	if (status === 404) {
		return '404 not found';
	}

	return `HTTP ${status}`;
}

/**
Tries the candidates in order until one answers, starting over once when a
server redirects to another address. Never throws for a failure of the
world; stops early when the signal aborts.
*/
export async function discover(input: AutodiscoverInput): Promise<void> {
	const redirect: AddressRedirect = {mayFollow: true};
	await tryCandidates(input, redirect);
	if (!input.progress.found && redirect.address && !input.signal.aborted) {
		// As Outlook does: start over once with the address the server gave.
		await tryCandidates(
			{...input, email: redirect.address},
			{mayFollow: false},
		);
	}
}

type AddressRedirect = {readonly mayFollow: boolean; address?: string};

const emailPattern = /^[^\s@"'<>]{1,64}@[A-Za-z\d-]+(?:\.[A-Za-z\d-]+)+$/;

/**
Tries the candidates for one address; stops at the first that answers, or
that redirects to another address (noted in `addressRedirect`).
*/
// eslint-disable-next-line complexity -- the candidates, in their order
async function tryCandidates(
	input: AutodiscoverInput,
	addressRedirect: AddressRedirect,
): Promise<void> {
	const {environment, email, signal, progress} = input;
	const domain = email.slice(email.lastIndexOf('@') + 1);
	const urls = candidateUrls(domain);

	const callOptions = (): CallOptions & {timeoutMs: number} => ({
		signal,
		timeoutMs: Math.max(
			1,
			Math.min(
				attemptTimeoutMs,
				Math.round(input.deadline - performance.now()),
			),
		),
	});

	/** How the call of the attempt being made answered, for the transcript. */
	let answer: {status?: number; error?: ErrorCategory} = {};
	const heard = (response: Outcome<HttpResponse>) => {
		answer = response.ok
			? {status: response.value.status}
			: {error: response.error.category};
	};

	// eslint-disable-next-line max-params -- one attempt's facts, passed on
	function record(
		method: AutodiscoverMethod,
		url: string,
		outcome: AutodiscoverAttempt['outcome'],
		detail: string,
		startedAt: number,
	) {
		const ms = Math.round(performance.now() - startedAt);
		progress.pending = undefined;
		progress.attempts.push({method, url, outcome, detail, ms});
		environment.transcript?.write({
			event: 'autodiscover',
			step: method,
			url,
			outcome,
			...answer,
			detail,
			ms,
		});
		answer = {};
	}

	/** Notes the candidate being asked; returns when it started. */
	const begin = (method: AutodiscoverMethod, url: string): number => {
		const startedAt = performance.now();
		progress.pending = {method, url, startedAt};
		answer = {};
		return startedAt;
	};

	/** POSTs the POX request; true when it found EWS. */
	const tryPox = async (
		method: AutodiscoverMethod,
		url: string,
		hops = 0,
	): Promise<boolean> => {
		const startedAt = begin(method, url);
		const options = callOptions();
		const response = await environment.fetch(
			{
				method: 'POST',
				url,
				body: buildPoxRequest(email),
				headers: {'content-type': 'text/xml; charset=utf-8'},
			},
			options,
		);
		heard(response);
		return handlePox(method, url, response, startedAt, options.timeoutMs, hops);
	};

	// eslint-disable-next-line max-params -- one attempt's facts, passed on
	async function handlePox(
		method: AutodiscoverMethod,
		url: string,
		response: Outcome<HttpResponse>,
		startedAt: number,
		timeoutMs: number,
		hops: number,
	): Promise<boolean> {
		if (!response.ok) {
			record(
				method,
				url,
				'failed',
				describeError(response.error, timeoutMs),
				startedAt,
			);
			return false;
		}

		const {status, headers, body} = response.value;
		if (status === 301 || status === 302) {
			const location = headers.location ?? '';
			return followRedirect(
				method,
				url,
				`${status}`,
				location,
				startedAt,
				hops,
			);
		}

		if (status !== 200) {
			record(method, url, 'failed', describeStatus(status), startedAt);
			return false;
		}

		const answer = parsePoxResponse(body);
		switch (answer.kind) {
			case 'settings': {
				if (!answer.ewsUrl) {
					record(
						method,
						url,
						'failed',
						'answered without an EWS URL',
						startedAt,
					);
					return false;
				}

				const version = answer.serverVersion
					? decodeServerVersion(answer.serverVersion)
					: undefined;
				const server =
					answer.server && isFqdn(answer.server) ? answer.server : undefined;
				progress.found = {method, url, ewsUrl: answer.ewsUrl, server, version};
				const extra = [server, version].filter(Boolean).join(', ');
				record(
					method,
					url,
					'found',
					`EWS at ${answer.ewsUrl}${extra ? ` (${extra})` : ''}`,
					startedAt,
				);
				return true;
			}

			case 'redirect-url': {
				return followRedirect(
					method,
					url,
					'redirectUrl',
					answer.url,
					startedAt,
					hops,
				);
			}

			case 'redirect-address': {
				const follow =
					addressRedirect.mayFollow &&
					emailPattern.test(answer.email) &&
					answer.email.toLowerCase() !== email.toLowerCase();
				record(
					method,
					url,
					'redirected',
					`redirectAddr to ${answer.email}${follow ? '' : ' (not followed)'}`,
					startedAt,
				);
				if (follow) {
					addressRedirect.address = answer.email;
				}

				return follow;
			}

			case 'error': {
				record(
					method,
					url,
					'failed',
					`Autodiscover error ${answer.code}: ${answer.message}`,
					startedAt,
				);
				return false;
			}

			case 'invalid': {
				record(method, url, 'failed', answer.reason, startedAt);
				return false;
			}
		}
	}

	// eslint-disable-next-line max-params -- one attempt's facts, passed on
	async function followRedirect(
		method: AutodiscoverMethod,
		url: string,
		how: string,
		location: string,
		startedAt: number,
		hops: number,
	): Promise<boolean> {
		const target = httpsUrl(location);
		if (!target) {
			record(
				method,
				url,
				'failed',
				`${how} to ${location || 'nowhere'} refused: not an https URL`,
				startedAt,
			);
			return false;
		}

		if (hops >= 2) {
			record(method, url, 'failed', `${how}: too many redirects`, startedAt);
			return false;
		}

		record(method, url, 'redirected', `${how} to ${target.href}`, startedAt);
		return !signal.aborted && tryPox(method, target.href, hops + 1);
	}

	// 1. Service connection points in Active Directory.
	const scpStartedAt = performance.now();
	if (!input.scp) {
		record(
			'scp',
			'Active Directory',
			'not-tried',
			'host checks did not finish',
			scpStartedAt,
		);
	} else if (!input.scp.ok) {
		record(
			'scp',
			'Active Directory',
			'failed',
			`SCP lookup failed: ${explainCategory(input.scp.error.category).problem}`,
			scpStartedAt,
		);
	} else if (input.scp.value.length === 0) {
		record(
			'scp',
			'Active Directory',
			'failed',
			'no service connection point in Active Directory',
			scpStartedAt,
		);
	} else {
		for (const url of input.scp.value) {
			if (signal.aborted) {
				return;
			}

			if (!httpsUrl(url)) {
				record('scp', url, 'failed', 'not an https URL', performance.now());
				continue;
			}

			// eslint-disable-next-line no-await-in-loop -- candidates go in order
			if (await tryPox('scp', url)) {
				return;
			}
		}
	}

	// 2 and 3. The domain and autodiscover.<domain>.
	for (const [method, url] of [
		['domain', urls.domain],
		['autodiscover-domain', urls.autodiscoverDomain],
	] as const) {
		if (signal.aborted) {
			return;
		}

		// eslint-disable-next-line no-await-in-loop -- candidates go in order
		if (await tryPox(method, url)) {
			return;
		}
	}

	// 4. The unauthenticated HTTP redirect.
	if (signal.aborted) {
		return;
	}

	const redirectStartedAt = begin('redirect', urls.redirect);
	const redirectOptions = callOptions();
	const redirect = await environment.fetch(
		{method: 'GET', url: urls.redirect},
		redirectOptions,
	);
	heard(redirect);
	if (!redirect.ok) {
		record(
			'redirect',
			urls.redirect,
			'failed',
			describeError(redirect.error, redirectOptions.timeoutMs),
			redirectStartedAt,
		);
	} else if (redirect.value.status === 301 || redirect.value.status === 302) {
		if (
			await followRedirect(
				'redirect',
				urls.redirect,
				String(redirect.value.status),
				redirect.value.headers.location ?? '',
				redirectStartedAt,
				0,
			)
		) {
			return;
		}
	} else {
		record(
			'redirect',
			urls.redirect,
			'failed',
			`no redirect (${describeStatus(redirect.value.status)})`,
			redirectStartedAt,
		);
	}

	// 5. DNS SRV.
	if (signal.aborted) {
		return;
	}

	const srvStartedAt = begin('srv', urls.srv);
	const srvOptions = callOptions();
	const srv = await environment.resolveSrv(urls.srv, srvOptions);
	answer = srv.ok ? {} : {error: srv.error.category};
	if (srv.ok) {
		const records = [...srv.value].sort(
			(a, b) => a.priority - b.priority || b.weight - a.weight,
		);
		if (records.length === 0) {
			record('srv', urls.srv, 'failed', 'no SRV record', srvStartedAt);
		}

		for (const entry of records) {
			if (signal.aborted) {
				return;
			}

			const host = entry.name.replace(/\.$/, '');
			if (!isFqdn(host)) {
				record('srv', urls.srv, 'failed', `bad target ${host}`, srvStartedAt);
				continue;
			}

			const port = entry.port === 443 ? '' : `:${entry.port}`;
			if (
				// eslint-disable-next-line no-await-in-loop -- candidates go in order
				await tryPox(
					'srv',
					`https://${host}${port}/autodiscover/autodiscover.xml`,
				)
			) {
				return;
			}
		}
	} else {
		record(
			'srv',
			urls.srv,
			'failed',
			srv.error.category === 'dns'
				? 'no SRV record'
				: describeError(srv.error, srvOptions.timeoutMs),
			srvStartedAt,
		);
	}

	// 6. Autodiscover v2 (JSON).
	if (signal.aborted) {
		return;
	}

	const jsonUrl = urls.json(email);
	const jsonStartedAt = begin('json', jsonUrl);
	const jsonOptions = callOptions();
	const json = await environment.fetch(
		{method: 'GET', url: jsonUrl},
		jsonOptions,
	);
	heard(json);
	if (!json.ok) {
		record(
			'json',
			jsonUrl,
			'failed',
			describeError(json.error, jsonOptions.timeoutMs),
			jsonStartedAt,
		);
		return;
	}

	if (json.value.status !== 200) {
		record(
			'json',
			jsonUrl,
			'failed',
			describeStatus(json.value.status),
			jsonStartedAt,
		);
		return;
	}

	const ewsUrl = parseJsonAutodiscover(json.value.body);
	if (!ewsUrl) {
		record('json', jsonUrl, 'failed', 'answer has no EWS Url', jsonStartedAt);
		return;
	}

	progress.found = {method: 'json', url: jsonUrl, ewsUrl};
	record('json', jsonUrl, 'found', `EWS at ${ewsUrl}`, jsonStartedAt);
}

const methodLabels: Readonly<Record<AutodiscoverMethod, string | undefined>> = {
	scp: 'SCP',
	domain: undefined,
	'autodiscover-domain': undefined,
	redirect: 'HTTP redirect',
	srv: 'DNS SRV',
	json: 'Autodiscover v2',
};

/** The autodiscover check: where EWS was found, or what to publish. */
export function evaluateAutodiscover(
	progress: AutodiscoverProgress,
	domain: string,
): Verdict {
	const {found, attempts} = progress;
	if (!found) {
		return {
			...fail(
				'autodiscover',
				`no candidate answered (${attempts.length} tried)`,
				`Publish Autodiscover for ${domain} (an SCP, or DNS for autodiscover.${domain}), or untick Use Autodiscover and enter the server`,
			),
			retryable: true,
		};
	}

	const failures = attempts.filter(
		attempt => attempt.outcome === 'failed',
	).length;
	const via = methodLabels[found.method] ?? hostOf(found.url);
	const before = failures === 0 ? '' : ` (${failures} failed first)`;
	return pass(
		'autodiscover',
		`EWS at ${hostOf(found.ewsUrl)} via ${via}${before}`,
	);
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}
