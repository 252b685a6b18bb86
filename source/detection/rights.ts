/*
The rights each chosen integration needs, checked against what detection
found, each with the exact command that grants it. A missing right is a
warning, never a failure: Exchange administrators often grant rights after
the install.
*/
import {isGroup, viewOnlyGroup} from './host-checks.js';
import type {Deployment, Findings} from './types.js';

export type RightCheck = {
	/** The role or role group. */
	readonly right: string;
	/** The account that needs it. */
	readonly holder: string;
	readonly status: 'pass' | 'warn' | 'skip';
	/** One line: what was found. */
	readonly detail: string;
	/** The exact command that grants it; null when nothing is to be done. */
	readonly fix: string | null;
};

export type RightsInput = {
	readonly findings: Findings;
	readonly deployment: Deployment;
	readonly standard: boolean;
	readonly administrative: boolean;
	readonly serviceAccount: string | null;
};

const impersonation = 'ApplicationImpersonation';
const recipientManagement = 'Recipient Management';
const organizationManagement = 'Organization Management';

function userPart(account: string): string {
	return account.slice(account.indexOf('\\') + 1);
}

/**
Whether two account names are the same account. Role group listings may
drop the domain, so a name without one matches on the user part.
*/
export function sameAccount(a: string, b: string): boolean {
	const left = a.trim().toLowerCase();
	const right = b.trim().toLowerCase();
	if (left === right) {
		return true;
	}

	return (
		(!left.includes('\\') || !right.includes('\\')) &&
		userPart(left) === userPart(right)
	);
}

function members(findings: Findings, group: string): readonly string[] {
	const entry = Object.entries(findings.roleGroups).find(
		([name]) => name.toLowerCase() === group.toLowerCase(),
	);
	return entry?.[1] ?? [];
}

/**
Why an absence proves nothing, if it does not: no Exchange session, or role
groups that could not be read (every organisation has some).
*/
function notQueried(findings: Findings): string | undefined {
	if (findings.servers.length === 0) {
		return 'not checked: no Exchange session was opened';
	}

	if (Object.keys(findings.roleGroups).length === 0) {
		return 'not checked: role groups and assignments could not be read';
	}

	return undefined;
}

function viewOnly(input: RightsInput): RightCheck {
	const {findings} = input;
	const holder = findings.account ?? 'the installation account';
	const right = viewOnlyGroup;
	if (input.deployment === 'online') {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'not needed for Exchange Online',
			fix: null,
		};
	}

	if (!input.standard && !input.administrative) {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'no integration chosen',
			fix: null,
		};
	}

	const inToken = findings.accountGroups.some(
		group =>
			isGroup(group, viewOnlyGroup) || isGroup(group, organizationManagement),
	);
	if (inToken) {
		return {right, holder, status: 'pass', detail: 'member', fix: null};
	}

	const inDirectory =
		findings.account !== null &&
		[
			...members(findings, viewOnlyGroup),
			...members(findings, organizationManagement),
		].some(member => sameAccount(member, findings.account!));
	if (inDirectory) {
		return {
			right,
			holder,
			status: 'warn',
			detail: 'member in Active Directory, but not yet in this logon session',
			fix: 'Log off and on again (or run klist purge), then retry the checks',
		};
	}

	return {
		right,
		holder,
		status: 'warn',
		detail: 'not a member',
		fix: `Add-RoleGroupMember -Identity "${viewOnlyGroup}" -Member ${holder}, then log off and on`,
	};
}

function onlyExchange2007(findings: Findings): boolean {
	return (
		findings.servers.length > 0 &&
		findings.servers.every(server => server.version?.name === 'Exchange2007')
	);
}

function impersonationRight(input: RightsInput): RightCheck {
	const {findings, serviceAccount} = input;
	const holder = serviceAccount ?? 'the service account';
	const right = impersonation;
	if (!input.standard) {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'standard integration is off',
			fix: null,
		};
	}

	if (input.deployment === 'online') {
		return {
			right,
			holder,
			status: 'skip',
			detail:
				'retired in Exchange Online: grant the Entra app its Microsoft Graph permissions instead',
			fix: null,
		};
	}

	if (!serviceAccount) {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'choose the service account first',
			fix: null,
		};
	}

	if (onlyExchange2007(findings)) {
		const server = findings.servers[0]!.name;
		return {
			right: 'ms-Exch-EPI-Impersonation',
			holder,
			status: 'warn',
			detail:
				'Exchange 2007 grants impersonation as Active Directory rights; not checked',
			fix: `Add-ADPermission -Identity (Get-ExchangeServer ${server}).DistinguishedName -User ${serviceAccount} -ExtendedRights ms-Exch-EPI-Impersonation`,
		};
	}

	const granted = findings.roleAssignments.some(
		assignment =>
			assignment.role.toLowerCase() === impersonation.toLowerCase() &&
			sameAccount(assignment.assignee, serviceAccount),
	);
	if (granted) {
		return {right, holder, status: 'pass', detail: 'assigned', fix: null};
	}

	return {
		right,
		holder,
		status: 'warn',
		detail: notQueried(findings) ?? 'not assigned',
		fix: `New-ManagementRoleAssignment -Name "K2 impersonation ${userPart(serviceAccount)}" -Role ${impersonation} -User ${serviceAccount}`,
	};
}

function recipients(input: RightsInput): RightCheck {
	const {findings, serviceAccount} = input;
	const holder = serviceAccount ?? 'the service account';
	const right = recipientManagement;
	if (!input.administrative) {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'administrative integration is off',
			fix: null,
		};
	}

	if (input.deployment === 'online') {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'administrative integration is not offered for Exchange Online',
			fix: null,
		};
	}

	if (!serviceAccount) {
		return {
			right,
			holder,
			status: 'skip',
			detail: 'choose the service account first',
			fix: null,
		};
	}

	const member = [
		...members(findings, recipientManagement),
		...members(findings, organizationManagement),
	].some(entry => sameAccount(entry, serviceAccount));
	if (member) {
		return {right, holder, status: 'pass', detail: 'member', fix: null};
	}

	return {
		right,
		holder,
		status: 'warn',
		detail: notQueried(findings) ?? 'not a member',
		fix: `Add-RoleGroupMember -Identity "${recipientManagement}" -Member ${serviceAccount}`,
	};
}

/**
The rights for the chosen integrations, in the order the Accounts page shows
them: the installation account's, then impersonation, then Recipient
Management.
*/
export function checkRights(input: RightsInput): RightCheck[] {
	return [viewOnly(input), impersonationRight(input), recipients(input)];
}
