/*
The simulated environment: every Environment call answered from a scenario.

These mapping rules are a contract. The PowerShell stand-ins (under
--engine powershell) and the loopback DNS and HTTPS servers follow the same
rules, and a contract test compares their answers with these.

probeHost (one round trip)
- powershell: host.powershell, or when it is null an error
  {category: shell-missing, message: "PowerShell not found"}. With no
  PowerShell nothing else can be asked either: winrm, account and scp fail
  with the same error. installMode is always host.installMode.
- winrm: host.winrm. account: {name: host.account, groups: host.groups}.
  scp: autodiscover.scp.
- A fault of kind error on powershell or language-mode makes the powershell
  outcome an error (the language mode is read with the version); on winrm or
  account, that outcome. The error is {errorId, message} from the fault
  (message defaults to "Simulated failure of <check>.") with the category
  from classifyError.
- A fault of kind hang or delay on any of those four checks holds the whole
  round trip: a hang until the signal aborts or timeoutMs passes, a delay for
  its ms (the longest delay if several). Stopped, every outcome is an error
  with category cancelled or timeout.

probeExchange(server) (one remote session)
- With host.powershell null, every outcome is the shell-missing error.
- The session opens to the scenario server whose fqdn equals `server`
  (ignoring case). None: connectedTo and every query fail with errorId
  ComputerNotFound,PSSessionOpenFailed (category dns), at once.
- servers: every scenario server. services: fqdn to its services.
  databases: every server's databases, with server = its fqdn and its
  storageGroup. roleGroups and roleAssignments: exchange.roleGroups and
  exchange.roleAssignments.
- A fault of kind error on servers, services or databases fails that query;
  on permissions, both roleGroups and roleAssignments. Services and
  databases are read per server that servers names, so a fault on servers
  fails them too, with its error. hang or delay on any of the four holds
  the whole session, as for probeHost.

resolveMx(domain) / resolveSrv(name)
- dns.mx[domain] / dns.srv[name], names compared ignoring case. A missing
  name is an error "no such record: MX <domain>" (category dns).
- Faults on mx apply to resolveMx: error, hang or delay. SRV has no faults.

fetch(request)
- The URL is looked up in autodiscover.endpoints ignoring case, the query
  string and the fragment.
- Faults on autodiscover with an endpoint apply to that URL only (same
  comparison); without one, to every fetch. error gives an error outcome;
  hang and delay hold the request.
- An endpoint with `fail` fails with the category of the same name
  (connection-refused, tls-untrusted, not-found, unauthorized at once;
  timeout waits for timeoutMs or the signal, 21 s when neither is given).
- status 301 or 302 with `redirect`: that status and a location header.
- status 200: for a URL ending in .json the v2 answer
  {"Protocol":"EWS","Url": ewsUrl}; otherwise a POX response for the address
  in the request body, with ewsUrl, server and serverVersion (and with
  `redirect` set, a POX redirectUrl response). status 401 or 404 fails as
  unauthorized or not-found, as the real network client reports them. Any
  other status: that status and an empty body.
- A URL with no endpoint, on a host that serves other endpoints, meets that
  host as a real server would: refused when an endpoint there fails with
  connection-refused, untrusted over https when one fails with
  tls-untrusted, otherwise 404 (not-found).
- A URL with no endpoint on any other host: when the host is in dns.a,
  connection refused; otherwise a DNS error "getaddrinfo ENOTFOUND <host>".

Hangs and delays are real waits (setTimeout). dispose() ends every pending
wait as cancelled.
*/
import {classifyError} from '../classify.js';
import {buildPoxResponse, parsePoxRequestEmail} from '../pox.js';
import type {endpointFailures, Scenario, ScenarioFault} from '../scenario.js';
import type {
	CallOptions,
	Environment,
	ExchangeFacts,
	HostFacts,
	HttpRequest,
	HttpResponse,
	Outcome,
	ProbeError,
} from '../types.js';
import {stoppedError, waitFor} from '../wait.js';

type EndpointFailure = (typeof endpointFailures)[number];

/** A lookup in one of the scenario's DNS tables. */
type RecordQuery<T> = {
	readonly table: Readonly<Record<string, T[]>>;
	readonly name: string;
	readonly type: string;
};

