/*
The configuration document, as the product contract fixes its keys. The plan
computes it from the answers; the Summary renders it; the store writes it.
*/
import type {Deployment, DetectedVersion} from '../detection/types.js';

export const instanceNames = {
	management: 'Exchange Management',
	metaData: 'Exchange Meta Data',
	administration: 'Exchange Administration',
} as const;

export type InstanceName = (typeof instanceNames)[keyof typeof instanceNames];

/** The K2 service instance authentication modes, spelled as K2 spells them. */
export type InstanceAuthentication =
	'Impersonate' | 'ServiceAccount' | 'SSO' | 'Static';

/** EWS schema versions, as the EWS Managed API names them. */
export type EwsSchemaVersion =
	| 'Exchange2007_SP1'
	| 'Exchange2010'
	| 'Exchange2010_SP1'
	| 'Exchange2010_SP2'
	| 'Exchange2013'
	| 'Exchange2013_SP1';

export type ServiceInstance = {
	readonly name: InstanceName;
	readonly authentication: InstanceAuthentication;
	readonly settings: Readonly<Record<string, string | number | boolean>>;
};

export type ExchangeSection =
	| {
			readonly enabled: true;
			readonly autodiscover: boolean;
			readonly email: string | null;
			readonly deployment: Deployment;
			readonly server: string | null;
			readonly version: DetectedVersion;
			readonly standard: boolean;
			readonly administrative: boolean;
	  }
	| {
			readonly enabled: false;
			readonly skippedReason: string;
	  };

export type ConfigDocument = {
	readonly schemaVersion: 1;
	readonly exchange: ExchangeSection;
	readonly serviceInstances: readonly ServiceInstance[];
	readonly environmentLibrary: ReadonlyArray<{
		readonly field: string;
		readonly value: string;
	}>;
};
