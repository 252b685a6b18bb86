/*
The facts behind version detection, kept as data so a new cumulative or
security update is a one-line change.

Sources: the build table of microsoft/CSS-Exchange
(Shared/Get-ExchangeBuildVersionInformation.ps1, April 2026) for 15.x, and
Microsoft's build-number pages for 14.x and 8.x.
*/
import type {VersionName} from '../detection/types.js';

export type ProductRow = {
	readonly name: VersionName;
	/** How people say it: "Exchange Server 2019". */
	readonly label: string;
	readonly major: number;
	/** Minor versions covered, inclusive. */
	readonly minor: readonly [number, number];
	/** Build numbers covered, inclusive; the 15.2 line is split at SE. */
	readonly build?: readonly [number, number];
	/** Last day of extended support (ISO date); null when still supported. */
	readonly endOfSupport: string | null;
};

/**
Checked in order; the first row that matches wins.
*/
export const products: readonly ProductRow[] = [
	{
		name: 'ExchangeOnline',
		label: 'Exchange Online',
		major: 15,
		minor: [20, 63],
		endOfSupport: null,
	},
	{
		name: 'ExchangeSE',
		label: 'Exchange Server SE',
		major: 15,
		minor: [2, 2],
		build: [2562, Number.MAX_SAFE_INTEGER],
		endOfSupport: null,
	},
	{
		name: 'Exchange2019',
		label: 'Exchange Server 2019',
		major: 15,
		minor: [2, 2],
		build: [0, 2561],
		endOfSupport: '2025-10-14',
	},
	{
		name: 'Exchange2016',
		label: 'Exchange Server 2016',
		major: 15,
		minor: [1, 1],
		endOfSupport: '2025-10-14',
	},
	{
		name: 'Exchange2013',
		label: 'Exchange Server 2013',
		major: 15,
		minor: [0, 0],
		endOfSupport: '2023-04-11',
	},
	{
		name: 'Exchange2010',
		label: 'Exchange Server 2010',
		major: 14,
		minor: [0, 3],
		endOfSupport: '2020-10-13',
	},
	{
		name: 'Exchange2007',
		label: 'Exchange Server 2007',
		major: 8,
		minor: [0, 3],
		endOfSupport: '2017-04-11',
	},
];

/**
Service packs of the products that predate cumulative updates, by
major.minor.
*/
export const servicePacks: Readonly<Record<string, string>> = {
	'8.0': 'RTM',
	'8.1': 'SP1',
	'8.2': 'SP2',
	'8.3': 'SP3',
	'14.0': 'RTM',
	'14.1': 'SP1',
	'14.2': 'SP2',
	'14.3': 'SP3',
};

