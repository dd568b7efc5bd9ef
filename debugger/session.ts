// The Debug Adapter Protocol session for one scenario, on Microsoft's @vscode/debugadapter: it
// turns DAP requests into calls on the runtime (runtime.ts, the one engine held between steps)
// and the runtime's stops into DAP events. One thread: the scenario; one stack frame: its step.

import { basename, resolve } from 'node:path';
import {
  DebugSession,
  ErrorDestination,
  ExitedEvent,
  InitializedEvent,
  InvalidatedEvent,
  OutputEvent,
  Response,
  Source,
  StackFrame,
  StoppedEvent,
  TerminatedEvent,
  Thread,
  Event,
} from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { checkFile } from '../core/check.js';
import { runGate } from '../core/gate.js';
import type { Scenario, Step } from '../core/model.js';
import { parseScenario } from '../core/parser/index.js';
import { withPasswords } from '../core/passwords.js';
import { defaultConfigTemplate, describeServerConfig, serverConfigFor, startProsody, type LocalProsody } from '../core/prosody/index.js';
import { stepLabel } from '../core/queries.js';
import { lineNumber, type ScenarioResult } from '../core/results.js';
import type { RunOptions } from '../core/runner/index.js';
import { receivedStepEdit } from '../core/snapshot.js';
import { prettyStanza } from '../core/xml/pretty.js';
import { StepBreakpoints, type BreakpointRequest } from './breakpoints.js';
import { consoleCompletions, runConsoleInput } from './console.js';
import { applyEdit, DocumentSteps } from './document.js';
import { display, evaluate } from './expressions.js';
import { launchProblem, runOptionsOf } from './launch.js';
import {
  boundJidsEvent,
  insertReceivedStepRequest,
  resultEvent,
  runningEvent,
  stoppedEvent,
  type DebugEventType,
  type InsertReceivedStepArguments,
  type InsertReceivedStepResponse,
  type ScansionLaunchArguments,
  type StoppedBody,
} from '../shared/protocol.js';
import { ScenarioRuntime, type Stop, type StopFilters } from './runtime.js';
import { VariableStore } from './variables.js';

const THREAD = 1;
const FRAME = 1;

export const exceptionFilters: DebugProtocol.ExceptionBreakpointsFilter[] = [
  {
    filter: 'failedStep',
    label: 'Failed step',
    description: 'Stop at a step that fails, with the reason and the expected and received stanzas.',
    default: true,
  },
  {
    filter: 'passedOver',
    label: 'Stanza passed over',
    description: 'Stop after a receives step that passed over stanzas before the one it matched.',
    default: false,
  },
];

/** The exit code the `exited` event carries: as `scs run` exits (0 passed, 1 failed, 2 errored). */
export function exitCodeOf(result: ScenarioResult): number {
  return result.status === 'passed' ? 0 : result.status === 'failed' ? 1 : 2;
}

