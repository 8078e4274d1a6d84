// formwork local runtime: the bootstrap of a Node.js Lambda execution environment.
//
// Started by formwork (local/runtime.cpp) as `node bootstrap.cjs` in the function's code
// folder, with Lambda's environment variables. It loads the handler (_HANDLER) once, then
// serves invocations one at a time: a JSON request a line on fd 3 (a socket), a JSON answer a
// line back. The handler's stdout and stderr are the function's log; after each phase (init,
// invocation) the marker line "\x1eFWEND" is written to stdout. Handler lookup, context,
// callbacks and error payloads follow the AWS runtime interface client (UserFunction.js,
// CallbackContext.js, Errors.js).
"use strict";

const fs = require("fs");
const net = require("net");
const path = require("path");
const { pathToFileURL } = require("url");

const END = "\x1eFWEND\n";

class UserError extends Error {
  constructor(type, message) {
    super(message);
    this.name = type;
  }
}

function toFormatted(error) {
  if (error instanceof Error) {
    const name = error.name || "Error";
    return {
      errorType: name,
      errorMessage: error.message,
      trace: String(error.stack || "").split("\n"),
    };
  }
  if (typeof error === "object" && error !== null) {
    return { errorType: "object", errorMessage: JSON.stringify(error), trace: [] };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

function hasPackageJsonTypeModule(file) {
  let dir = path.dirname(file);
  for (;;) {
    const candidate = path.join(dir, "package.json");
    if (fs.existsSync(candidate)) {
      try {
        return JSON.parse(fs.readFileSync(candidate, "utf8")).type === "module";
      } catch (_) {
        return false;
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return false;
    dir = parent;
  }
}

function tryRequire(file) {
  if (!fs.existsSync(file)) return undefined;
  return require(file);
}

async function tryImport(file) {
  if (!fs.existsSync(file)) return undefined;
  return import(pathToFileURL(file).href);
}

async function loadModule(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  const typeModule = hasPackageJsonTypeModule(base + ".js");
  if (!typeModule) {
    const loaded = tryRequire(base + ".js");
    if (loaded !== undefined) return loaded;
  }
  const loaded = (typeModule && (await tryImport(base + ".js"))) || (await tryImport(base + ".mjs")) ||
    tryRequire(base + ".cjs");
  if (loaded !== undefined) return loaded;
  throw new UserError("Runtime.ImportModuleError",
    `Error: Cannot find module '${path.join(moduleRoot, moduleName)}'`);
}

async function loadHandler(appRoot, fullHandler) {
  const handlerString = path.basename(fullHandler);
  const moduleRoot = fullHandler.substring(0, fullHandler.indexOf(handlerString));
  const match = handlerString.match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3) throw new UserError("Runtime.MalformedHandlerName", "Bad handler");
  const [, moduleName, property] = match;
  let userModule;
  try {
    userModule = await loadModule(appRoot, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof SyntaxError) throw new UserError("Runtime.UserCodeSyntaxError", String(error));
    if (error && error.code === "MODULE_NOT_FOUND") throw new UserError("Runtime.ImportModuleError", String(error));
    throw error;
  }
  const handler = property.split(".").reduce((nested, key) => (nested ? nested[key] : undefined), userModule);
  if (handler === undefined) {
    throw new UserError("Runtime.HandlerNotFound", `${fullHandler} is undefined or not exported`);
  }
  if (typeof handler !== "function") {
    throw new UserError("Runtime.HandlerNotFound", `${fullHandler} is not a function`);
  }
  return handler;
}

function makeContext(request) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: request.invokedFunctionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: request.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    identity: undefined,
    clientContext: request.clientContext ? JSON.parse(request.clientContext) : undefined,
    getRemainingTimeInMillis() {
      return Math.max(request.deadlineMs - Date.now(), 0);
    },
  };
}

const channel = new net.Socket({ fd: 3, readable: true, writable: true });
let emptyLoopWaiter = null; // set while a callback handler waits for the event loop to empty

function send(message) {
  channel.write(JSON.stringify(message) + "\n");
}

function endPhase() {
  fs.writeSync(1, END);
}

process.on("beforeExit", () => {
  if (emptyLoopWaiter) {
    const waiter = emptyLoopWaiter;
    emptyLoopWaiter = null;
    channel.ref();
    waiter();
  }
});

function errorAnswer(error) {
  const payload = toFormatted(error);
  console.error(`ERROR\tInvoke Error \t${JSON.stringify({ ...payload, stack: payload.trace, trace: undefined })}`);
  return { type: "error", payload: JSON.stringify(payload) };
}

function resultAnswer(result) {
  try {
    const text = JSON.stringify(result === undefined ? null : result);
    return { type: "result", payload: text === undefined ? "null" : text };
  } catch (error) {
    return errorAnswer(new UserError("Runtime.MarshalError", `Unable to stringify response body as json: ${error.message}`));
  }
}

// Runs one invocation; resolves with the answer to send.
function invoke(handler, event, context) {
  return new Promise((resolve) => {
    let answered = false;
    const answer = (message) => {
      if (answered) return;
      answered = true;
      resolve(message);
    };
    let calledBack = false;
    const callback = (error, result) => {
      if (calledBack) return;
      calledBack = true;
      const message = error !== undefined && error !== null ? errorAnswer(error) : resultAnswer(result);
      if (context.callbackWaitsForEmptyEventLoop) {
        emptyLoopWaiter = () => answer(message);
        channel.unref();
      } else {
        answer(message);
      }
    };
    context.done = callback;
    context.succeed = (result) => callback(null, result);
    context.fail = (error) => callback(error === undefined || error === null ? "handled" : error);
    try {
      const returned = handler(event, context, callback);
      if (returned && typeof returned.then === "function") {
        returned.then((result) => answer(resultAnswer(result)),
          (error) => answer(errorAnswer(error === undefined || error === null ? new Error("Unhandled rejection") : error)));
      } else if (!calledBack) {
        // A non-async handler answers through the callback; if it never calls it, Lambda
        // answers null once the event loop is empty.
        emptyLoopWaiter = () => answer(resultAnswer(null));
        channel.unref();
      }
    } catch (error) {
      answer(errorAnswer(error));
    }
  });
}

async function main() {
  const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();
  let handler;
  try {
    handler = await loadHandler(appRoot, process.env._HANDLER || "");
  } catch (error) {
    const payload = toFormatted(error);
    console.error(`${payload.errorType}: ${payload.errorMessage}`);
    endPhase();
    channel.end(JSON.stringify({ type: "init_error", payload: JSON.stringify(payload) }) + "\n", () => process.exit(1));
    return;
  }
  endPhase();
  send({ type: "ready" });

  let buffered = "";
  let busy = Promise.resolve();
  channel.on("data", (chunk) => {
    buffered += chunk.toString("utf8");
    let newline;
    while ((newline = buffered.indexOf("\n")) >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      busy = busy.then(async () => {
        const request = JSON.parse(line);
        process.env._X_AMZN_TRACE_ID = request.traceId || "";
        let answer;
        try {
          answer = await invoke(handler, JSON.parse(request.event), makeContext(request));
        } catch (error) {
          answer = errorAnswer(error);
        }
        emptyLoopWaiter = null;
        channel.ref();
        endPhase();
        send(answer);
      });
    }
  });
  channel.on("end", () => process.exit(0));
}

main();
