# Stand-ins for what the probes reach on a real host, answering from a
# scenario instead of Windows, Active Directory and Exchange: the vendor
# commands themselves (Get-Service, Get-CimInstance, New-PSSessionOption,
# New-PSSession, Invoke-Command, Remove-PSSession, and behind the session the
# Exchange cmdlets), and the few .NET calls of probes/_seams.ps1. The probe
# scripts run on top of them as they run on Windows.
#
# Node builds the module by putting one line before this text:
# $StandInDataB64 = '<base64 JSON>'. The scenario reaches PowerShell only as
# that data, never as code.
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
	[System.Text.Encoding]::UTF8.GetString(
		[System.Convert]::FromBase64String($StandInDataB64))))

# An ErrorRecord shaped like the one the real command raises.
function New-StandInError {
	param(
		[string]$ErrorId,
		[string]$Message,
		[string]$Reason,
		[string]$Category
	)
	$type = 'System.Management.Automation.RuntimeException'
	if ($ErrorId -like '*PSSessionOpenFailed*') {
		$type = 'System.Management.Automation.Remoting.PSRemotingTransportException'
		if (-not $Category) { $Category = 'OpenError' }
	} elseif ($ErrorId -like '*CommandNotFound*') {
		$type = 'System.Management.Automation.CommandNotFoundException'
		if (-not $Category) { $Category = 'ObjectNotFound' }
	}
	$exception = New-Object -TypeName $type -ArgumentList $Message
	if (-not $Category) { $Category = 'NotSpecified' }
	$record = New-Object System.Management.Automation.ErrorRecord($exception,
		$ErrorId, [System.Management.Automation.ErrorCategory]$Category, $null)
	if ($Reason) { $record.CategoryInfo.Reason = $Reason }
	$record
}

