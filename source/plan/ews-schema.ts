/*
The K2 Exchange service broker talks EWS, and its "Exchange Version" setting
names the EWS schema to speak, not the product. Servers newer than 2013 and
Exchange Online speak the newest schema the EWS Managed API knows.
*/
import type {DetectedVersion} from '../detection/types.js';
import type {EwsSchemaVersion} from './types.js';

/**
The EWS schema version for a product version. A known build refines Exchange
2010 (SP1, SP2 and later) and Exchange 2013 (SP1 is build 15.0.847); without
one, the release's first schema, which every build of it speaks.
*/
export function ewsSchemaVersion(version: DetectedVersion): EwsSchemaVersion {
	const [major = 0, minor = 0, build = 0] = (version.build ?? '')
		.split('.')
		.map(Number);

	switch (version.name) {
		case 'Exchange2007': {
			return 'Exchange2007_SP1';
		}

		case 'Exchange2010': {
			if (major !== 14 || minor === 0) {
				return 'Exchange2010';
			}

			// SP3 (14.3) added no schema of its own; it speaks SP2's.
			return minor === 1 ? 'Exchange2010_SP1' : 'Exchange2010_SP2';
		}

		case 'Exchange2013': {
			return major === 15 && minor === 0 && build >= 847
				? 'Exchange2013_SP1'
				: 'Exchange2013';
		}

		default: {
			return 'Exchange2013_SP1';
		}
	}
}