export class ScansionDebugSession extends DebugSession {
  private args: ScansionLaunchArguments | undefined;
  private document: DocumentSteps | undefined;
  /** The breakpoints as the client sent them (0-based lines), kept to map them again on restart. */
  private breakpointRequests: BreakpointRequest[] = [];
  private readonly breakpoints = new StepBreakpoints();
  private readonly variables = new VariableStore();
  private filters: StopFilters = { failedStep: true, passedOver: false };
  private runtime: ScenarioRuntime | undefined;
  private running: Promise<void> | undefined;
  private server: LocalProsody | undefined;
  private supportsInvalidated = false;
  private configured!: () => void;
  private readonly configurationDone = new Promise<void>((done) => (this.configured = done));
  private closing: Promise<void> | undefined;

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(false);
    this.setDebuggerColumnsStartAt1(false);
  }

  /** A request that throws is answered with the error; the session goes on. */
  protected dispatchRequest(request: DebugProtocol.Request): void {
    try {
      super.dispatchRequest(request);
    } catch (error) {
      this.reportInternalError(error);
      this.sendErrorResponse(new Response(request), 3099, `internal error: ${(error as Error)?.message ?? String(error)}`);
    }
  }

  /** Says in the debug console what went wrong inside the adapter (also for a request whose
   *  asynchronous work rejected: main.ts routes unhandled rejections here). */
  reportInternalError(error: unknown): void {
    this.print(`Internal error in the Scansion debug adapter: ${(error as Error)?.stack ?? String(error)}\n`, undefined, 'stderr');
  }

  /** Runs a request's asynchronous work; if it rejects, the request is answered with the error
   *  (a client waits for every answer) and the session goes on. */
  private answer(response: DebugProtocol.Response, work: () => Promise<void>): void {
    work().catch((error: unknown) => {
      this.reportInternalError(error);
      this.sendErrorResponse(response, 3099, `internal error: ${(error as Error)?.message ?? String(error)}`);
    });
  }

  protected launchRequest(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): void {
    this.answer(response, () => this.launch(response, args));
  }

  protected restartRequest(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): void {
    this.answer(response, () => this.restart(response, args));
  }

  protected terminateRequest(response: DebugProtocol.TerminateResponse): void {
    this.answer(response, () => this.terminate(response));
  }

  protected disconnectRequest(response: DebugProtocol.DisconnectResponse, args: DebugProtocol.DisconnectArguments): void {
    this.answer(response, () => this.disconnect(response, args));
  }

  protected setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    this.answer(response, () => this.setBreakpoints(response, args));
  }

  protected evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): void {
    this.answer(response, () => this.evaluateExpression(response, args));
  }

  protected customRequest(command: string, response: DebugProtocol.Response, args: unknown): void {
    this.answer(response, () => this.custom(command, response, args));
  }

  protected initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.supportsInvalidated = args.supportsInvalidatedEvent === true;
    response.body = {
      supportsConfigurationDoneRequest: true,
      supportsConditionalBreakpoints: true,
      supportsHitConditionalBreakpoints: true,
      supportsLogPoints: true,
      supportsEvaluateForHovers: true,
      supportsCompletionsRequest: true,
      completionTriggerCharacters: [' ', '{'],
      supportsExceptionInfoRequest: true,
      exceptionBreakpointFilters: exceptionFilters,
      supportsRestartRequest: true,
      supportsTerminateRequest: true,
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse, args: DebugProtocol.ConfigurationDoneArguments): void {
    super.configurationDoneRequest(response, args);
    this.configured();
  }

  private async launch(response: DebugProtocol.LaunchResponse, args: DebugProtocol.LaunchRequestArguments): Promise<void> {
    const launch = args as ScansionLaunchArguments;
    const problem = launchProblem(launch);
    if (problem) return this.sendErrorResponse(response, 3001, problem);
    this.args = { ...launch, program: resolve(launch.program) };
    const scenario = await this.loadRunnable(response);
    if (!scenario) return;
    // Breakpoints arrive between `initialized` and `configurationDone`; wait for them (bounded,
    // as a client that never sends configurationDone must not hang the session).
    await Promise.race([this.configurationDone, new Promise((done) => setTimeout(done, 5000).unref())]);
    if (this.args.localServer) {
      // As `scs run --local-server` (core/serverConfig.ts): the one given, else beside the program, else the project's.
      const config = serverConfigFor([this.args.program], this.args.prosodyConfig, defaultConfigTemplate);
      try {
        this.server = await startProsody({ configTemplate: config.file, logLevel: 'warn' });
      } catch (error) {
        return this.sendErrorResponse(response, 3003, `could not start a local Prosody: ${(error as Error).message}`);
      }
      this.print(`Started a local Prosody on ${this.server.host}:${this.server.port}, adapting ${describeServerConfig(config)}\n`);
    }
    this.sendResponse(response);
    this.startRun(scenario);
  }

  private async restart(response: DebugProtocol.RestartResponse, args: DebugProtocol.RestartArguments): Promise<void> {
    const launch = args?.arguments as ScansionLaunchArguments | undefined;
    if (launch?.program) this.args = { ...this.args, ...launch, program: resolve(launch.program) };
    await this.stopRun();
    const scenario = await this.loadRunnable(response);
    if (!scenario) return;
    this.sendResponse(response);
    this.print('Restarted: new connections\n');
    this.startRun(scenario);
  }

  private async terminate(response: DebugProtocol.TerminateResponse): Promise<void> {
    await this.stopRun();
    this.sendResponse(response);
    this.sendEvent(new TerminatedEvent());
  }

  private async disconnect(response: DebugProtocol.DisconnectResponse, args: DebugProtocol.DisconnectArguments): Promise<void> {
    await this.close();
    super.disconnectRequest(response, args);
  }

  /** Ends the session's work before the process goes (also when the client just disappears). */
  shutdown(): void {
    void this.close().finally(() => super.shutdown());
  }

  private async setBreakpoints(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): Promise<void> {
    const path = args.source.path ? resolve(args.source.path) : undefined;
    const requests = (args.breakpoints ?? []).map((breakpoint) => ({ ...breakpoint, line: this.convertClientLineToDebugger(breakpoint.line) }));
    if (!this.args && path) this.args = { program: path };
    if (!path || path !== this.args?.program) {
      response.body = { breakpoints: requests.map(() => ({ verified: false, message: 'not the scenario being debugged' })) };
      return this.sendResponse(response);
    }
    this.breakpointRequests = requests;
    if (!this.document) {
      const loaded = await this.load();
      if ('error' in loaded) {
        response.body = { breakpoints: requests.map(() => ({ verified: false, message: loaded.error })) };
        return this.sendResponse(response);
      }
    }
    const answers = this.breakpoints.set(requests, this.document!);
    response.body = {
      breakpoints: answers.map((answer) => ({ ...answer, line: answer.line === undefined ? undefined : this.convertDebuggerLineToClient(answer.line) })),
    };
    this.sendResponse(response);
  }

  protected setExceptionBreakPointsRequest(
    response: DebugProtocol.SetExceptionBreakpointsResponse,
    args: DebugProtocol.SetExceptionBreakpointsArguments,
  ): void {
    const on = new Set([...args.filters, ...(args.filterOptions ?? []).map((option) => option.filterId)]);
    this.filters = { failedStep: on.has('failedStep'), passedOver: on.has('passedOver') };
    this.sendResponse(response);
  }

  protected threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    const title = this.document?.scenario.metadata.title?.value;
    response.body = { threads: [new Thread(THREAD, title || (this.args ? basename(this.args.program) : 'scenario'))] };
    this.sendResponse(response);
  }

  protected stackTraceRequest(response: DebugProtocol.StackTraceResponse): void {
    const stop = this.runtime?.stopped;
    if (!stop || !this.document || !this.args) {
      response.body = { stackFrames: [], totalFrames: 0 };
      return this.sendResponse(response);
    }
    const step = this.document.documentStep(stop.step.index);
    const source = new Source(basename(this.args.program), this.convertDebuggerPathToClient(this.args.program));
    const frame = new StackFrame(
      FRAME,
      stepLabel(step),
      source,
      this.convertDebuggerLineToClient(step.actionRange.start.line),
      this.convertDebuggerColumnToClient(0),
    );
    response.body = { stackFrames: [frame], totalFrames: 1 };
    this.sendResponse(response);
  }

  protected scopesRequest(response: DebugProtocol.ScopesResponse): void {
    const live = this.runtime?.stopped?.live;
    response.body = { scopes: live ? this.variables.scopes(live) : [] };
    this.sendResponse(response);
  }

  protected variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): void {
    const live = this.runtime?.stopped?.live;
    response.body = { variables: live ? this.variables.variables(args.variablesReference, live) : [] };
    this.sendResponse(response);
  }

  private async evaluateExpression(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const live = this.runtime?.stopped?.live;
    if (!live) return this.sendErrorResponse(response, 3010, 'the scenario is running: pause it first', undefined, ErrorDestination.Telemetry);
    if (args.context === 'repl') {
      const answer = await runConsoleInput(args.expression, live);
      if (this.runtime?.stopped) this.variables.reset();
      if (answer.failed) return this.sendErrorResponse(response, 3011, answer.text, undefined, ErrorDestination.Telemetry);
      response.body = { result: answer.text, variablesReference: 0 };
      return this.sendResponse(response);
    }
    try {
      const value = evaluate(args.expression, live);
      const reference = value.kind === 'character' ? this.variables.characterReference(value.character.name) : 0;
      response.body = { result: display(value), variablesReference: reference };
      this.sendResponse(response);
    } catch (error) {
      this.sendErrorResponse(response, 3012, (error as Error).message, undefined, ErrorDestination.Telemetry);
    }
  }

  protected completionsRequest(response: DebugProtocol.CompletionsResponse, args: DebugProtocol.CompletionsArguments): void {
    const names = this.document?.scenario.characters.map((character) => character.name.value) ?? [];
    const lines = args.text.split('\n');
    const line = args.line === undefined ? lines.length - 1 : args.line - 1;
    const before = [...lines.slice(0, line), lines[line]?.slice(0, this.convertClientColumnToDebugger(args.column)) ?? ''].join('\n');
    const cursor = before.length - before.lastIndexOf('\n') - 1;
    response.body = {
      targets: consoleCompletions(before, names).map((item) => ({
        label: item.label,
        text: item.text,
        start: this.convertDebuggerColumnToClient(item.start) - (this.convertDebuggerColumnToClient(0) === 1 ? 1 : 0),
        length: cursor - item.start,
      })),
    };
    this.sendResponse(response);
  }

  protected exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const stop = this.runtime?.stopped;
    if (stop?.failure) {
      const { failure } = stop;
      const parts = [
        failure.expected !== undefined ? `expected:\n${failure.expected}` : '',
        failure.actual !== undefined ? `received:\n${failure.actual}` : '',
      ];
      response.body = {
        exceptionId: failure.kind,
        description: failure.message,
        breakMode: 'always',
        details: { message: failure.message, typeName: failure.kind, stackTrace: parts.filter((part) => part !== '').join('\n\n') },
      };
    } else if (stop?.passedOver) {
      const count = stop.passedOver.length;
      response.body = {
        exceptionId: 'passed-over',
        description: `${stop.step.character.value} passed over ${count} stanza${count === 1 ? '' : 's'} before the one this step matched`,
        breakMode: 'unhandled',
        details: { typeName: 'passed-over', stackTrace: stop.passedOver.map((entry) => entry.text).join('\n\n') },
      };
    } else {
      return this.sendErrorResponse(response, 3020, 'not stopped on a failure');
    }
    this.sendResponse(response);
  }

  protected continueRequest(response: DebugProtocol.ContinueResponse): void {
    response.body = { allThreadsContinued: true };
    this.sendResponse(response);
    this.runtime?.continue();
  }

  protected nextRequest(response: DebugProtocol.NextResponse): void {
    this.sendResponse(response);
    this.runtime?.next();
  }

  protected stepInRequest(response: DebugProtocol.StepInResponse): void {
    this.sendResponse(response);
    this.runtime?.next();
  }

  protected stepOutRequest(response: DebugProtocol.StepOutResponse): void {
    this.sendResponse(response);
    this.runtime?.continue();
  }

  protected pauseRequest(response: DebugProtocol.PauseResponse): void {
    this.sendResponse(response);
    this.runtime?.pause();
  }

  private async custom(command: string, response: DebugProtocol.Response, args: unknown): Promise<void> {
    if (command !== insertReceivedStepRequest.command) return super.customRequest(command, response, args);
    try {
      response.body = this.insertReceivedStep(args as InsertReceivedStepArguments);
      this.sendResponse(response);
      if (this.supportsInvalidated) this.sendEvent(new InvalidatedEvent(['stacks']));
      this.announceStop();
    } catch (error) {
      this.sendErrorResponse(response, 3030, (error as Error).message);
    }
  }

  /** Takes the oldest unconsumed stanza of a character and writes it as a `receives` step above
   *  the paused step (core/snapshot.ts writes it as "Accept received stanza" does). */
  private insertReceivedStep(args: InsertReceivedStepArguments): InsertReceivedStepResponse {
    const stop = this.runtime?.stopped;
    const document = this.document;
    if (!stop || !document) throw new Error('the scenario is not stopped at a step');
    if (typeof args?.text !== 'string') throw new Error('the request needs the text of the file');
    const characters = stop.live.characters();
    const character = args.character
      ? characters.find((candidate) => candidate.name === args.character)
      : characters.find((candidate) => candidate.pending.length > 0);
    const oldest = character?.pending[0];
    if (!character || !oldest)
      throw new Error(
        args.character ? `${args.character} has received nothing that no step consumed` : 'no character has received a stanza that no step consumed',
      );
    if (!document.isCurrent(args.text)) throw new Error('the file changed in other ways since the session started: restart the session to insert steps');
    // Before the step about to run; after a failed step, before that step.
    const before = stop.step.index;
    const boundJids = Object.fromEntries(characters.filter((c) => c.fullJid !== undefined).map((c) => [c.name, c.fullJid!]));
    const current = parseScenario(args.text);
    const atIndex = document.scenario.steps.indexOf(document.documentStep(before));
    const edit = receivedStepEdit(current, atIndex, character.name, prettyStanza(oldest.stanza), boundJids);
    document.stepInserted(applyEdit(args.text, edit), before);
    stop.live.takePending(character.name);
    this.variables.reset();
    return { character: character.name, edit };
  }

  private async load(): Promise<{ scenario: Scenario } | { error: string }> {
    const program = this.args!.program;
    const check = await checkFile(program);
    if (!check.scenario) return { error: `cannot read ${program}: ${check.readError}` };
    this.document = new DocumentSteps(check.scenario);
    this.breakpoints.set(this.breakpointRequests, this.document);
    return { scenario: check.scenario };
  }

  /** Loads the program and asks the run gate (core/gate.ts) whether it may run: the scenario, or
   *  undefined once `response` has been answered with why not (3002: unreadable, 3004: refused). */
  private async loadRunnable(response: DebugProtocol.Response): Promise<Scenario | undefined> {
    const loaded = await this.load();
    if ('error' in loaded) {
      this.sendErrorResponse(response, 3002, loaded.error);
      return undefined;
    }
    const refusal = runGate(loaded.scenario);
    if (refusal) {
      this.sendErrorResponse(response, 3004, refusal.message);
      return undefined;
    }
    return loaded.scenario;
  }

  private startRun(scenario: Scenario): void {
    const args = this.args!;
    const passwords = new Map(Object.entries(args.passwords ?? {}).map(([jid, password]) => [jid.toLowerCase(), password]));
    const options: Partial<RunOptions> = runOptionsOf(args, this.server);
    const stopAt = args.stopAtLine === undefined ? undefined : this.document!.engineStepAt(args.stopAtLine - 1)?.index;
    const runtime = new ScenarioRuntime(
      passwords.size > 0 ? withPasswords(scenario, passwords) : scenario,
      args.program,
      options,
      this.breakpoints,
      () => this.filters,
      {
        stopped: (stop) => this.onStopped(stop),
        running: () => this.sendCustomEvent(runningEvent, { program: args.program }),
        log: (text, step) => this.print(`${text}\n`, step),
      },
      { stopOnEntry: args.stopOnEntry === true, stopBeforeStep: stopAt },
    );
    this.runtime = runtime;
    this.running = runtime.run().then(
      (result) => this.ended(runtime, result),
      (error: Error) => {
        if (this.runtime !== runtime) return;
        this.print(`The run ended with an internal error: ${error.message}\n`, undefined, 'stderr');
        this.sendEvent(new ExitedEvent(2));
        this.sendEvent(new TerminatedEvent());
      },
    );
  }

  private onStopped(stop: Stop): void {
    this.variables.reset();
    const reason = stop.reason === 'failure' || stop.reason === 'passed-over' ? 'exception' : stop.reason;
    const event = new StoppedEvent(reason, THREAD) as DebugProtocol.StoppedEvent;
    if (stop.failure) {
      event.body.description = `Failed step: ${stop.failure.message}`;
      event.body.text = stop.failure.message;
    } else if (stop.passedOver) {
      event.body.description = 'Stanza passed over';
      event.body.text = `${stop.passedOver.length} stanza(s) passed over`;
    }
    if (stop.breakpointId !== undefined) event.body.hitBreakpointIds = [stop.breakpointId];
    this.sendEvent(event);
    this.announceStop();
  }

  /** Sends one of the custom events of shared/protocol.ts. */
  private sendCustomEvent<Body>(type: DebugEventType<Body>, body: Body): void {
    this.sendEvent(new Event(type.event, body));
  }

  /** Tells the extension where the session stands and what is bound (custom events). */
  private announceStop(): void {
    const stop = this.runtime?.stopped;
    if (!stop || !this.document || !this.args) return;
    const characters = stop.live.characters();
    const boundJids = Object.fromEntries(characters.filter((c) => c.fullJid !== undefined).map((c) => [c.name, c.fullJid!]));
    this.sendCustomEvent(boundJidsEvent, { program: this.args.program, boundJids });
    const stopped: StoppedBody = {
      program: this.args.program,
      range: this.document.documentStep(stop.step.index).actionRange,
      connectedCharacters: characters.filter((c) => c.connected).map((c) => c.name),
    };
    this.sendCustomEvent(stoppedEvent, stopped);
  }

  private ended(runtime: ScenarioRuntime, result: ScenarioResult): void {
    if (this.runtime !== runtime) return;
    this.runtime = undefined;
    this.print(summary(result, this.document));
    this.sendCustomEvent(boundJidsEvent, { program: result.file, boundJids: result.boundJids });
    this.sendCustomEvent(resultEvent, { program: result.file, result });
    this.sendEvent(new ExitedEvent(exitCodeOf(result)));
    this.sendEvent(new TerminatedEvent());
  }

  /** Stops the current run, closing its connections at once, and waits until it has ended. */
  private async stopRun(): Promise<void> {
    const runtime = this.runtime;
    const running = this.running;
    this.runtime = undefined;
    runtime?.stop();
    await running;
  }

  private close(): Promise<void> {
    this.closing ??= (async () => {
      await this.stopRun();
      await this.server?.stop();
      this.server = undefined;
    })();
    return this.closing;
  }

  private print(text: string, step?: Step, category: 'console' | 'stderr' = 'console'): void {
    const event = new OutputEvent(text, category) as DebugProtocol.OutputEvent;
    if (step && this.args && this.document) {
      event.body.source = new Source(basename(this.args.program), this.convertDebuggerPathToClient(this.args.program));
      event.body.line = this.convertDebuggerLineToClient(this.document.documentStep(step.index).actionRange.start.line);
    }
    this.sendEvent(event);
  }
}

function summary(result: ScenarioResult, document: DocumentSteps | undefined): string {
  if (result.status === 'passed') return `Scenario passed (${result.steps.length} steps, ${result.durationMs} ms)\n`;
  const failure = result.failure;
  const failed = result.steps.find((step) => step.failure);
  const line = failed && document ? document.documentStep(failed.index).actionRange.start.line + 1 : failure && lineNumber(failure.range);
  return `Scenario ${result.status} at line ${line}: ${failure?.message ?? 'unknown'}\n`;
}
