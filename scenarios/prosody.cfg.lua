-- Prosody configuration for the project's own scenarios (scenarios/*.scs).
-- `scs server start`, `scs run --local-server` and the tests include this file and add only what
-- running here needs: loopback interfaces, free ports, a throwaway data directory, a log file.
-- Never use it for a real server: any password logs in.

modules_enabled = {
	"roster";      -- rosters (roster-strict.scs)
	"saslauth";    -- logging in
	"disco";       -- service discovery
	"ping";        -- XEP-0199; the runner also pings to keep characters in step
	"version";     -- XEP-0092 (strict-override.scs)
	"private";     -- XEP-0049 private XML storage
	"blocklist";   -- XEP-0191
	"carbons";     -- XEP-0280
	"time";        -- XEP-0202
}
modules_disabled = { "s2s" }

-- Plaintext logins with any password: scenarios name their own users.
c2s_require_encryption = false
allow_unencrypted_plain_auth = true
authentication = "insecure"
insecure_open_authentication = "Yes please, I know what I'm doing!"
allow_registration = false

-- Nothing outlives the server.
storage = "memory"

-- No TLS here: point the certificate indexer at the generated configuration's own directory.
certificates = "."

-- Small stanzas go out at once rather than waiting for more to batch.
network_settings = { nagle = false }

-- Answers that do not depend on the machine the server runs on.
hide_os_type = true

VirtualHost "localhost"

Component "conference.localhost" "muc"
	storage = "memory"
	restrict_room_creation = false
