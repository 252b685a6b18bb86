# The seams on a real Windows host: the few .NET calls that no PowerShell
# command makes and a test could not stand in for otherwise. Everything the
# probes decide (what to ask, how to read the answers) is in the probe
# scripts, which run the same under test; the stand-ins replace these and
# the vendor commands the probes call (Get-Service, New-PSSession,
# Invoke-Command, Get-CimInstance and the Exchange cmdlets behind them).
#
# Functions in a module do not see the caller's preference variables, so
# every cmdlet here states -ErrorAction Stop itself.

# What the engine itself says: the values live in automatic variables that
# no stand-in can replace without making the test shell that PowerShell.
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

# The logon token of the account running the probes.
function Get-ProbeCurrentIdentity {
	[System.Security.Principal.WindowsIdentity]::GetCurrent()
}

# DOMAIN\name for a SID; throws when Windows cannot translate it.
function Resolve-ProbeSid {
	param([Parameter(Mandatory = $true)][string]$Sid)
	$identifier = New-Object System.Security.Principal.SecurityIdentifier($Sid)
	$identifier.Translate([System.Security.Principal.NTAccount]).Value
}

# An Active Directory object by its ADsPath, e.g. LDAP://RootDSE.
function Get-ProbeDirectoryEntry {
	param([Parameter(Mandatory = $true)][string]$Path)
	New-Object System.DirectoryServices.DirectoryEntry($Path)
}

function New-ProbeDirectorySearcher {
	param([Parameter(Mandatory = $true)]$SearchRoot)
	New-Object System.DirectoryServices.DirectorySearcher($SearchRoot)
}

function Protect-ProbeSecret {
	param([Parameter(Mandatory = $true)][string]$Secret)
	try { Add-Type -AssemblyName System.Security -ErrorAction Stop } catch { }
	$bytes = [System.Text.Encoding]::UTF8.GetBytes($Secret)
	$scope = [System.Security.Cryptography.DataProtectionScope]::LocalMachine
	$protected = [System.Security.Cryptography.ProtectedData]::Protect(
		$bytes, $null, $scope)
	[System.Convert]::ToBase64String($protected)
}

Export-ModuleMember -Function *
