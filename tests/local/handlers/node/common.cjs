exports.handler = async () => ({ module: "common.cjs" });
