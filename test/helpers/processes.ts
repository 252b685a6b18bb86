import {readdirSync, readFileSync} from 'node:fs';

type ProcessEntry = {pid: number; parent: number; name: string};

/**
Every process on the machine, read from /proc (Linux only).
*/
export function listProcesses(): ProcessEntry[] {
	const entries: ProcessEntry[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) {
			continue;
		}

		try {
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			// The command name sits in parentheses and may itself contain spaces
			// or parentheses, so split after the last closing one.
			const close = stat.lastIndexOf(')');
			const fields = stat.slice(close + 2).split(' ');
			entries.push({
				pid: Number(name),
				parent: Number(fields[1]),
				name: stat.slice(stat.indexOf('(') + 1, close),
			});
		} catch {
			// The process ended while we were reading.
		}
	}

	return entries;
}

export function childrenOf(pid: number): number[] {
	return listProcesses()
		.filter(entry => entry.parent === pid)
		.map(entry => entry.pid);
}

/**
The processes whose parent chain leads to `pid`, with their command names.
*/
export function descendantsOf(pid: number): ProcessEntry[] {
	const all = listProcesses();
	const found: ProcessEntry[] = [];
	let frontier = [pid];
	while (frontier.length > 0) {
		const parents = new Set(frontier);
		const next = all.filter(entry => parents.has(entry.parent));
		found.push(...next);
		frontier = next.map(entry => entry.pid);
	}

	return found;
}

/**
The PowerShell processes started, directly or not, by `pid`.
*/
export function powershellDescendants(pid: number): number[] {
	return descendantsOf(pid)
		.filter(entry => entry.name === 'pwsh' || entry.name.startsWith('pwsh'))
		.map(entry => entry.pid);
}

export function isAlive(pid: number): boolean {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// A zombie has ended; only its exit status is left to collect.
		return (
			stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z'
		);
	} catch {
		return false;
	}
}

/**
The resident-set high-water mark of a live process, in bytes.
*/
export function peakResidentBytes(pid: number): number | undefined {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		const match = /^VmHWM:\s+(\d+)\s+kB/m.exec(status);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}
