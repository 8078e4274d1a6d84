// Node.js handlers of every shape (tests/local/runtime_test.cpp).
let invocations = 0;

exports.asyncHandler = async (event, context) => {
  invocations += 1;
  console.log(`async invocation ${invocations}`);
  return {
    event,
    pid: process.pid,
    invocations,
    awsRequestId: context.awsRequestId,
    functionName: context.functionName,
    memoryLimitInMB: context.memoryLimitInMB,
    invokedFunctionArn: context.invokedFunctionArn,
    remaining: context.getRemainingTimeInMillis(),
    stage: process.env.STAGE,
  };
};

exports.callbackHandler = (event, context, callback) => {
  setTimeout(() => callback(null, { via: "callback", value: event.value }), 20);
};

exports.callbackError = (event, context, callback) => {
  callback(new TypeError("bad input"));
};

// Answers only once its timer has run: Lambda waits for the empty event loop.
exports.waitsForLoop = (event, context, callback) => {
  let late = "not yet";
  setTimeout(() => {
    late = "ran";
    console.log("timer ran");
  }, 50);
  callback(null, { late });
};

exports.syncReturn = () => ({ ignored: true });

exports.throws = async () => {
  throw new Error("boom");
};

exports.nested = { deeper: { handler: async () => "nested ok" } };

exports.notAFunction = 42;

exports.exits = async () => {
  process.exit(2);
};

exports.loops = async () => {
  for (;;) {
    // spin
  }
};

exports.circular = async () => {
  const a = {};
  a.self = a;
  return a;
};
