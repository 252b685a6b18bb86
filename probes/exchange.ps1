# Everything asked of Exchange, in one remote session: the servers, the
# Exchange services on each, the mailbox databases, the role groups that
# grant rights, and the role assignments (ApplicationImpersonation).
#
# Arguments: server (FQDN), roleGroups (names of the role groups whose
# members are wanted), roles (management roles whose assignments are wanted).
try {
	$server = [string]$ProbeArgs['server']
	$state = @{ connected = $false }

	Invoke-Probe 'connectedTo' {
		# The server may answer with its own spelling of the name.
		$answer = @(Connect-ProbeExchange -Server $server)
		$state.connected = $true
		$fqdn = $server
		if ($answer.Count -gt 0 -and $answer[0] -is [string]) { $fqdn = $answer[0] }
		@{ fqdn = $fqdn }
	}

	if ($state.connected) {
		try {
			Invoke-Probe 'servers' {
				$list = @()
				foreach ($item in @(Get-ExchangeServer)) {
					$list += @{
						name = [string]$item.Name
						fqdn = [string]$item.Fqdn
						adminDisplayVersion = [string]$item.AdminDisplayVersion
						roles = [string]$item.ServerRole
						site = [string]$item.Site
					}
				}
				@{ items = $list }
			}

			Invoke-Probe 'services' {
				$perServer = @()
				foreach ($item in @(Get-ProbeExchangeServices)) {
					$services = @()
					foreach ($service in @($item.Services)) {
						$services += @{
							name = [string]$service.Name
							status = [string]$service.Status
						}
					}
					$perServer += @{ server = [string]$item.Server; services = $services }
				}
				@{ items = $perServer }
			}

			Invoke-Probe 'databases' {
				$list = @()
				foreach ($item in @(Get-ProbeMailboxDatabases)) {
					$group = $null
					if ($null -ne $item.StorageGroup) { $group = [string]$item.StorageGroup }
					$list += @{
						name = [string]$item.Name
						server = [string]$item.Server
						storageGroup = $group
					}
				}
				@{ items = $list }
			}

			Invoke-Probe 'roleGroups' {
				$groups = @()
				foreach ($name in @($ProbeArgs['roleGroups'])) {
					$members = @()
					$found = $true
					try {
						foreach ($member in @(Get-RoleGroupMember -Identity $name)) {
							$members += [string](Get-ProbeMemberName $member)
						}
					} catch {
						# A role group that does not exist is an answer, not a failure.
						if ($_.CategoryInfo.Reason -eq 'ManagementObjectNotFoundException') {
							$found = $false
						} else {
							throw
						}
					}
					if ($found) { $groups += @{ name = $name; members = $members } }
				}
				@{ items = $groups }
			}

			Invoke-Probe 'roleAssignments' {
				$list = @()
				foreach ($role in @($ProbeArgs['roles'])) {
					foreach ($item in @(Get-ManagementRoleAssignment -Role $role)) {
						$list += @{
							role = [string]$item.Role
							assignee = [string]$item.RoleAssigneeName
						}
					}
				}
				@{ items = $list }
			}
		} finally {
			try { Disconnect-ProbeExchange } catch { }
		}
	}

	Write-ProbeEnvelope @{ ok = $true; results = $ProbeResults }
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
}
