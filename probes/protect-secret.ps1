# Protects a secret with DPAPI for this machine (LocalMachine scope), so the
# K2 configuration never holds it in clear text. The secret arrives as data.
#
# Arguments: secret.
try {
	Invoke-Probe 'protected' {
		@{ value = [string](Protect-ProbeSecret -Secret ([string]$ProbeArgs['secret'])) }
	}
	Write-ProbeEnvelope @{ ok = $true; results = $ProbeResults }
} catch {
	Write-ProbeEnvelope @{ ok = $false; error = (ConvertTo-ProbeError $_) }
}