const hostChecks = new Set(['powershell', 'language-mode', 'winrm', 'account']);
const exchangeChecks = new Set([
	'servers',
	'services',
	'databases',
	'permissions',
]);

/** Default for an endpoint that fails by timing out with no limit given. */
const unboundedTimeoutMs = 21_000;

const ok = <T>(value: T): Outcome<T> => ({ok: true, value});
const failed = <T>(error: ProbeError): Outcome<T> => ({ok: false, error});

function faultError(fault: ScenarioFault): ProbeError {
	const message = fault.message ?? `Simulated failure of ${fault.check}.`;
	const category = classifyError({errorId: fault.errorId, message});
	return fault.errorId === undefined
		? {category, message}
		: {category, message, errorId: fault.errorId};
}

/** How long a set of hang/delay faults holds a call; undefined: not at all. */
function holdTime(faults: readonly ScenarioFault[]): number | undefined {
	let longest: number | undefined;
	for (const fault of faults) {
		if (fault.kind === 'hang') {
			return Number.POSITIVE_INFINITY;
		}

		if (fault.kind === 'delay') {
			longest = Math.max(longest ?? 0, fault.ms ?? 0);
		}
	}

	return longest;
}

function urlKey(url: string): string | undefined {
	try {
		const parsed = new URL(url);
		return `${parsed.protocol}//${parsed.host}${parsed.pathname}`.toLowerCase();
	} catch {
		return undefined;
	}
}

function urlHost(url: string): string | undefined {
	return URL.canParse(url) ? new URL(url).hostname : undefined;
}

function lookup<T>(
	table: Readonly<Record<string, T>>,
	name: string,
): T | undefined {
	const wanted = name.toLowerCase();
	for (const [key, value] of Object.entries(table)) {
		if (key.toLowerCase() === wanted) {
			return value;
		}
	}

	return undefined;
}

