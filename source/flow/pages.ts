/*
The wizard's pages, their titles and their place in the step counter.
*/

export type PageId =
	| 'exchange'
	| 'detecting'
	| 'configuration'
	| 'not-shown'
	| 'accounts'
	| 'summary'
	| 'done';

export const pageTitles: Readonly<Record<PageId, string>> = {
	exchange: 'Exchange',
	detecting: 'Detecting your Exchange environment',
	configuration: 'Exchange Server Configuration',
	'not-shown': 'Exchange Server Configuration',
	accounts: 'Accounts and permissions',
	summary: 'Summary',
	done: 'Done',
};

/**
The step counter counts the six pages of the contract. The screen that
explains why the configuration page is not shown takes that page's place.
*/
export const stepCount = 6;

const steps: Readonly<Record<PageId, number>> = {
	exchange: 1,
	detecting: 2,
	configuration: 3,
	'not-shown': 3,
	accounts: 4,
	summary: 5,
	done: 6,
};

export function stepOf(page: PageId): string {
	return `${steps[page]} of ${stepCount}`;
}
