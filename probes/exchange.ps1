# Everything asked of Exchange, in one remote session: the servers, the
# Exchange services on each, the mailbox databases, the role groups that
# grant rights, and the role assignments (ApplicationImpersonation).
#
# The Exchange endpoint runs in NoLanguage mode: only single commands with
# literal or $using: arguments pass, so each query is one such command and
# the answers are read here.
#
# Arguments: server (FQDN), roleGroups (names of the role groups whose
# members are wanted), roles (management roles whose assignments are wanted).

# Exchange 2007 keeps databases in storage groups, and its
# Get-MailboxDatabase names the group; later versions have no such property.
function Get-DatabaseStorageGroup {
	param($Database)
	$properties = $Database.PSObject.Properties
	$named = $properties['StorageGroupName']
	if ($named -and $null -ne $named.Value) { return [string]$named.Value }
	$group = $properties['StorageGroup']
	if ($group -and $null -ne $group.Value) {
		# An AD path that prints as SERVER\group.
		$path = [string]$group.Value
		return $path.Substring($path.LastIndexOf('\') + 1)
	}
	return $null
}

# DOMAIN\user for a role group member: from its SID when Exchange gives one
# and Windows can name it, otherwise the name Exchange shows.
function Get-MemberAccountName {
	param($Member)
	if ($Member.PSObject.Properties['Sid'] -and $null -ne $Member.Sid) {
		try {
			return [string](Resolve-ProbeSid -Sid ([string]$Member.Sid))
		} catch { }
	}
	return [string]$Member.Name
}

try {
	$server = [string]$ProbeArgs['server']
	$state = @{ session = $null; servers = @(); serversError = $null }

	Invoke-Probe 'connectedTo' {
		# Checked here as well as in Node: the name becomes part of a URI.
		if ($server -notmatch '^[A-Za-z0-9.-]{1,253}\z') {
			$message = 'The Exchange server "' + $server + '" is not a host ' +
				'name (letters, digits, dots and hyphens).'
			throw (New-ProbeError 'InvalidServerName' $message 'InvalidArgument')
		}
		# Time limits below the caller's, so PowerShell gives up first and
		# says why. (pwsh off Windows has a reduced New-PSSessionOption.)
		$settings = @{}
		if ((Get-Command New-PSSessionOption).Parameters.ContainsKey('OpenTimeout')) {
			$settings['OpenTimeout'] = 30000
			$settings['OperationTimeout'] = 110000
		}
		$option = New-PSSessionOption @settings
		$state.session = New-PSSession -ConfigurationName Microsoft.Exchange `
			-ConnectionUri ('http://' + $server + '/PowerShell/') `
			-Authentication Kerberos -SessionOption $option -ErrorAction Stop
		# The server may answer with its own spelling of the name.
		$fqdn = [string]$state.session.ComputerName
		if ($fqdn -eq '') { $fqdn = $server }
		@{ fqdn = $fqdn }
	}

	if ($null -ne $state.session) {
		$session = $state.session
		try {
			# Asked once: the services and the databases are read per server
			# this names, so when it fails they fail with it.
			Invoke-Probe 'servers' {
				try {
					$state.servers = @(Invoke-Command -Session $session `
						-ErrorAction Stop -ScriptBlock { Get-ExchangeServer })
				} catch {
					$state.serversError = $_
					throw
				}
				$list = @()
				foreach ($item in $state.servers) {
					# Deserialized: AdminDisplayVersion, the ServerRole flags and
					# the site (an AD path) are read as the text they print as.
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

			# Through CIM over WinRM: one answer per server, so a server with
			# no such services still appears.
			Invoke-Probe 'services' {
				if ($null -ne $state.serversError) { throw $state.serversError }
				$perServer = @()
				foreach ($item in $state.servers) {
					$fqdn = [string]$item.Fqdn
					$services = @()
					$answer = @(Get-CimInstance -ClassName Win32_Service `
						-ComputerName $fqdn -Filter "Name LIKE 'MSExchange%'" `
						-ErrorAction Stop)
					foreach ($service in $answer) {
						$services += @{
							name = [string]$service.Name
							status = [string]$service.State
						}
					}
					$perServer += @{ server = $fqdn; services = $services }
				}
				@{ items = $perServer }
			}

			Invoke-Probe 'databases' {
				if ($null -ne $state.serversError) { throw $state.serversError }
				# A database names its server by its short name.
				$fqdns = @{}
				foreach ($item in $state.servers) {
					$fqdns[[string]$item.Name] = [string]$item.Fqdn
				}
				$list = @()
				$answer = @(Invoke-Command -Session $session -ErrorAction Stop `
					-ScriptBlock { Get-MailboxDatabase })
				foreach ($database in $answer) {
					$serverName = [string]$database.Server
					$fqdn = $serverName
					if ($fqdns.ContainsKey($serverName)) { $fqdn = $fqdns[$serverName] }
					$list += @{
						name = [string]$database.Name
						server = $fqdn
						storageGroup = (Get-DatabaseStorageGroup $database)
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
						$answer = @(Invoke-Command -Session $session -ErrorAction Stop `
							-ScriptBlock { Get-RoleGroupMember -Identity $using:name })
						foreach ($member in $answer) {
							$members += (Get-MemberAccountName $member)
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
					$answer = @(Invoke-Command -Session $session -ErrorAction Stop `
						-ScriptBlock { Get-ManagementRoleAssignment -Role $using:role })
					foreach ($item in $answer) {
						$list += @{
							role = [string]$item.Role
							assignee = [string]$item.RoleAssigneeName
						}
					}
				}
				@{ items = $list }
			}
		} finally {
			Remove-PSSession -Session $session -ErrorAction SilentlyContinue
		}
	}

	Write-ProbeEnvelope @{ ok = $true; results = $ProbeResults }
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
}
