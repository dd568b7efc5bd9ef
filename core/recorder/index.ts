// The recording proxy: `scs record` and "Scansion: Record Scenario".
export { RecordingProxy, type ProxyOptions } from './proxy.js';
export { writeScenario, characterNamesFor, PASSWORD_PLACEHOLDER, type ScenarioWriterOptions } from './scenarioWriter.js';
export { writeFileAtomically } from './atomicWrite.js';
export type { Recording, RecordedConnection, RecordedEvent } from './recording.js';
export { startRecording, type RecordingOptions, type RecordingOutcome, type RecordingSession } from './session.js';
