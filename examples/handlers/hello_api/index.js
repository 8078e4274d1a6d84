// Answers every request of the proxy REST API with the method, path and stage it saw.
exports.handler = async (event) => ({
  statusCode: 200,
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({
    message: "hello from formwork",
    method: event.httpMethod,
    path: event.path,
    stage: process.env.STAGE,
  }),
});