/**
Cumulative updates by major.minor.build, then the security updates released
for it as revision=name. A build whose revision is not listed is reported
with its cumulative update alone.
*/
export const updates = `
15.0.620   CU1
15.0.712   CU2
15.0.775   CU3
15.0.847   CU4
15.0.913   CU5
15.0.995   CU6
15.0.1044  CU7
15.0.1076  CU8
15.0.1104  CU9
15.0.1130  CU10
15.0.1156  CU11
15.0.1178  CU12
15.0.1210  CU13
15.0.1236  CU14
15.0.1263  CU15
15.0.1293  CU16
15.0.1320  CU17
15.0.1347  CU18  5=Mar18SU
15.0.1365  CU19  3=Mar18SU 7=May18SU
15.0.1367  CU20  6=May18SU 9=Aug18SU
15.0.1395  CU21  7=Aug18SU 8=Oct18SU 10=Jan19SU 12=Mar21SU
15.0.1473  CU22  4=Apr19SU 5=Jun19SU 6=Mar21SU
15.0.1497  CU23  3=Jul19SU 4=Nov19SU 6=Feb20SU 7=Oct20SU 8=Nov20SU 10=Dec20SU 12=Mar21SU 15=Apr21SU 18=May21SU 23=Jul21SU 24=Oct21SU 26=Nov21SU 28=Jan22SU 33=Mar22SU 36=May22SU 40=Aug22SU 42=Oct22SU 44=Nov22SU 45=Jan23SU 47=Feb23SU 48=Mar23SU
15.1.396   CU1
15.1.466   CU2
15.1.544   CU3
15.1.669   CU4
15.1.845   CU5
15.1.1034  CU6
15.1.1261  CU7   39=Mar18SU
15.1.1415  CU8   4=Mar18SU 7=May18SU 8=Mar21SU
15.1.1466  CU9   8=May18SU 9=Aug18SU 13=Mar21SU
15.1.1531  CU10  6=Aug18SU 8=Oct18SU 10=Jan19SU 12=Mar21SU
15.1.1591  CU11  11=Dec18SU 13=Jan19SU 16=Apr19SU 17=Jun19SU 18=Mar21SU
15.1.1713  CU12  6=Apr19SU 7=Jun19SU 8=Jul19SU 9=Sep19SU 10=Mar21SU
15.1.1779  CU13  4=Jul19SU 5=Sep19SU 7=Nov19SU 8=Mar21SU
15.1.1847  CU14  5=Nov19SU 7=Feb20SU 10=Mar20SU 12=Mar21SU
15.1.1913  CU15  7=Feb20SU 10=Mar20SU 12=Mar21SU
15.1.1979  CU16  6=Sep20SU 8=Mar21SU
15.1.2044  CU17  6=Sep20SU 7=Oct20SU 8=Nov20SU 12=Dec20SU 13=Mar21SU
15.1.2106  CU18  3=Oct20SU 4=Nov20SU 6=Dec20SU 8=Feb21SU 13=Mar21SU
15.1.2176  CU19  4=Feb21SU 9=Mar21SU 12=Apr21SU 14=May21SU
15.1.2242  CU20  8=Apr21SU 10=May21SU 12=Jul21SU
15.1.2308  CU21  14=Jul21SU 15=Oct21SU 20=Nov21SU 21=Jan22SU 27=Mar22SU
15.1.2375  CU22  12=Oct21SU 17=Nov21SU 18=Jan22SU 24=Mar22SU 28=May22SU 31=Aug22SU 32=Oct22SU 37=Nov22SU
15.1.2507  CU23  9=May22SU 12=Aug22SU 13=Oct22SU 16=Nov22SU 17=Jan23SU 21=Feb23SU 23=Mar23SU 27=Jun23SU 31=Aug23SU 32=Aug23SUv2 34=Oct23SU 35=Nov23SU 37=Mar24SU 43=Nov24SU 44=Nov24SUv2 58=Aug25SU 61=Oct25SU 63=Dec25SU 66=Feb26SU
15.2.330   CU1   7=Apr19SU 8=Jun19SU 9=Jul19SU 10=Sep19SU 11=Mar21SU
15.2.397   CU2   5=Jul19SU 6=Sep19SU 9=Nov19SU 11=Mar21SU
15.2.464   CU3   7=Nov19SU 11=Feb20SU 14=Mar20SU 15=Mar21SU
15.2.529   CU4   8=Feb20SU 11=Mar20SU 13=Mar21SU
15.2.595   CU5   6=Sep20SU 8=Mar21SU
15.2.659   CU6   6=Sep20SU 7=Oct20SU 8=Nov20SU 11=Dec20SU 12=Mar21SU
15.2.721   CU7   3=Oct20SU 4=Nov20SU 6=Dec20SU 8=Feb21SU 13=Mar21SU
15.2.792   CU8   5=Feb21SU 10=Mar21SU 13=Apr21SU 15=May21SU
15.2.858   CU9   10=Apr21SU 12=May21SU 15=Jul21SU
15.2.922   CU10  13=Jul21SU 14=Oct21SU 19=Nov21SU 20=Jan22SU 27=Mar22SU
15.2.986   CU11  9=Oct21SU 14=Nov21SU 15=Jan22SU 22=Mar22SU 26=May22SU 29=Aug22SU 30=Oct22SU 36=Nov22SU 37=Jan23SU 41=Feb23SU 42=Mar23SU
15.2.1118  CU12  9=May22SU 12=Aug22SU 15=Oct22SU 20=Nov22SU 21=Jan23SU 25=Feb23SU 26=Mar23SU 30=Jun23SU 36=Aug23SU 37=Aug23SUv2 39=Oct23SU 40=Nov23SU
15.2.1258  CU13  16=Jun23SU 23=Aug23SU 25=Aug23SUv2 27=Oct23SU 28=Nov23SU 32=Mar24SU 38=Nov24SU 39=Nov24SUv2
15.2.1544  CU14  9=Mar24SU 13=Nov24SU 14=Nov24SUv2 33=Aug25SU 36=Oct25SU 37=Dec25SU 39=Feb26SU
15.2.1748  CU15  36=Aug25SU 39=Oct25SU 42=Dec25SU 43=Feb26SU
15.2.2562  RTM   20=Aug25SU 29=Oct25SU 35=Dec25SU 37=Feb26SU
`;
