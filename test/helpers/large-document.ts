import type {ConfigDocument} from '../../source/plan/types.js';

/** A configuration of about 250 bytes per field, marked so it can be told apart. */
export function largeDocument(mark: string, count: number): ConfigDocument {
	return {
		schemaVersion: 1,
		exchange: {enabled: false, skippedReason: mark},
		serviceInstances: [],
		environmentLibrary: Array.from({length: count}, (_, index) => ({
			field: `Field ${index}`,
			value: `${mark}-${index}-${'x'.repeat(200)}`,
		})),
	};
}