export function createSimulatedEnvironment(scenario: Scenario): Environment {
	const disposed = new AbortController();

	/** Merges the caller's options with dispose(). */
	function withDispose(options: CallOptions = {}): CallOptions {
		const signal = options.signal
			? AbortSignal.any([options.signal, disposed.signal])
			: disposed.signal;
		return {signal, timeoutMs: options.timeoutMs};
	}

	/** Holds a call for its faults; returns the error if it was stopped. */
	async function hold(
		faults: readonly ScenarioFault[],
		options: CallOptions,
	): Promise<ProbeError | undefined> {
		const ms = holdTime(faults);
		const merged = withDispose(options);
		if (ms === undefined) {
			return merged.signal?.aborted
				? stoppedError('cancelled', merged)
				: undefined;
		}

		const result = await waitFor(ms, merged);
		return result === 'done' ? undefined : stoppedError(result, merged);
	}

	const faultsFor = (checks: ReadonlySet<string>) =>
		scenario.faults.filter(fault => checks.has(fault.check));
	const errorFault = (check: string) =>
		scenario.faults.find(
			fault => fault.check === check && fault.kind === 'error',
		);

	const shellMissing: ProbeError = {
		category: 'shell-missing',
		message: 'PowerShell not found',
	};

	async function probeHost(options?: CallOptions): Promise<HostFacts> {
		const {host} = scenario;
		const {installMode} = host;
		const stopped = await hold(faultsFor(hostChecks), options ?? {});
		if (stopped) {
			return {
				powershell: failed(stopped),
				winrm: failed(stopped),
				account: failed(stopped),
				scp: failed(stopped),
				installMode,
			};
		}

		if (host.powershell === null) {
			return {
				powershell: failed(shellMissing),
				winrm: failed(shellMissing),
				account: failed(shellMissing),
				scp: failed(shellMissing),
				installMode,
			};
		}

		const powershellFault =
			errorFault('powershell') ?? errorFault('language-mode');
		const winrmFault = errorFault('winrm');
		const accountFault = errorFault('account');
		return {
			powershell: powershellFault
				? failed(faultError(powershellFault))
				: ok({computerName: host.computerName, ...host.powershell}),
			winrm: winrmFault ? failed(faultError(winrmFault)) : ok(host.winrm),
			account: accountFault
				? failed(faultError(accountFault))
				: ok({name: host.account, groups: [...host.groups]}),
			scp: ok([...scenario.autodiscover.scp]),
			installMode,
		};
	}

	function failedSession(error: ProbeError): ExchangeFacts {
		return {
			connectedTo: failed(error),
			servers: failed(error),
			services: failed(error),
			databases: failed(error),
			roleGroups: failed(error),
			roleAssignments: failed(error),
		};
	}

	async function probeExchange(
		server: string,
		options?: CallOptions,
	): Promise<ExchangeFacts> {
		if (scenario.host.powershell === null) {
			return failedSession(shellMissing);
		}

		const {exchange} = scenario;
		const target = exchange.servers.find(
			candidate => candidate.fqdn.toLowerCase() === server.toLowerCase(),
		);
		if (!target) {
			const errorId = 'ComputerNotFound,PSSessionOpenFailed';
			const message = `Connecting to remote server ${server} failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved.`;
			return failedSession({
				category: classifyError({errorId, message}),
				message,
				errorId,
			});
		}

		const stopped = await hold(faultsFor(exchangeChecks), options ?? {});
		if (stopped) {
			return failedSession(stopped);
		}

		const query = <T>(
			checks: readonly string[],
			value: () => T,
		): Outcome<T> => {
			const fault = checks
				.map(check => errorFault(check))
				.find(entry => entry !== undefined);
			return fault ? failed(faultError(fault)) : ok(value());
		};

		return {
			connectedTo: ok(target.fqdn),
			servers: query(['servers'], () =>
				exchange.servers.map(
					({name, fqdn, adminDisplayVersion, roles, site}) => ({
						name,
						fqdn,
						adminDisplayVersion,
						roles: [...roles],
						site,
					}),
				),
			),
			services: query(['servers', 'services'], () =>
				Object.fromEntries(
					exchange.servers.map(entry => [entry.fqdn, {...entry.services}]),
				),
			),
			databases: query(['servers', 'databases'], () =>
				exchange.servers.flatMap(entry =>
					entry.databases.map(database => ({
						name: database.name,
						server: entry.fqdn,
						storageGroup: database.storageGroup,
					})),
				),
			),
			roleGroups: query(['permissions'], () =>
				Object.fromEntries(
					Object.entries(exchange.roleGroups).map(([group, members]) => [
						group,
						[...members],
					]),
				),
			),
			roleAssignments: query(['permissions'], () =>
				exchange.roleAssignments.map(assignment => ({...assignment})),
			),
		};
	}

	async function resolveRecords<T>(
		{table, name, type}: RecordQuery<T>,
		faults: readonly ScenarioFault[],
		options?: CallOptions,
	): Promise<Outcome<T[]>> {
		const stopped = await hold(faults, options ?? {});
		if (stopped) {
			return failed(stopped);
		}

		const fault = faults.find(entry => entry.kind === 'error');
		if (fault) {
			return failed(faultError(fault));
		}

		const records = lookup(table, name);
		if (!records) {
			const message = `no such record: ${type} ${name}`;
			return failed({category: classifyError({message}), message});
		}

		return ok(records.map(record => ({...record})));
	}

	/** Why a URL that is no endpoint of the scenario gives no answer. */
	function unanswered(
		url: URL,
		neighbours: ReadonlyArray<EndpointFailure | undefined>,
	): Outcome<HttpResponse> {
		if (neighbours.length > 0) {
			const fail = neighbours.includes('connection-refused')
				? 'connection-refused'
				: url.protocol === 'https:' && neighbours.includes('tls-untrusted')
					? 'tls-untrusted'
					: 'not-found';
			return failed({category: fail, message: failureMessages[fail](url)});
		}

		const port = url.port || (url.protocol === 'http:' ? '80' : '443');
		const addresses = lookup(scenario.dns.a, url.hostname);
		const message = addresses
			? `connect ECONNREFUSED ${addresses[0] ?? url.hostname}:${port}`
			: `getaddrinfo ENOTFOUND ${url.hostname}`;
		return failed({category: classifyError({message}), message});
	}

	/** An endpoint that hangs: it fails only when the call is stopped. */
	async function hang(options?: CallOptions): Promise<Outcome<HttpResponse>> {
		const merged = withDispose(options);
		const result = await waitFor(Number.POSITIVE_INFINITY, {
			signal: merged.signal,
			timeoutMs: options?.timeoutMs ?? unboundedTimeoutMs,
		});
		return failed(
			stoppedError(result === 'cancelled' ? 'cancelled' : 'timeout', {
				timeoutMs: options?.timeoutMs ?? unboundedTimeoutMs,
			}),
		);
	}

	async function fetch(
		request: HttpRequest,
		options?: CallOptions,
	): Promise<Outcome<HttpResponse>> {
		const key = urlKey(request.url);
		if (!key) {
			return failed({
				category: 'unknown',
				message: `Invalid URL: ${request.url}`,
			});
		}

		const faults = scenario.faults.filter(
			fault =>
				fault.check === 'autodiscover' &&
				(fault.endpoint === undefined || urlKey(fault.endpoint) === key),
		);
		const stopped = await hold(faults, options ?? {});
		if (stopped) {
			return failed(stopped);
		}

		const fault = faults.find(entry => entry.kind === 'error');
		if (fault) {
			return failed(faultError(fault));
		}

		const url = new URL(request.url);
		const endpoint = Object.entries(scenario.autodiscover.endpoints).find(
			([candidate]) => urlKey(candidate) === key,
		)?.[1];
		const neighbours = Object.entries(scenario.autodiscover.endpoints)
			.filter(([candidate]) => urlHost(candidate) === url.hostname)
			.map(([, entry]) => entry.fail);
		if (!endpoint) {
			return unanswered(url, neighbours);
		}

		if (endpoint.fail === 'timeout') {
			return hang(options);
		}

		if (endpoint.fail) {
			return failed({
				category: endpoint.fail,
				message: failureMessages[endpoint.fail](url),
			});
		}

		if (
			(endpoint.status === 301 || endpoint.status === 302) &&
			endpoint.redirect
		) {
			return ok({
				status: endpoint.status,
				headers: {location: endpoint.redirect},
				body: '',
			});
		}

		if (endpoint.status === 401 || endpoint.status === 404) {
			const fail = endpoint.status === 401 ? 'unauthorized' : 'not-found';
			return failed({category: fail, message: failureMessages[fail](url)});
		}

		if (endpoint.status !== 200) {
			return ok({status: endpoint.status, headers: {}, body: ''});
		}

		if (url.pathname.toLowerCase().endsWith('.json')) {
			return ok({
				status: 200,
				headers: {'content-type': 'application/json; charset=utf-8'},
				body: JSON.stringify({Protocol: 'EWS', Url: endpoint.ewsUrl ?? ''}),
			});
		}

		const email =
			(request.body ? parsePoxRequestEmail(request.body) : undefined) ?? '';
		return ok({
			status: 200,
			headers: {'content-type': 'text/xml; charset=utf-8'},
			body: buildPoxResponse({
				email,
				ewsUrl: endpoint.ewsUrl,
				server: endpoint.server,
				serverVersion: endpoint.serverVersion,
				redirectUrl: endpoint.redirect,
			}),
		});
	}

	return {
		description: `simulated: ${scenario.name}`,
		probeHost,
		probeExchange,
		resolveMx: async (domain, options) =>
			resolveRecords(
				{table: scenario.dns.mx, name: domain, type: 'MX'},
				scenario.faults.filter(fault => fault.check === 'mx'),
				options,
			),
		resolveSrv: async (name, options) =>
			resolveRecords({table: scenario.dns.srv, name, type: 'SRV'}, [], options),
		fetch,
		async dispose() {
			disposed.abort();
		},
	};
}

const failureMessages: Record<
	'connection-refused' | 'tls-untrusted' | 'not-found' | 'unauthorized',
	(url: URL) => string
> = {
	'connection-refused': url =>
		`connect ECONNREFUSED ${url.hostname}:${url.port || (url.protocol === 'http:' ? '80' : '443')}`,
	'tls-untrusted': url =>
		`unable to verify the first certificate of ${url.hostname}`,
	'not-found': () => '404 Not Found',
	unauthorized: () => '401 Unauthorized',
};