# Raises the scenario's error fault for a command, if it has one.
function Invoke-StandInFault {
	param([string]$Command)
	foreach ($fault in @($script:Data['faults'])) {
		if ($fault['command'] -ne $Command) { continue }
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

# An object as Windows or Exchange returns it: its type, its properties and
# the text it prints as. Built on System.Object, so that the serializer keeps
# that text, as it does for the real types.
function New-StandInObject {
	param([string]$TypeName, [hashtable]$Property, $Text = $null)
	$object = New-Object PSObject -ArgumentList (New-Object System.Object)
	foreach ($key in $Property.Keys) {
		$object | Add-Member -MemberType NoteProperty -Name $key `
			-Value $Property[$key]
	}
	if ($null -ne $Text) {
		$print = [string]$Text
		$object | Add-Member -MemberType ScriptMethod -Name ToString -Force `
			-Value { $print }.GetNewClosure()
	}
	$object.PSObject.TypeNames.Insert(0, $TypeName)
	$object
}

function Find-StandInServer {
	param([string]$Fqdn)
	foreach ($candidate in @($script:Data['servers'])) {
		$known = $candidate['fqdn'].ToLowerInvariant()
		if ($known -ceq $Fqdn.ToLowerInvariant()) { return $candidate }
	}
	return $null
}

# --- This computer -------------------------------------------------------

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
	[CmdletBinding()]
	param([string]$Name)
	Invoke-StandInFault 'Get-Service'
	$service = New-Object PSObject -Property @{
		Name = $Name; Status = $script:Data['host']['winrm']
	}
	$service.PSObject.TypeNames.Insert(0,
		'System.ServiceProcess.ServiceController')
	$service
}

# Every account and group the scenario names gets a SID of its own when it
# is handed out, and Resolve-ProbeSid names it again.
$script:Names = @{}
$script:NextRid = 1100

function New-StandInSid {
	param([string]$Name)
	$sid = 'S-1-5-21-3623811015-3361044348-30300820-' + $script:NextRid
	$script:NextRid++
	$script:Names[$sid] = $Name
	$sid
}

function Get-ProbeCurrentIdentity {
	Invoke-StandInFault 'Get-ProbeCurrentIdentity'
	$groups = @()
	foreach ($name in @($script:Data['host']['groups'])) {
		$sid = New-Object PSObject -Property @{ Value = (New-StandInSid $name) }
		$sid.PSObject.TypeNames.Insert(0,
			'System.Security.Principal.SecurityIdentifier')
		$groups += $sid
	}
	$identity = New-Object PSObject -Property @{
		Name = $script:Data['host']['account']
		AuthenticationType = 'Kerberos'
		Groups = $groups
	}
	$identity.PSObject.TypeNames.Insert(0,
		'System.Security.Principal.WindowsIdentity')
	$identity
}

function Resolve-ProbeSid {
	param([Parameter(Mandatory = $true)][string]$Sid)
	if ($script:Names.ContainsKey($Sid)) { return $script:Names[$Sid] }
	$exception = New-Object System.Security.Principal.IdentityNotMappedException(
		'Some or all identity references could not be translated.')
	throw (New-Object System.Management.Automation.ErrorRecord($exception,
		'IdentityNotMappedException', 'NotSpecified', $null))
}

# --- Active Directory ----------------------------------------------------

function Get-ProbeDirectoryEntry {
	param([Parameter(Mandatory = $true)][string]$Path)
	$properties = @{}
	if ($Path -eq 'LDAP://RootDSE') {
		$context = $script:Data['host']['configurationNamingContext']
		$properties['configurationNamingContext'] =
			New-Object PSObject -Property @{ Value = $context }
	}
	$entry = New-Object PSObject -Property @{
		Path = $Path; Properties = $properties
	}
	$entry.PSObject.TypeNames.Insert(0,
		'System.DirectoryServices.DirectoryEntry')
	$entry
}

function New-ProbeDirectorySearcher {
	param([Parameter(Mandatory = $true)]$SearchRoot)
	$searcher = New-Object PSObject -Property @{
		SearchRoot = $SearchRoot
		Filter = '(objectClass=*)'
		PropertiesToLoad = (
			New-Object System.Collections.Specialized.StringCollection)
	}
	$searcher | Add-Member -MemberType ScriptMethod -Name FindAll -Value {
		Find-StandInScp $this
	}
	$searcher.PSObject.TypeNames.Insert(0,
		'System.DirectoryServices.DirectorySearcher')
	$searcher
}

# The scenario's service connection points, for the one search that finds
# them in a real forest: under the configuration partition, for objects of
# that class with the Autodiscover keyword. Other searches find nothing.
function Find-StandInScp {
	param($Searcher)
	$context = $script:Data['host']['configurationNamingContext']
	$filter = [string]$Searcher.Filter
	$class = '*(objectClass=serviceConnectionPoint)*'
	$keyword = '*(keywords=77378F46-2C66-4aa9-A6A6-3E7A48B19596)*'
	if ([string]$Searcher.SearchRoot.Path -ne ('LDAP://' + $context) -or
		$filter -notlike $class -or $filter -notlike $keyword) {
		return
	}
	# Only the attributes asked for come back, under lowercase names.
	$load = $false
	foreach ($name in $Searcher.PropertiesToLoad) {
		if ($name -eq 'serviceBindingInformation') { $load = $true }
	}
	foreach ($url in @($script:Data['host']['scp'])) {
		$properties = @{}
		if ($load) { $properties['servicebindinginformation'] = @($url) }
		$result = New-Object PSObject -Property @{ Properties = $properties }
		$result.PSObject.TypeNames.Insert(0,
			'System.DirectoryServices.SearchResult')
		$result
	}
}

# --- Remoting ------------------------------------------------------------

function New-PSSessionOption {
	[CmdletBinding()]
	param([int]$OpenTimeout = 180000, [int]$OperationTimeout = 180000)
	$option = New-Object PSObject -Property @{
		OpenTimeout = [TimeSpan]::FromMilliseconds($OpenTimeout)
		OperationTimeout = [TimeSpan]::FromMilliseconds($OperationTimeout)
	}
	$option.PSObject.TypeNames.Insert(0,
		'System.Management.Automation.Remoting.PSSessionOption')
	$option
}

$script:SessionCount = 0

# A session to a scenario server's Exchange endpoint: the session
# configuration Microsoft.Exchange at http://FQDN/PowerShell/, by Kerberos.
function New-PSSession {
	[CmdletBinding()]
	param(
		[string]$ConfigurationName,
		[string]$ConnectionUri,
		[string]$Authentication,
		$SessionOption
	)
	$server = $ConnectionUri
	if ($ConnectionUri -match '^https?://([^/]+)') { $server = $Matches[1] }
	$prefix = 'Connecting to remote server ' + $server +
		' failed with the following error message : '
	$target = Find-StandInServer $server
	if ($null -eq $target) {
		throw (New-StandInError 'ComputerNotFound,PSSessionOpenFailed' (
			$prefix + 'The WinRM client cannot process the request because ' +
			'the server name cannot be resolved.'))
	}
	if ($ConnectionUri -notmatch '^http://[^/]+/PowerShell/?$') {
		throw (New-StandInError '-2144108250,PSSessionOpenFailed' (
			$prefix + 'The WinRM client received an HTTP status code of 404 ' +
			'from the remote WS-Management service.'))
	}
	if ($ConfigurationName -ne 'Microsoft.Exchange') {
		throw (New-StandInError 'InvalidResourceUri,PSSessionOpenFailed' (
			$prefix + 'The WS-Management service cannot process the request. ' +
			'Cannot find the ' + $ConfigurationName + ' session configuration ' +
			'in the WSMan: drive on the ' + $target['name'] + ' computer.'))
	}
	if ($Authentication -ne 'Kerberos') {
		throw (New-StandInError 'AccessDenied,PSSessionOpenFailed' (
			$prefix + 'Access is denied.'))
	}
	Invoke-StandInHold 'exchange'
	$script:SessionCount++
	$session = New-Object PSObject -Property @{
		Id = $script:SessionCount
		Name = 'WinRM' + $script:SessionCount
		ComputerName = $target['fqdn']
		ConfigurationName = $ConfigurationName
		State = 'Opened'
		Availability = 'Available'
	}
	$session.PSObject.TypeNames.Insert(0,
		'System.Management.Automation.Runspaces.PSSession')
	$session
}

function Remove-PSSession {
	[CmdletBinding()]
	param($Session)
	foreach ($item in @($Session)) {
		$item.State = 'Closed'
		$item.Availability = 'None'
	}
}

# The Exchange cmdlets the endpoint offers. They run only through the
# session: on the K2 machine itself there is no Get-ExchangeServer.
$script:RemoteCommands = @(
	'Get-ExchangeServer',
	'Get-MailboxDatabase',
	'Get-RoleGroupMember',
	'Get-ManagementRoleAssignment'
)

# Runs a command in the session as the Exchange endpoint does: NoLanguage
# mode admits one command whose arguments are literals or $using: variables
# (sent as values), and what comes back is a deserialized copy.
function Invoke-Command {
	[CmdletBinding()]
	param(
		[Parameter(Mandatory = $true)]$Session,
		[Parameter(Mandatory = $true)][scriptblock]$ScriptBlock
	)
	$type = 'System.Management.Automation.Runspaces.PSSession'
	if ($Session.PSObject.TypeNames -notcontains $type -or
		$Session.State -ne 'Opened') {
		throw (New-StandInError 'InvokeCommandCommandInvalidSessionState' (
			'Because the session state for session ' + [string]$Session.Name +
			' is not equal to Open, you cannot run a command in the session.'
		) '' 'InvalidOperation')
	}
	$call = Read-NoLanguageCall $ScriptBlock $PSCmdlet.SessionState
	if ($script:RemoteCommands -cnotcontains $call.Name) {
		throw (New-StandInError 'CommandNotFoundException' (
			"The term '" + $call.Name + "' is not recognized as the name of " +
			'a cmdlet, function, script file, or operable program.'))
	}
	$parameters = $call.Parameters
	try {
		$output = @(& $call.Name @parameters)
	} catch {
		throw (ConvertTo-StandInRemoteError $_)
	}
	foreach ($item in $output) {
		[System.Management.Automation.PSSerializer]::Deserialize(
			[System.Management.Automation.PSSerializer]::Serialize($item, 2))
	}
}

# A remote error as Invoke-Command hands it on: a RemoteException that keeps
# the remote error's id and category.
function ConvertTo-StandInRemoteError {
	param($Record)
	$exception = New-Object System.Management.Automation.RemoteException(
		[string]$Record.Exception.Message)
	$remote = New-Object System.Management.Automation.ErrorRecord($exception,
		$Record.FullyQualifiedErrorId, $Record.CategoryInfo.Category, $null)
	$remote.CategoryInfo.Reason = $Record.CategoryInfo.Reason
	$remote
}

function New-NoLanguageError {
	New-StandInError 'ScriptsNotAllowed' (
		'The syntax is not supported by this runspace. This can occur if ' +
		'the runspace is in no-language mode.') '' 'ParserError'
}

function Read-NoLanguageCall {
	param([scriptblock]$ScriptBlock, $Caller)
	$ast = $ScriptBlock.Ast
	$statements = @($ast.EndBlock.Statements)
	if ($null -ne $ast.ParamBlock -or $null -ne $ast.BeginBlock -or
		$null -ne $ast.ProcessBlock -or $statements.Count -ne 1 -or
		$statements[0] -isnot [System.Management.Automation.Language.PipelineAst] -or
		$statements[0].PipelineElements.Count -ne 1) {
		throw (New-NoLanguageError)
	}
	$command = $statements[0].PipelineElements[0]
	if ($command -isnot [System.Management.Automation.Language.CommandAst] -or
		[string]$command.InvocationOperator -ne 'Unknown' -or
		$command.Redirections.Count -gt 0) {
		throw (New-NoLanguageError)
	}
	$elements = @($command.CommandElements)
	$commandName = [System.Management.Automation.Language.StringConstantExpressionAst]
	if ($elements[0] -isnot $commandName) { throw (New-NoLanguageError) }
	$parameter = [System.Management.Automation.Language.CommandParameterAst]
	$parameters = @{}
	$index = 1
	while ($index -lt $elements.Count) {
		$element = $elements[$index]
		if ($element -isnot $parameter) { throw (New-NoLanguageError) }
		$argument = $element.Argument
		if ($null -eq $argument -and $index + 1 -lt $elements.Count -and
			$elements[$index + 1] -isnot $parameter) {
			$index++
			$argument = $elements[$index]
		}
		$value = $true
		if ($null -ne $argument) { $value = Read-NoLanguageValue $argument $Caller }
		$parameters[$element.ParameterName] = $value
		$index++
	}
	@{ Name = [string]$elements[0].Value; Parameters = $parameters }
}

function Read-NoLanguageValue {
	param($Ast, $Caller)
	if ($Ast -is [System.Management.Automation.Language.ConstantExpressionAst]) {
		return ,$Ast.Value
	}
	$language = 'System.Management.Automation.Language.'
	if ($Ast -is [type]($language + 'UsingExpressionAst') -and
		$Ast.SubExpression -is [type]($language + 'VariableExpressionAst')) {
		$name = $Ast.SubExpression.VariablePath.UserPath
		$variable = $Caller.PSVariable.Get($name)
		if ($null -eq $variable) {
			throw (New-StandInError 'UsingVariableIsUndefined' (
				"The value of the using variable '`$using:" + $name +
				"' cannot be retrieved because it has not been set in the " +
				'local session.'))
		}
		return ,$variable.Value
	}
	throw (New-NoLanguageError)
}

# --- Behind the session: the Exchange cmdlets ----------------------------

# AdminDisplayVersion, a ServerVersion: its numbers, and the text it prints
# as, e.g. "Version 15.2 (Build 1544.4)".
function New-StandInVersion {
	param([string]$Text)
	$numbers = @{ Major = 0; Minor = 0; Build = 0; Revision = 0 }
	$pattern = '^Version (\d{1,9})\.(\d{1,9}) \(Build (\d{1,9})\.(\d{1,9})\)$'
	if ($Text -match $pattern) {
		$numbers = @{
			Major = [int]$Matches[1]; Minor = [int]$Matches[2]
			Build = [int]$Matches[3]; Revision = [int]$Matches[4]
		}
	}
	New-StandInObject 'Microsoft.Exchange.Data.ServerVersion' $numbers $Text
}

# An Active Directory reference: the object's name, printing as its path.
function New-StandInAdObjectId {
	param([string]$Name, [string]$Path)
	New-StandInObject 'Microsoft.Exchange.Data.Directory.ADObjectId' @{
		Name = $Name
	} $Path
}

function Get-ExchangeServer {
	Invoke-StandInFault 'Get-ExchangeServer'
	foreach ($server in @($script:Data['servers'])) {
		$roles = @($server['roles'])
		# A flags enum, printing as "Mailbox, ClientAccess".
		$role = New-StandInObject `
			'Microsoft.Exchange.Data.Directory.SystemConfiguration.ServerRole' `
			@{} ($roles -join ', ')
		$site = New-StandInAdObjectId $server['site'] $server['sitePath']
		New-StandInObject `
			'Microsoft.Exchange.Data.Directory.Management.ExchangeServer' @{
			Name = $server['name']
			Fqdn = $server['fqdn']
			AdminDisplayVersion = (New-StandInVersion $server['adminDisplayVersion'])
			ServerRole = $role
			IsMailboxServer = ($roles -contains 'Mailbox')
			IsClientAccessServer = ($roles -contains 'ClientAccess')
			IsHubTransportServer = ($roles -contains 'HubTransport')
			IsUnifiedMessagingServer = ($roles -contains 'UnifiedMessaging')
			IsEdgeServer = ($roles -contains 'Edge')
			Site = $site
		}
	}
}

# A database names its server by its short name; on Exchange 2007 it also
# names its storage group.
function Get-MailboxDatabase {
	Invoke-StandInFault 'Get-MailboxDatabase'
	foreach ($server in @($script:Data['servers'])) {
		$name = $server['name']
		foreach ($database in @($server['databases'])) {
			$property = @{
				Name = $database['name']
				Server = (New-StandInAdObjectId $name $name)
			}
			$group = $database['storageGroup']
			if ($null -ne $group) {
				$property['StorageGroup'] =
					New-StandInAdObjectId $group ($name + '\' + $group)
				$property['StorageGroupName'] = $group
			}
			New-StandInObject `
				'Microsoft.Exchange.Data.Directory.SystemConfiguration.MailboxDatabase' `
				$property
		}
	}
}

function Get-RoleGroupMember {
	param([Parameter(Mandatory = $true)][string]$Identity)
	Invoke-StandInFault 'Get-RoleGroupMember'
	foreach ($group in @($script:Data['roleGroups'])) {
		if ($group['name'] -cne $Identity) { continue }
		foreach ($member in @($group['members'])) {
			$sid = New-StandInSid $member
			New-StandInObject `
				'Microsoft.Exchange.Data.Directory.Management.ReducedRecipient' @{
				Name = $member.Substring($member.LastIndexOf('\') + 1)
				RecipientType = 'User'
				Sid = (New-StandInObject `
					'System.Security.Principal.SecurityIdentifier' @{
					Value = $sid
				} $sid)
			}
		}
		return
	}
	$message = "The operation couldn't be performed because object '" +
		$Identity + "' couldn't be found."
	throw (New-StandInError 'ManagementObjectNotFound' $message `
		'ManagementObjectNotFoundException')
}

function Get-ManagementRoleAssignment {
	param([string]$Role)
	Invoke-StandInFault 'Get-ManagementRoleAssignment'
	foreach ($assignment in @($script:Data['roleAssignments'])) {
		if ($assignment['role'] -cne $Role) { continue }
		$type = 'Microsoft.Exchange.Management.RbacTasks.' +
			'ExchangeRoleAssignmentPresentation'
		New-StandInObject $type @{
			Role = (New-StandInAdObjectId $assignment['role'] $assignment['role'])
			RoleAssigneeName = $assignment['assignee']
			RoleAssigneeType = 'User'
			Enabled = $true
		}
	}
}

# --- Through CIM, on each Exchange server --------------------------------

# The scenario lists what a server answers to the probe's query for its
# Exchange services; the filter itself is not evaluated.
function Get-CimInstance {
	[CmdletBinding()]
	param([string]$ClassName, [string]$ComputerName, [string]$Filter)
	Invoke-StandInFault 'Get-CimInstance'
	$command = ',Microsoft.Management.Infrastructure.CimCmdlets.' +
		'GetCimInstanceCommand'
	if ($ClassName -ne 'Win32_Service') {
		throw (New-StandInError ('HRESULT 0x80041010' + $command) `
			'Invalid class ' '' 'MetadataError')
	}
	$target = Find-StandInServer $ComputerName
	if ($null -eq $target) {
		throw (New-StandInError ('HRESULT 0x80338012' + $command) (
			'WinRM cannot complete the operation. Verify that the specified ' +
			'computer name is valid, that the computer is accessible over the ' +
			'network, and that a firewall exception for the WinRM service is ' +
			'enabled and allows access from this computer.') '' 'ConnectionError')
	}
	foreach ($service in @($target['services'])) {
		$instance = New-Object PSObject -Property @{
			Name = $service['name']
			State = $service['status']
			StartMode = 'Auto'
			PSComputerName = $target['fqdn']
		}
		$instance.PSObject.TypeNames.Insert(0,
			'Microsoft.Management.Infrastructure.CimInstance#root/cimv2/Win32_Service')
		$instance
	}
}

# Not DPAPI: the bytes, base64 encoded, so tests can check what arrived.
function Protect-ProbeSecret {
	param([Parameter(Mandatory = $true)][string]$Secret)
	[System.Convert]::ToBase64String(
		[System.Text.Encoding]::UTF8.GetBytes($Secret))
}

Export-ModuleMember -Function Get-ProbeHostInfo, Get-Service,
	Get-ProbeCurrentIdentity, Resolve-ProbeSid, Get-ProbeDirectoryEntry,
	New-ProbeDirectorySearcher, New-PSSessionOption, New-PSSession,
	Invoke-Command, Remove-PSSession, Get-CimInstance, Protect-ProbeSecret
