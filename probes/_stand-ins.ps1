# Stand-ins for the seam commands, answering from a scenario instead of
# Windows, Active Directory and Exchange. Node builds the module by putting
# one line before this text: $StandInDataB64 = '<base64 JSON>'. The
# scenario reaches PowerShell only as that data, never as code.
#
# The answers follow the mapping rules of the simulated environment
# (source/environment/simulated/index.ts), so both give the same report.

$script:Data = $null

function ConvertFrom-StandInValue {
	param($Value)
	if ($null -eq $Value) { return $null }
	if ($Value -is [string]) { return $Value.Substring(1) }
	if ($Value -is [System.Array]) {
		$items = New-Object System.Collections.ArrayList
		foreach ($item in $Value) {
			[void]$items.Add((ConvertFrom-StandInValue $item))
		}
		return ,($items.ToArray())
	}
	if ($Value -is [System.Management.Automation.PSCustomObject]) {
		$table = @{}
		foreach ($property in $Value.PSObject.Properties) {
			$table[$property.Name] = ConvertFrom-StandInValue $property.Value
		}
		return $table
	}
	return $Value
}

$script:Data = ConvertFrom-StandInValue (ConvertFrom-Json -InputObject (
	[System.Text.Encoding]::UTF8.GetString([System.Convert]::FromBase64String($StandInDataB64))))

# An ErrorRecord shaped like the one the real command raises.
function New-StandInError {
	param([string]$ErrorId, [string]$Message, [string]$Reason)
	$category = 'NotSpecified'
	if ($ErrorId -like '*PSSessionOpenFailed*') {
		$exception = New-Object System.Management.Automation.Remoting.PSRemotingTransportException($Message)
		$category = 'OpenError'
	} elseif ($ErrorId -like '*CommandNotFound*') {
		$exception = New-Object System.Management.Automation.CommandNotFoundException($Message)
		$category = 'ObjectNotFound'
	} else {
		$exception = New-Object System.Management.Automation.RuntimeException($Message)
	}
	$record = New-Object System.Management.Automation.ErrorRecord(
		$exception, $ErrorId, [System.Management.Automation.ErrorCategory]$category, $null)
	if ($Reason) { $record.CategoryInfo.Reason = $Reason }
	$record
}

# Raises the scenario's error fault for a seam, if it has one.
function Invoke-StandInFault {
	param([string]$Seam)
	foreach ($fault in @($script:Data['faults'])) {
		if ($fault['seam'] -ne $Seam) { continue }
		if ($null -eq $fault['errorId']) {
			# PowerShell's own answer to a bare throw: the message is the id.
			throw $fault['message']
		}
		throw (New-StandInError $fault['errorId'] $fault['message'])
	}
}

# Holds a whole round trip: a hang waits until the shell is stopped, a
# delay for its milliseconds.
function Invoke-StandInHold {
	param([string]$Trip)
	$hold = $script:Data['holds'][$Trip]
	if ($null -eq $hold) { return }
	if ($hold -lt 0) {
		while ($true) { Start-Sleep -Seconds 1 }
	}
	Start-Sleep -Milliseconds $hold
}

function Get-ProbeHostInfo {
	Invoke-StandInHold 'host'
	Invoke-StandInFault 'Get-ProbeHostInfo'
	$shell = $script:Data['host']['powershell']
	New-Object PSObject -Property @{
		ComputerName = $script:Data['host']['computerName']
		PSVersion = $shell['version']
		PSEdition = $shell['edition']
		LanguageMode = $shell['languageMode']
		ExecutionPolicy = $shell['executionPolicy']
	}
}

function Get-Service {
	param([string]$Name)
	Invoke-StandInFault 'Get-Service'
	New-Object PSObject -Property @{
		Name = $Name; Status = $script:Data['host']['winrm']
	}
}

function Get-ProbeTokenGroups {
	Invoke-StandInFault 'Get-ProbeTokenGroups'
	New-Object PSObject -Property @{
		Account = $script:Data['host']['account']
		Groups = @($script:Data['host']['groups'])
	}
}

