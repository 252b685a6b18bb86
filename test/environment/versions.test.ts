import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {
	decodeServerVersion,
	encodeServerVersion,
	ewsSchemaVersion,
	parseAdminDisplayVersion,
	supportOf,
	versionFromBuild,
} from '../../source/environment/versions.js';

const today = new Date('2026-12-03T12:00:00Z');

const corpus = readFileSync(
	new URL('../fixtures/exchange-builds.tsv', import.meta.url),
	'utf8',
)
	.split('\n')
	.filter(line => line.trim() !== '' && !line.startsWith('#'))
	.slice(1)
	.map(line => {
		const [build = '', product = '', update = '', security = ''] =
			line.split('\t');
		return {build, product, update, security};
	});

describe('the build corpus', () => {
	test('has every product of the 15.x line', () => {
		const products = new Set(corpus.map(row => row.product));
		expect([...products].sort()).toEqual([
			'Exchange2013',
			'Exchange2016',
			'Exchange2019',
			'ExchangeSE',
		]);
		expect(corpus.length).toBeGreaterThan(250);
	});

	test.each(corpus)('$build is $product $update $security', row => {
		const info = versionFromBuild(row.build, today);
		expect(info?.name).toBe(row.product);
		expect(info?.update).toBe(
			row.security ? `${row.update} ${row.security}` : row.update,
		);
	});
});

describe('versionFromBuild', () => {
	test.each([
		['8.3.83.6', 'Exchange2007', 'SP3'],
		['8.1.240.6', 'Exchange2007', 'SP1'],
		['14.3.123.4', 'Exchange2010', 'SP3'],
		['14.0.639.21', 'Exchange2010', 'RTM'],
		['15.2.1544.4', 'Exchange2019', 'CU14'],
		['15.2.2561.99', 'Exchange2019', null],
		['15.2.2562.17', 'ExchangeSE', 'RTM'],
		['15.2.2600.1', 'ExchangeSE', null],
		['15.20.8000.12', 'ExchangeOnline', null],
		['15.20.8000', 'ExchangeOnline', null],
		['15.1.2507', 'Exchange2016', 'CU23'],
	])('%s is %s %s', (build, name, update) => {
		const info = versionFromBuild(build, today);
		expect(info?.name).toBe(name);
		expect(info?.update).toBe(update);
	});

	test.each([
		'',
		'banana',
		'16.0.1.1',
		'15.2',
		'15.9.1.1',
		'9.0.1.1',
		'15.2.x.1',
	])('%j is not an Exchange build', build => {
		expect(versionFromBuild(build, today)).toBeUndefined();
	});

	test('an unknown security update keeps its cumulative update', () => {
		expect(versionFromBuild('15.2.1544.999', today)?.update).toBe('CU14');
	});
});

describe('support status on 3 Dec 2026', () => {
	test.each([
		['15.2.2562.17', 'supported', 'supported'],
		['15.2.1748.10', 'end-of-support', 'end of support 14 Oct 2025'],
		['15.1.2507.6', 'end-of-support', 'end of support 14 Oct 2025'],
		['15.0.1497.2', 'unsupported', 'unsupported'],
		['14.3.123.4', 'unsupported', 'unsupported'],
		['8.3.83.6', 'unsupported', 'unsupported'],
		['15.20.8000.1', 'supported', 'supported'],
	])('%s is %s', (build, support, label) => {
		const info = versionFromBuild(build, today);
		expect(info?.support).toBe(support);
		expect(info?.supportLabel).toBe(label);
	});

	test('2019 was supported on its last day', () => {
		expect(supportOf('Exchange2019', new Date('2025-10-14T20:00:00Z'))).toEqual(
			{status: 'supported', label: 'supported until 14 Oct 2025'},
		);
		expect(
			supportOf('Exchange2019', new Date('2025-10-15T01:00:00Z')).status,
		).toBe('end-of-support');
	});
});

describe('parseAdminDisplayVersion', () => {
	test.each([
		['Version 15.2 (Build 1544.4)', '15.2.1544.4'],
		['Version 8.3 (Build 83.6)', '8.3.83.6'],
		['Version 14.3 (Build 123.4)', '14.3.123.4'],
		['version 15.1 ( build 2507.6 )', '15.1.2507.6'],
	])('%s → %s', (text, build) => {
		expect(parseAdminDisplayVersion(text)).toBe(build);
	});

	test.each(['', 'Unknown', 'Version 15.2', '15.2.1544.4'])(
		'%j has no version',
		text => {
			expect(parseAdminDisplayVersion(text)).toBeUndefined();
		},
	);
});

describe('POX ServerVersion', () => {
	test('decodes the documented example', () => {
		expect(decodeServerVersion('738180DA')).toBe('14.1.218');
		expect(decodeServerVersion('738180da')).toBe('14.1.218');
	});

	test.each([
		[15, 2, 1544],
		[15, 2, 2562],
		[15, 20, 8000],
		[8, 3, 83],
		[14, 3, 123],
	])('round-trips %i.%i.%i', (major, minor, build) => {
		const hex = encodeServerVersion(major, minor, build);
		expect(hex).toMatch(/^[\dA-F]{8}$/);
		expect(decodeServerVersion(hex)).toBe(`${major}.${minor}.${build}`);
	});

	test.each(['', '738180D', '738180DAX', 'GGGGGGGG'])('%j is refused', hex => {
		expect(decodeServerVersion(hex)).toBeUndefined();
	});
});

describe('EWS schema version', () => {
	test.each([
		['Exchange2007', undefined, 'Exchange2007_SP1'],
		['Exchange2010', undefined, 'Exchange2010_SP2'],
		['Exchange2010', '14.0.639.21', 'Exchange2010'],
		['Exchange2010', '14.1.218.15', 'Exchange2010_SP1'],
		['Exchange2010', '14.3.123.4', 'Exchange2010_SP2'],
		['Exchange2013', '15.0.775.38', 'Exchange2013'],
		['Exchange2013', '15.0.1497.2', 'Exchange2013_SP1'],
		['Exchange2013', null, 'Exchange2013_SP1'],
		['Exchange2016', '15.1.2507.6', 'Exchange2013_SP1'],
		['Exchange2019', '15.2.1544.4', 'Exchange2013_SP1'],
		['ExchangeSE', '15.2.2562.17', 'Exchange2013_SP1'],
		['ExchangeOnline', null, 'Exchange2013_SP1'],
	] as const)('%s %s → %s', (name, build, schema) => {
		expect(ewsSchemaVersion(name, build)).toBe(schema);
	});
});
