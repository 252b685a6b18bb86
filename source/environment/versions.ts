/* eslint-disable no-bitwise -- ServerVersion is a bit field */
/*
From a build number to what an administrator calls it: the product, its
update level, whether Microsoft still supports it, and the EWS schema version
the K2 service broker should speak to it.
*/
import type {VersionName} from '../detection/types.js';
import {
	products,
	servicePacks,
	updates,
	type ProductRow,
} from './version-table.js';

export type SupportStatus = 'supported' | 'end-of-support' | 'unsupported';

export type BuildInfo = {
	readonly name: VersionName;
	/** "Exchange Server 2019". */
	readonly label: string;
	/** The build as given, normalised: "15.2.1544.4" or "15.2.1544". */
	readonly build: string;
	/** "CU14 Nov24SU", "SP3", or null when the table does not know it. */
	readonly update: string | null;
	readonly support: SupportStatus;
	/** "supported", "end of support 14 Oct 2025", "unsupported". */
	readonly supportLabel: string;
};

export type EwsSchemaVersion =
	| 'Exchange2007_SP1'
	| 'Exchange2010'
	| 'Exchange2010_SP1'
	| 'Exchange2010_SP2'
	| 'Exchange2013'
	| 'Exchange2013_SP1';

type UpdateRow = {
	readonly update: string;
	readonly securityUpdates: ReadonlyMap<number, string>;
};

let updateIndex: Map<string, UpdateRow> | undefined;

function getUpdateIndex(): Map<string, UpdateRow> {
	if (updateIndex) {
		return updateIndex;
	}

	updateIndex = new Map();
	for (const line of updates.split('\n')) {
		const [build, update, ...rest] = line.trim().split(/\s+/);
		if (!build || !update) {
			continue;
		}

		const securityUpdates = new Map<number, string>();
		for (const pair of rest) {
			const [revision, name] = pair.split('=');
			securityUpdates.set(Number(revision), name ?? '');
		}

		updateIndex.set(build, {update, securityUpdates});
	}

	return updateIndex;
}

const buildPattern = /^(\d{1,3})\.(\d{1,3})(?:\.(\d{1,6}))?(?:\.(\d{1,6}))?$/;

type ParsedBuild = {
	major: number;
	minor: number;
	build: number | undefined;
	revision: number | undefined;
};

function parseBuild(text: string): ParsedBuild | undefined {
	const match = buildPattern.exec(text.trim());
	if (!match) {
		return undefined;
	}

	const [, major, minor, build, revision] = match;
	return {
		major: Number(major),
		minor: Number(minor),
		build: build === undefined ? undefined : Number(build),
		revision: revision === undefined ? undefined : Number(revision),
	};
}

function findProduct(parsed: ParsedBuild): ProductRow | undefined {
	return products.find(row => {
		if (row.major !== parsed.major) {
			return false;
		}

		if (parsed.minor < row.minor[0] || parsed.minor > row.minor[1]) {
			return false;
		}

		if (!row.build) {
			return true;
		}

		// Without a build number 15.2 cannot be told apart (2019 or SE).
		return (
			parsed.build !== undefined &&
			parsed.build >= row.build[0] &&
			parsed.build <= row.build[1]
		);
	});
}

function findUpdate(parsed: ParsedBuild): string | null {
	if (parsed.major < 15) {
		return servicePacks[`${parsed.major}.${parsed.minor}`] ?? null;
	}

	if (parsed.build === undefined) {
		return null;
	}

	const row = getUpdateIndex().get(
		`${parsed.major}.${parsed.minor}.${parsed.build}`,
	);
	if (!row) {
		return null;
	}

	const security =
		parsed.revision === undefined
			? undefined
			: row.securityUpdates.get(parsed.revision);
	return security ? `${row.update} ${security}` : row.update;
}

const months = [
	'Jan',
	'Feb',
	'Mar',
	'Apr',
	'May',
	'Jun',
	'Jul',
	'Aug',
	'Sep',
	'Oct',
	'Nov',
	'Dec',
];

function formatDay(isoDate: string): string {
	const [year, month, day] = isoDate.split('-').map(Number);
	return `${day} ${months[(month ?? 1) - 1]} ${year}`;
}

