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
		$identity = Get-ProbeCurrentIdentity
		$groups = @()
		foreach ($group in $identity.Groups) {
			# A group Windows cannot name (a deleted one, a foreign domain's)
			# still counts: it is listed by its SID.
			$sid = [string]$group.Value
			try {
				$groups += [string](Resolve-ProbeSid -Sid $sid)
			} catch {
				$groups += $sid
			}
		}
		@{ name = [string]$identity.Name; groups = $groups }
	}
	Invoke-Probe 'scp' {
		# Exchange publishes one Autodiscover service connection point per
		# Client Access server in the configuration partition, marked with
		# this keyword.
		$keyword = '77378F46-2C66-4aa9-A6A6-3E7A48B19596'
		$rootDse = Get-ProbeDirectoryEntry -Path 'LDAP://RootDSE'
		$context = $rootDse.Properties['configurationNamingContext']
		$root = Get-ProbeDirectoryEntry -Path ('LDAP://' + [string]$context.Value)
		$searcher = New-ProbeDirectorySearcher -SearchRoot $root
		$searcher.Filter = '(&(objectClass=serviceConnectionPoint)' +
			'(keywords=' + $keyword + '))'
		[void]$searcher.PropertiesToLoad.Add('serviceBindingInformation')
		$urls = @()
		foreach ($entry in $searcher.FindAll()) {
			foreach ($url in $entry.Properties['servicebindinginformation']) {
				$urls += [string]$url
			}
		}
		@{ urls = $urls }
	}
	Write-ProbeEnvelope @{ ok = $true; results = $ProbeResults }
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
}
