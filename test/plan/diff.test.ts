import {expect, test} from 'vitest';
import {diffConfigurations} from '../../source/plan/diff.js';
import {createPlan} from '../../source/plan/plan.js';
import type {Answers} from '../../source/answers/schema.js';
import {detectionReport} from '../helpers/detection-report.js';

const answers: Answers = {
	useExchange: true,
	deployment: 'on-premises',
	standard: true,
	server: 'exch01.contoso.com',
	authentication: 'impersonate',
};
const report = detectionReport();

test('an unchanged configuration has no differences', () => {
	const document = createPlan({answers, report});
	expect(diffConfigurations(document, structuredClone(document))).toEqual([]);
});

test('a changed setting is named by instance and setting', () => {
	const before = createPlan({answers, report});
	const after = createPlan({
		answers: {...answers, autodiscover: false},
		report,
	});
	expect(diffConfigurations(before, after)).toEqual([
		{
			path: 'exchange.autodiscover',
			before: true,
			after: false,
			kind: 'changed',
		},
		{
			path: 'serviceInstances["Exchange Management"].settings["Exchange EWS URL"]',
			before: 'https://mail.contoso.com/EWS/Exchange.asmx',
			after: 'https://exch01.contoso.com/EWS/Exchange.asmx',
			kind: 'changed',
		},
		{
			path: 'serviceInstances["Exchange Management"].settings["Use Auto Discovery"]',
			before: true,
			after: false,
			kind: 'changed',
		},
		{
			path: 'serviceInstances["Exchange Meta Data"].settings["Exchange EWS URL"]',
			before: 'https://mail.contoso.com/EWS/Exchange.asmx',
			after: 'https://exch01.contoso.com/EWS/Exchange.asmx',
			kind: 'changed',
		},
		{
			path: 'serviceInstances["Exchange Meta Data"].settings["Use Auto Discovery"]',
			before: true,
			after: false,
			kind: 'changed',
		},
	]);
});

test('a newly ticked integration adds its whole instance once', () => {
	const before = createPlan({answers, report});
	const after = createPlan({
		answers: {...answers, administrative: true},
		report,
	});
	const changes = diffConfigurations(before, after);
	expect(changes.map(({path, kind}) => [path, kind])).toEqual([
		['exchange.administrative', 'changed'],
		['serviceInstances["Exchange Administration"]', 'added'],
	]);
	expect(changes[1]?.after).toEqual(after.serviceInstances[2]);
});

test('turning the integration off removes instances and fields', () => {
	const before = createPlan({answers, report});
	const after = createPlan({answers: {useExchange: false}});
	const changes = diffConfigurations(before, after);
	expect(changes).toContainEqual({
		path: 'exchange.enabled',
		before: true,
		after: false,
		kind: 'changed',
	});
	expect(changes).toContainEqual({
		path: 'exchange.skippedReason',
		after: 'Exchange integration was not selected.',
		kind: 'added',
	});
	expect(changes.filter(c => c.kind === 'removed').map(c => c.path)).toEqual(
		expect.arrayContaining([
			'exchange.server',
			'serviceInstances["Exchange Management"]',
			'serviceInstances["Exchange Meta Data"]',
			'environmentLibrary["Exchange Server"]',
		]),
	);
});

test('against no existing file every top-level part is added', () => {
	const after = createPlan({answers, report});
	const changes = diffConfigurations(undefined, after);
	expect(changes.map(c => c.path)).toEqual([
		'schemaVersion',
		'exchange',
		'serviceInstances',
		'environmentLibrary',
	]);
	expect(changes.every(c => c.kind === 'added')).toBe(true);
});

test('moving an instance within the list is no difference', () => {
	const document = createPlan({
		answers: {...answers, administrative: true},
		report,
	});
	const shuffled = {
		...document,
		serviceInstances: [...document.serviceInstances].reverse(),
	};
	expect(diffConfigurations(document, shuffled)).toEqual([]);
});
