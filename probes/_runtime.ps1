param([string]$ArgsB64)
# Prepended to every probe script. The caller sends one line: this text and
# the probe's, base64 encoded, plus the arguments as base64 JSON. Nothing the
# user typed is ever part of the code; it arrives in $ArgsB64 only.
#
# PowerShell 3.0 syntax throughout: no classes, no ::new(), no ternaries.
# PowerShell 2.0 must still parse it all, so that the check below can run.

# PowerShell 2.0 has no ConvertFrom-Json or ConvertTo-Json: nothing after
# this could read the arguments or answer. So this comes first, and its
# answer is built by hand, in code that 2.0 runs.
if ($PSVersionTable.PSVersion.Major -lt 3) {
	$found = [string]$PSVersionTable.PSVersion.Major + '.' +
		[string]$PSVersionTable.PSVersion.Minor
	$json = '{"ok":false,"error":{"errorId":"PowerShellVersionTooOld",' +
		'"category":"NotInstalled","message":"PowerShell ' + $found +
		' is older than 3.0"}}'
	[Console]::Out.WriteLine('@@PROBE@@' + [System.Convert]::ToBase64String(
		[System.Text.Encoding]::UTF8.GetBytes($json)))
	return
}

$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
$WarningPreference = 'SilentlyContinue'
$VerbosePreference = 'SilentlyContinue'
$DebugPreference = 'SilentlyContinue'
Set-StrictMode -Version 2.0

# Every string in the arguments carries a one-character prefix, so no
# ConvertFrom-Json (5.1 or 7.x) mistakes a value for a date and rewrites it.
function ConvertFrom-ProbeValue {
	param($Value)
	if ($null -eq $Value) { return $null }
	if ($Value -is [string]) { return $Value.Substring(1) }
	if ($Value -is [System.Array]) {
		$items = New-Object System.Collections.ArrayList
		foreach ($item in $Value) {
			[void]$items.Add((ConvertFrom-ProbeValue $item))
		}
		return ,($items.ToArray())
	}
	if ($Value -is [System.Management.Automation.PSCustomObject]) {
		$table = @{}
		foreach ($property in $Value.PSObject.Properties) {
			$table[$property.Name] = ConvertFrom-ProbeValue $property.Value
		}
		return $table
	}
	return $Value
}

function ConvertTo-ProbeError {
	param($Record)
	$result = @{
		message = ''
		errorId = $null
		exceptionType = $null
		category = $null
		transportCode = $null
	}
	if ($Record -is [System.Management.Automation.ErrorRecord]) {
		$exception = $Record.Exception
		$result.message = [string]$exception.Message
		$result.errorId = [string]$Record.FullyQualifiedErrorId
		# A .NET call wraps the real failure (PlatformNotSupportedException,
		# UnauthorizedAccessException...) in MethodInvocationException; the
		# innermost type is the one worth classifying.
		$innermost = $exception
		while ($null -ne $innermost.InnerException) {
			$innermost = $innermost.InnerException
		}
		$result.exceptionType = $innermost.GetType().FullName
		$result.category = [string]$Record.CategoryInfo.Category
		if ($exception.PSObject.Properties['ErrorCode']) {
			$code = $exception.ErrorCode
			if ($code -is [int]) { $result.transportCode = $code }
		}
	} else {
		$result.message = [string]$Record
	}
	return $result
}

# An error of our own, shaped like the ones PowerShell raises.
function New-ProbeError {
	param([string]$Id, [string]$Message, [string]$Category = 'NotSpecified')
	$exception = New-Object System.Management.Automation.RuntimeException($Message)
	New-Object System.Management.Automation.ErrorRecord($exception, $Id,
		[System.Management.Automation.ErrorCategory]$Category, $null)
}

$ProbeResults = @{}

# Runs one named check. Whatever it throws becomes data, so one failing
# check never hides the others.
function Invoke-Probe {
	param([string]$Name, [scriptblock]$Body)
	$watch = [System.Diagnostics.Stopwatch]::StartNew()
	try {
		$data = & $Body
		$ProbeResults[$Name] = @{
			ok = $true; data = $data; ms = $watch.ElapsedMilliseconds
		}
	} catch {
		$ProbeResults[$Name] = @{
			ok = $false
			error = (ConvertTo-ProbeError $_)
			ms = $watch.ElapsedMilliseconds
		}
	}
}

# One framed line: a marker and base64 UTF-8 JSON. Whatever else reaches
# stdout (a stray Write-Host, a warning) cannot be mistaken for it.
function Write-ProbeEnvelope {
	param($Envelope)
	$json = ConvertTo-Json -InputObject $Envelope -Depth 10 -Compress
	$bytes = [System.Text.Encoding]::UTF8.GetBytes($json)
	$text = [System.Convert]::ToBase64String($bytes)
	[Console]::Out.WriteLine('@@PROBE@@' + $text)
}

$ProbeArgs = @{}
try {
	$argsJson = [System.Text.Encoding]::UTF8.GetString(
		[System.Convert]::FromBase64String($ArgsB64))
	$ProbeArgs = ConvertFrom-ProbeValue (ConvertFrom-Json -InputObject $argsJson)
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
	return
}
