# Runs once in each new shell, before any probe: loads the seam commands
# (the real ones, or stand-ins built from a scenario) into the global scope,
# makes the shell end with the app, and says which shell this is.
#
# Arguments: seams (the module's source text); parentPid (the app's process
# id, on the first run in a shell only).
try {
	# A killed app (SIGKILL, End task) closes the shell's stdin, but a shell
	# busy with a probe that hangs never reads it again, and would run on. A
	# thread of its own waits for the app to end and ends the shell with it.
	# Constrained language mode forbids this; the shell then still ends at
	# its next read of stdin.
	$parentPid = $ProbeArgs['parentPid']
	$watching = Test-Path -LiteralPath 'variable:global:K2ParentWatch'
	if ($null -ne $parentPid -and -not $watching) {
		try {
			$watch = [PowerShell]::Create()
			$watch.Runspace = [RunspaceFactory]::CreateRunspace()
			$watch.Runspace.Open()
			[void]$watch.AddScript({
				param($AppId)
				try {
					$app = [System.Diagnostics.Process]::GetProcessById($AppId)
				} catch [System.ArgumentException] {
					# Not running: the app is gone already.
					[Environment]::Exit(1)
				} catch {
					return
				}
				# In short waits: the shell's own exit stops this thread between
				# two of them, and would hang on one endless wait.
				try {
					while (-not $app.WaitForExit(250)) { }
				} catch {
					return
				}
				[Environment]::Exit(1)
			}).AddArgument([int]$parentPid)
			$global:K2ParentWatch = $watch.BeginInvoke()
		} catch { }
	}
	if ($PSVersionTable.PSVersion.Major -lt 6) {
		# Windows PowerShell 5.1 serializes arrays wrapped in a PSObject as
		# {value, Count}; dropping this type data makes them plain arrays.
		try { Remove-TypeData -TypeName System.Array } catch { }
	}
	$source = [string]$ProbeArgs['seams']
	$module = New-Module -Name 'K2ProbeSeams' -ScriptBlock ([ScriptBlock]::Create($source))
	Import-Module -ModuleInfo $module -Global -Force
	$edition = 'Desktop'
	if ($PSVersionTable.ContainsKey('PSEdition')) {
		$edition = [string]$PSVersionTable.PSEdition
	}
	$ProbeResults['shell'] = @{
		ok = $true
		ms = 0
		data = @{
			pid = $PID
			version = $PSVersionTable.PSVersion.ToString()
			edition = $edition
		}
	}
	Write-ProbeEnvelope @{ ok = $true; results = $ProbeResults }
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
}
