// k6/execution: where this VU and iteration stand, and test.abort() / test.fail().
const host = globalThis.__loadtcp;
const info = (key) => host.execInfo(key);

const exec = {
  vu: {
    get idInInstance() { return info("vu.idInInstance"); },
    get idInTest() { return info("vu.idInTest"); },
    get iterationInInstance() { return info("vu.iterationInInstance"); },
    get iterationInScenario() { return info("vu.iterationInScenario"); },
    get tags() { return JSON.parse(host.execText("vu.tags")); },
  },
  scenario: {
    get name() { return host.execText("scenario.name"); },
    get executor() { return host.execText("scenario.executor"); },
    get startTime() { return info("scenario.startTime"); },
    get progress() { return info("scenario.progress"); },
    get iterationInInstance() { return info("scenario.iterationInInstance"); },
    get iterationInTest() { return info("scenario.iterationInTest"); },
  },
  instance: {
    get vusActive() { return info("instance.vusActive"); },
    get vusInitialized() { return info("instance.vusInitialized"); },
    get iterationsCompleted() { return info("instance.iterationsCompleted"); },
    get iterationsInterrupted() { return info("instance.iterationsInterrupted"); },
    get currentTestRunDuration() { return info("instance.currentTestRunDuration"); },
  },
  test: {
    abort(message) {
      host.abortTest(message === undefined ? "" : String(message));
      throw new Error("test aborted" + (message ? ": " + message : ""));
    },
    fail(message) { host.failTest(message === undefined ? "" : String(message)); },
    get options() { return JSON.parse(host.execText("test.options")); },
  },
};

export const vu = exec.vu;
export const scenario = exec.scenario;
export const instance = exec.instance;
export const test = exec.test;
export default exec;
