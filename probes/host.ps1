# The local checks, answered in one round trip: PowerShell itself, the WinRM
# service, the account's logon token and the Autodiscover service connection
# points in Active Directory.
try {
	Invoke-Probe 'powershell' {
		$info = Get-ProbeHostInfo
		@{
			computerName = [string]$info.ComputerName
			version = [string]$info.PSVersion
			edition = [string]$info.PSEdition
			languageMode = [string]$info.LanguageMode
			executionPolicy = [string]$info.ExecutionPolicy
		}
	}
	Invoke-Probe 'winrm' {
		if (-not (Get-Command -Name Get-Service -ErrorAction SilentlyContinue)) {
			throw (New-Object System.PlatformNotSupportedException(
				'There is no WinRM service on this platform.'))
		}
		$service = Get-Service -Name 'WinRM'
		@{ status = [string]$service.Status }
	}
	Invoke-Probe 'account' {
		$token = Get-ProbeTokenGroups
		$groups = @()
		foreach ($group in @($token.Groups)) { $groups += [string]$group }
		@{ name = [string]$token.Account; groups = $groups }
	}
	Invoke-Probe 'scp' {
		$urls = @()
		foreach ($url in @(Get-ProbeScp)) { $urls += [string]$url }
		@{ urls = $urls }
	}
	Write-ProbeEnvelope @{ ok = $true; results = $ProbeResults }
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
}