/**
Support status on a given day. Products whose support ended with the
2016/2019 generation are "end of support" (a paid extension exists);
anything older is plainly unsupported.
*/
export function supportOf(
	name: VersionName,
	now: Date = new Date(),
): {status: SupportStatus; label: string} {
	const row = products.find(product => product.name === name);
	const end = row?.endOfSupport;
	if (!end) {
		return {status: 'supported', label: 'supported'};
	}

	const endsAt = Date.parse(`${end}T23:59:59Z`);
	if (now.getTime() <= endsAt) {
		return {status: 'supported', label: `supported until ${formatDay(end)}`};
	}

	if (name === 'Exchange2016' || name === 'Exchange2019') {
		return {
			status: 'end-of-support',
			label: `end of support ${formatDay(end)}`,
		};
	}

	return {status: 'unsupported', label: 'unsupported'};
}

/**
Maps "15.2.1544.4", "15.2.1544" or "8.3.83.6" to the product. Returns
undefined for anything that is not an Exchange build.
*/
export function versionFromBuild(
	build: string,
	now: Date = new Date(),
): BuildInfo | undefined {
	const parsed = parseBuild(build);
	if (!parsed) {
		return undefined;
	}

	const product = findProduct(parsed);
	if (!product) {
		return undefined;
	}

	const support = supportOf(product.name, now);
	return {
		name: product.name,
		label: product.label,
		build: build.trim(),
		update: findUpdate(parsed),
		support: support.status,
		supportLabel: support.label,
	};
}

/**
"Version 15.2 (Build 1544.4)" → "15.2.1544.4". Get-ExchangeServer puts
major.minor after "Version" and build.revision after "Build"; undefined
when the text has neither.
*/
export function parseAdminDisplayVersion(text: string): string | undefined {
	const match =
		/Version\s+(\d{1,3})\.(\d{1,3})\s*\(\s*Build\s+(\d{1,6})\.(\d{1,6})\s*\)/i.exec(
			text,
		);
	if (!match) {
		return undefined;
	}

	const [, major, minor, build, revision] = match;
	return `${Number(major)}.${Number(minor)}.${Number(build)}.${Number(revision)}`;
}

/**
Decodes the POX ServerVersion, eight hex digits packing 4 unused bits,
6 bits major, 6 bits minor, 1 flag bit and 15 bits build:
"738180DA" → "14.1.218".
*/
export function decodeServerVersion(hex: string): string | undefined {
	if (!/^[\dA-Fa-f]{8}$/.test(hex.trim())) {
		return undefined;
	}

	const value = Number.parseInt(hex.trim(), 16);
	const major = (value >>> 22) & 0x3f;
	const minor = (value >>> 16) & 0x3f;
	const build = value & 0x7f_ff;
	return `${major}.${minor}.${build}`;
}

/**
The inverse of decodeServerVersion, for scenarios and tests. The flag bit is
set, as Exchange servers report it.
*/
export function encodeServerVersion(
	major: number,
	minor: number,
	build: number,
): string {
	const value =
		(0x7 << 28) |
		((major & 0x3f) << 22) |
		((minor & 0x3f) << 16) |
		(1 << 15) |
		(build & 0x7f_ff);
	return (value >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/**
The EWS schema version to configure for a product (the EWS Managed API's
names). Exchange 2010 follows its service pack when the build says; 2013
before SP1 (CU4, build 847) gets Exchange2013; everything newer, including
Exchange Online, speaks Exchange2013_SP1.
*/
export function ewsSchemaVersion(
	name: VersionName,
	build?: string | null,
): EwsSchemaVersion {
	const parsed = build ? parseBuild(build) : undefined;
	switch (name) {
		case 'Exchange2007': {
			return 'Exchange2007_SP1';
		}

		case 'Exchange2010': {
			if (parsed?.major === 14 && parsed.minor === 0) {
				return 'Exchange2010';
			}

			if (parsed?.major === 14 && parsed.minor === 1) {
				return 'Exchange2010_SP1';
			}

			return 'Exchange2010_SP2';
		}

		case 'Exchange2013': {
			if (
				parsed?.major === 15 &&
				parsed.minor === 0 &&
				parsed.build !== undefined &&
				parsed.build < 847
			) {
				return 'Exchange2013';
			}

			return 'Exchange2013_SP1';
		}

		case 'Exchange2016':
		case 'Exchange2019':
		case 'ExchangeSE':
		case 'ExchangeOnline': {
			return 'Exchange2013_SP1';
		}
	}
}

/** A short label for screens: "Exchange 2019 CU14 Nov24SU". */
export function describeBuild(info: BuildInfo): string {
	const short = info.label.replace('Exchange Server ', 'Exchange ');
	return info.update ? `${short} ${info.update}` : short;
}