function Get-ProbeScp {
	foreach ($url in @($script:Data['host']['scp'])) { $url }
}

function Connect-ProbeExchange {
	param([Parameter(Mandatory = $true)][string]$Server)
	$target = $null
	foreach ($candidate in @($script:Data['servers'])) {
		if ($candidate['fqdn'].ToLowerInvariant() -ceq $Server.ToLowerInvariant()) {
			$target = $candidate
			break
		}
	}
	if ($null -eq $target) {
		$message = 'Connecting to remote server ' + $Server + ' failed with the following error message : The WinRM client cannot process the request because the server name cannot be resolved.'
		throw (New-StandInError 'ComputerNotFound,PSSessionOpenFailed' $message)
	}
	Invoke-StandInHold 'exchange'
	$target['fqdn']
}

function Disconnect-ProbeExchange { }

function Get-ExchangeServer {
	Invoke-StandInFault 'Get-ExchangeServer'
	foreach ($server in @($script:Data['servers'])) {
		New-Object PSObject -Property @{
			Name = $server['name']
			Fqdn = $server['fqdn']
			AdminDisplayVersion = $server['adminDisplayVersion']
			# Deserialized output: a flags enum as "Mailbox, ClientAccess",
			# the site as its AD path.
			ServerRole = $server['serverRole']
			Site = $server['site']
		}
	}
}

function Get-ProbeExchangeServices {
	Invoke-StandInFault 'Get-ProbeExchangeServices'
	foreach ($server in @($script:Data['servers'])) {
		$services = @()
		foreach ($service in @($server['services'])) {
			$services += New-Object PSObject -Property @{
				Name = $service['name']; Status = $service['status']
			}
		}
		New-Object PSObject -Property @{ Server = $server['fqdn']; Services = $services }
	}
}

function Get-ProbeMailboxDatabases {
	Invoke-StandInFault 'Get-ProbeMailboxDatabases'
	foreach ($server in @($script:Data['servers'])) {
		foreach ($database in @($server['databases'])) {
			New-Object PSObject -Property @{
				Name = $database['name']
				Server = $server['fqdn']
				StorageGroup = $database['storageGroup']
			}
		}
	}
}

function Get-RoleGroupMember {
	param([string]$Identity)
	Invoke-StandInFault 'Get-RoleGroupMember'
	foreach ($group in @($script:Data['roleGroups'])) {
		if ($group['name'] -ceq $Identity) {
			foreach ($member in @($group['members'])) {
				New-Object PSObject -Property @{ Name = $member }
			}
			return
		}
	}
	$message = "The operation couldn't be performed because object '" + $Identity + "' couldn't be found."
	throw (New-StandInError 'ManagementObjectNotFound' $message 'ManagementObjectNotFoundException')
}

function Get-ProbeMemberName {
	param($Member)
	[string]$Member.Name
}

function Get-ManagementRoleAssignment {
	param([string]$Role)
	Invoke-StandInFault 'Get-ManagementRoleAssignment'
	foreach ($assignment in @($script:Data['roleAssignments'])) {
		if ($assignment['role'] -ceq $Role) {
			New-Object PSObject -Property @{
				Role = $assignment['role']; RoleAssigneeName = $assignment['assignee']
			}
		}
	}
}

# Not DPAPI: the bytes, base64 encoded, so tests can check what arrived.
function Protect-ProbeSecret {
	param([Parameter(Mandatory = $true)][string]$Secret)
	[System.Convert]::ToBase64String([System.Text.Encoding]::UTF8.GetBytes($Secret))
}

Export-ModuleMember -Function Get-ProbeHostInfo, Get-Service, Get-ProbeTokenGroups,
	Get-ProbeScp, Connect-ProbeExchange, Disconnect-ProbeExchange, Get-ExchangeServer,
	Get-ProbeExchangeServices, Get-ProbeMailboxDatabases, Get-RoleGroupMember,
	Get-ProbeMemberName, Get-ManagementRoleAssignment, Protect-ProbeSecret
