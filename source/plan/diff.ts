/*
What applying a configuration would change, for the Summary on
--reconfigure and for the unattended run's report. Lists become maps keyed
by their name (instance name, library field), so moving an instance in the
list is no change, and a new instance is one change rather than one per key.
*/
import type {ConfigDocument} from './types.js';

export type ConfigChange = {
	/** `exchange.server`, `serviceInstances["Exchange Management"].settings["Max meetings per day"]`. */
	readonly path: string;
	readonly before?: unknown;
	readonly after?: unknown;
	readonly kind: 'added' | 'removed' | 'changed';
};

type Tree = Record<string, unknown>;

/**
Every leaf that differs between two documents, in document order. With no
`before`, every top-level part of `after` is added.
*/
export function diffConfigurations(
	before: ConfigDocument | undefined,
	after: ConfigDocument,
): ConfigChange[] {
	const changes: ConfigChange[] = [];
	compare(before ? toTree(before) : {}, toTree(after), '', changes);
	return changes;
}

function toTree(document: ConfigDocument): Tree {
	return {
		schemaVersion: document.schemaVersion,
		exchange: document.exchange,
		serviceInstances: Object.fromEntries(
			document.serviceInstances.map(instance => [instance.name, instance]),
		),
		environmentLibrary: Object.fromEntries(
			document.environmentLibrary.map(entry => [entry.field, entry]),
		),
	};
}

function compare(
	before: Tree,
	after: Tree,
	prefix: string,
	out: ConfigChange[],
) {
	const keys = [
		...Object.keys(before),
		...Object.keys(after).filter(key => !Object.hasOwn(before, key)),
	];
	for (const key of keys) {
		const path = join(prefix, key);
		const inBefore = Object.hasOwn(before, key);
		const inAfter = Object.hasOwn(after, key);
		const was = before[key];
		const is = after[key];
		if (!inAfter) {
			out.push({path, before: was, kind: 'removed'});
		} else if (!inBefore) {
			out.push({path, after: is, kind: 'added'});
		} else if (isTree(was) && isTree(is)) {
			compare(was, is, path, out);
		} else if (!sameValue(was, is)) {
			out.push({path, before: was, after: is, kind: 'changed'});
		}
	}
}

function isTree(value: unknown): value is Tree {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function join(prefix: string, key: string): string {
	if (/^[A-Za-z_$][\w$]*$/.test(key)) {
		return prefix === '' ? key : `${prefix}.${key}`;
	}

	return `${prefix}[${JSON.stringify(key)}]`;
}
