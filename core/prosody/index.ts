// A throwaway local Prosody for tests, benchmarks, `scs server` and `scs run --local-server`.
export { startProsody, defaultConfigTemplate, type LocalProsody, type StartProsodyOptions } from './start.js';
export { adaptedConfig, firstVirtualHost, type LogLevel } from './config.js';
export { freePort } from './ports.js';
export { processRuns, stopProcess } from './detached.js';
export { killOwnedServersNow, ownedServerCount, removeLeftovers, stopOwnedServers } from './owned.js';
export { configBeside, describeServerConfig, serverConfigFor, SERVER_CONFIG_NAME, type ServerConfigChoice, type ServerConfigSource } from '../serverConfig.js';
