/*
The contract between the simulated environment and the real network code:
for every built-in scenario, each DNS name and Autodiscover URL it mentions,
and each URL detection would try for its domain, gets the same answer from
createNetwork against the loopback servers as from the simulation. Answers
are compared as facts (status, Location, the parsed settings, the error
category), not byte for byte: messages name addresses and ports, which
differ by nature.
*/
import {describe, expect, test} from 'vitest';
import {candidateUrls} from '../../../source/detection/autodiscover.js';
import {createNetwork} from '../../../source/environment/net/index.js';
import {
	buildPoxRequest,
	parseJsonAutodiscover,
	parsePoxResponse,
} from '../../../source/environment/pox.js';
import type {Scenario} from '../../../source/environment/scenario.js';
import {
	listScenarios,
	loadScenario,
} from '../../../source/environment/scenarios.js';
import {createSimulatedEnvironment} from '../../../source/environment/simulated/index.js';
import type {
	Environment,
	HttpRequest,
	HttpResponse,
	Outcome,
} from '../../../source/environment/types.js';
import {startLoopback} from '../../fixtures/loopback/start-loopback.js';

/**
Room for a loaded machine, except where a scenario makes a call wait for its
time limit: there both sides time out, and a short limit keeps that quick.
*/
function limitFor(scenario: Scenario): number {
	const hangs =
		Object.values(scenario.autodiscover.endpoints).some(
			endpoint => endpoint.fail === 'timeout',
		) ||
		scenario.faults.some(
			fault =>
				fault.kind === 'hang' &&
				(fault.check === 'mx' || fault.check === 'autodiscover'),
		);
	return hangs ? 2000 : 20_000;
}

/** The built-in scenarios name hosts in one domain, e.g. mail.contoso.com. */
function domainOf(scenario: Scenario): string {
	const [first] = [
		...Object.keys(scenario.autodiscover.endpoints),
		...Object.keys(scenario.dns.mx),
		...Object.keys(scenario.dns.a),
	];
	const host = first && URL.canParse(first) ? new URL(first).hostname : first;
	return (host ?? 'contoso.com').split('.').slice(-2).join('.');
}

function requestFor(url: string, email: string): HttpRequest {
	const {protocol, pathname} = new URL(url);
	return protocol === 'https:' && pathname.toLowerCase().endsWith('.xml')
		? {
				method: 'POST',
				url,
				body: buildPoxRequest(email),
				headers: {'content-type': 'text/xml; charset=utf-8'},
			}
		: {method: 'GET', url};
}

function fact(outcome: Outcome<HttpResponse>) {
	if (!outcome.ok) {
		return {error: outcome.error.category};
	}

	const {status, headers, body} = outcome.value;
	const pox = parsePoxResponse(body);
	return {
		status,
		location: headers.location,
		json: parseJsonAutodiscover(body),
		pox:
			pox.kind === 'settings'
				? {ewsUrl: pox.ewsUrl, server: pox.server, version: pox.serverVersion}
				: pox.kind === 'invalid'
					? 'none'
					: pox,
	};
}

async function ask(environment: Environment, scenario: Scenario) {
	const callOptions = {timeoutMs: limitFor(scenario)};
	const domain = domainOf(scenario);
	const email = `k2svc@${domain}`;
	const candidates = candidateUrls(domain);
	const urls = new Set([
		...Object.keys(scenario.autodiscover.endpoints),
		...scenario.autodiscover.scp,
		candidates.domain,
		candidates.autodiscoverDomain,
		candidates.redirect,
		candidates.json(email),
	]);
	const mxNames = new Set([...Object.keys(scenario.dns.mx), domain]);
	const srvNames = new Set([...Object.keys(scenario.dns.srv), candidates.srv]);
	const answers: Record<string, unknown> = {};
	await Promise.all([
		...[...urls].map(async url => {
			answers[url] = fact(
				await environment.fetch(requestFor(url, email), callOptions),
			);
		}),
		...[...mxNames].map(async name => {
			const outcome = await environment.resolveMx(name, callOptions);
			answers[`MX ${name}`] = outcome.ok
				? outcome.value
				: {error: outcome.error.category};
		}),
		...[...srvNames].map(async name => {
			const outcome = await environment.resolveSrv(name, callOptions);
			answers[`SRV ${name}`] = outcome.ok
				? outcome.value
				: {error: outcome.error.category};
		}),
	]);
	return answers;
}

const builtins = await listScenarios();
const scenarios = await Promise.all(
	builtins.map(async ({name}) => loadScenario(name)),
);

describe.concurrent('the loopback servers keep the simulation contract', () => {
	for (const scenario of scenarios) {
		test(scenario.name, async () => {
			const simulated = createSimulatedEnvironment(scenario);
			const loopback = await startLoopback(scenario);
			const network = createNetwork(loopback.network);
			try {
				const [expected, actual] = await Promise.all([
					ask(simulated, scenario),
					ask({...simulated, ...network}, scenario),
				]);
				expect(actual).toEqual(expected);
			} finally {
				await Promise.all([simulated.dispose(), network.dispose()]);
				await loopback.close();
			}
		});
	}
});
