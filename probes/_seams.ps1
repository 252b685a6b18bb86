# The seam commands on a real Windows host: the only places where probes
# touch the machine, Active Directory or Exchange. Tests and --simulate
# with --engine powershell load stand-ins with the same names instead.
#
# Functions in a module do not see the caller's preference variables, so
# every cmdlet here states -ErrorAction Stop itself.

$script:ExchangeSession = $null

function New-ProbeErrorRecord {
	param([string]$Id, [string]$Message, [string]$Category = 'NotSpecified')
	$exception = New-Object System.Management.Automation.RuntimeException($Message)
	New-Object System.Management.Automation.ErrorRecord(
		$exception, $Id, [System.Management.Automation.ErrorCategory]$Category, $null)
}

function Get-ProbeHostInfo {
	$edition = 'Desktop'
	if ($PSVersionTable.ContainsKey('PSEdition')) {
		$edition = [string]$PSVersionTable.PSEdition
	}
	New-Object PSObject -Property @{
		ComputerName = [Environment]::MachineName
		PSVersion = $PSVersionTable.PSVersion.ToString()
		PSEdition = $edition
		LanguageMode = [string]$ExecutionContext.SessionState.LanguageMode
		ExecutionPolicy = [string](Get-ExecutionPolicy -ErrorAction Stop)
	}
}

function Get-ProbeTokenGroups {
	$identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
	$groups = @()
	foreach ($sid in $identity.Groups) {
		try {
			$groups += $sid.Translate([System.Security.Principal.NTAccount]).Value
		} catch {
			$groups += $sid.Value
		}
	}
	New-Object PSObject -Property @{ Account = $identity.Name; Groups = $groups }
}

# Autodiscover service connection points, from the configuration partition.
function Get-ProbeScp {
	$keyword = '77378F46-2C66-4aa9-A6A6-3E7A48B19596'
	$rootDse = New-Object System.DirectoryServices.DirectoryEntry('LDAP://RootDSE')
	$configuration = [string]$rootDse.Properties['configurationNamingContext'].Value
	$root = New-Object System.DirectoryServices.DirectoryEntry('LDAP://' + $configuration)
	$searcher = New-Object System.DirectoryServices.DirectorySearcher($root)
	$searcher.Filter = '(&(objectClass=serviceConnectionPoint)(keywords=' + $keyword + '))'
	[void]$searcher.PropertiesToLoad.Add('serviceBindingInformation')
	foreach ($entry in $searcher.FindAll()) {
		foreach ($url in $entry.Properties['servicebindinginformation']) {
			[string]$url
		}
	}
}

function Connect-ProbeExchange {
	param([Parameter(Mandatory = $true)][string]$Server)
	# Checked here as well as in Node: the name becomes part of a URI.
	if ($Server -notmatch '^[A-Za-z0-9.-]{1,253}\z') {
		throw (New-ProbeErrorRecord 'InvalidServerName' 'The Exchange server must be a host name (letters, digits, dots and hyphens).' 'InvalidArgument')
	}
	# Time limits below the caller's, so PowerShell gives up first and says
	# why. (pwsh off Windows has a reduced New-PSSessionOption.)
	$settings = @{}
	if ((Get-Command New-PSSessionOption).Parameters.ContainsKey('OpenTimeout')) {
		$settings['OpenTimeout'] = 30000
		$settings['OperationTimeout'] = 110000
	}
	$option = New-PSSessionOption @settings
	$script:ExchangeSession = New-PSSession -ConfigurationName Microsoft.Exchange `
		-ConnectionUri ('http://' + $Server + '/PowerShell/') `
		-Authentication Kerberos -SessionOption $option -ErrorAction Stop
}

function Disconnect-ProbeExchange {
	if ($null -ne $script:ExchangeSession) {
		Remove-PSSession -Session $script:ExchangeSession -ErrorAction SilentlyContinue
		$script:ExchangeSession = $null
	}
}

# The Exchange endpoint runs in NoLanguage mode: only single commands with
# literal or $using: arguments pass, so each query is one such command and
# the results are shaped here.
function Get-ExchangeServer {
	Invoke-Command -Session $script:ExchangeSession -ErrorAction Stop -ScriptBlock {
		Get-ExchangeServer
	}
}

function Get-MailboxDatabase {
	Invoke-Command -Session $script:ExchangeSession -ErrorAction Stop -ScriptBlock {
		Get-MailboxDatabase
	}
}

function Get-RoleGroupMember {
	param([string]$Identity)
	Invoke-Command -Session $script:ExchangeSession -ErrorAction Stop -ScriptBlock {
		Get-RoleGroupMember -Identity $using:Identity
	}
}

function Get-ManagementRoleAssignment {
	param([string]$Role)
	Invoke-Command -Session $script:ExchangeSession -ErrorAction Stop -ScriptBlock {
		Get-ManagementRoleAssignment -Role $using:Role
	}
}

# DOMAIN\user for a role group member, from its SID when Exchange gives one.
function Get-ProbeMemberName {
	param($Member)
	if ($Member.PSObject.Properties['Sid'] -and $null -ne $Member.Sid) {
		try {
			$sid = New-Object System.Security.Principal.SecurityIdentifier([string]$Member.Sid)
			return $sid.Translate([System.Security.Principal.NTAccount]).Value
		} catch { }
	}
	[string]$Member.Name
}

# The Exchange services of every Exchange server, through CIM over WinRM:
# one object per server, so a server with no such services still appears.
function Get-ProbeExchangeServices {
	foreach ($server in @(Get-ExchangeServer)) {
		$fqdn = [string]$server.Fqdn
		$services = @()
		foreach ($service in @(Get-CimInstance -ClassName Win32_Service -ComputerName $fqdn `
				-Filter "Name LIKE 'MSExchange%'" -ErrorAction Stop)) {
			$services += New-Object PSObject -Property @{
				Name = [string]$service.Name; Status = [string]$service.State
			}
		}
		New-Object PSObject -Property @{ Server = $fqdn; Services = $services }
	}
}

# Mailbox databases with the FQDN of their server. Exchange 2007 keeps
# databases in storage groups; Get-MailboxDatabase names the group there.
function Get-ProbeMailboxDatabases {
	$fqdns = @{}
	foreach ($server in @(Get-ExchangeServer)) {
		$fqdns[[string]$server.Name] = [string]$server.Fqdn
	}
	foreach ($database in @(Get-MailboxDatabase)) {
		$serverName = [string]$database.Server
		$fqdn = $serverName
		if ($fqdns.ContainsKey($serverName)) { $fqdn = $fqdns[$serverName] }
		$group = $null
		if ($database.PSObject.Properties['StorageGroupName'] -and $database.StorageGroupName) {
			$group = [string]$database.StorageGroupName
		}
		New-Object PSObject -Property @{
			Name = [string]$database.Name; Server = $fqdn; StorageGroup = $group
		}
	}
}

function Protect-ProbeSecret {
	param([Parameter(Mandatory = $true)][string]$Secret)
	try { Add-Type -AssemblyName System.Security -ErrorAction Stop } catch { }
	$bytes = [System.Text.Encoding]::UTF8.GetBytes($Secret)
	$protected = [System.Security.Cryptography.ProtectedData]::Protect(
		$bytes, $null, [System.Security.Cryptography.DataProtectionScope]::LocalMachine)
	[System.Convert]::ToBase64String($protected)
}

Export-ModuleMember -Function *
