# Runs once in each new shell, before any probe: loads the seam commands
# (the real ones, or stand-ins built from a scenario) into the global scope
# and says which shell this is.
#
# Arguments: seams (the module's source text).
try {
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
